import {
  distanceM,
  formatPay,
  GIG_KINDS,
  GIG_SKILLS,
  payPerDayFen,
  type GigKind,
  type GigPayUnit,
  type GigSkill,
  type Locale,
} from '@touyan/schemas';

/*
 * The explained score of a worker for a job (零工快招, issue 13): pure, shared by "matching workers
 * for a job", "jobs for me" and the pushes. Out of 100:
 *   kind 30 (a wanted kind; 15 when the worker takes any kind),
 *   place 25 (by distance when both have coordinates: 25 at the spot, falling to 0 at the worker's
 *     maximum distance, beyond which there is no match; else 12 when the job lies in the worker's region),
 *   time 20 (every working day and hour inside the worker's; 10 when they only overlap; 15 without
 *     preferences; no common day or hour: no match),
 *   pay 15 (per day, an hour = 1/8 day, a month = 22 days: at or above the worker's minimum 15, within
 *     10 % below it 4, further below no match; piece rates and no minimum 8),
 *   skills 10 (the share of the required skills and certificates the worker holds; none required 10).
 * Each part that says something gives a reason, in this order: place, time, skills, kind, pay.
 */

export type MatchReason =
  | { k: 'distance'; m: number }
  | { k: 'region'; name: string }
  | { k: 'time_fit' }
  | { k: 'time_partial' }
  | { k: 'skills'; have: GigSkill[] }
  | { k: 'skills_missing'; missing: GigSkill[] }
  | { k: 'kind'; kind: GigKind }
  | { k: 'pay'; fen: number; unit: GigPayUnit; minFen: number; minUnit: GigPayUnit }
  | { k: 'pay_low'; fen: number; unit: GigPayUnit }
  | { k: 'piece'; fen: number };

export interface MatchJob {
  kind: GigKind;
  payFen: number;
  payUnit: GigPayUnit;
  lat: number | null;
  lng: number | null;
  regionName: string;
  /** Bit mask of weekdays (bit d−1 for weekday d). */
  weekdays: number;
  dayStart: string;
  dayEnd: string;
  skills: readonly GigSkill[];
}

export interface MatchPrefs {
  /** Wanted kinds; empty = any. */
  kinds: readonly GigKind[];
  lat: number | null;
  lng: number | null;
  /** Whether the job lies in the worker's region (their preferred place, else their registration's). */
  inRegion: boolean;
  maxDistanceKm: number;
  /** 0 = any day. */
  weekdays: number;
  hourFrom: string | null;
  hourTo: string | null;
  minPayFen: number | null;
  minPayUnit: GigPayUnit | null;
  skills: readonly GigSkill[];
}

export interface MatchResult {
  score: number;
  reasons: MatchReason[];
  distanceM: number | null;
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** A span of the day in minutes; an end at or before the start runs past midnight. */
function span(from: string, to: string): [number, number] {
  const a = minutes(from);
  let b = minutes(to);
  if (b <= a) b += 24 * 60;
  return [a, b];
}

/** How the job's hours sit in the worker's: inside, overlapping, or apart. */
function hoursFit(job: [number, number], worker: [number, number]): 'inside' | 'overlap' | 'apart' {
  // Compare on the worker's day and shifted by a day, so spans across midnight meet.
  let best: 'inside' | 'overlap' | 'apart' = 'apart';
  for (const shift of [0, -1440, 1440]) {
    const a = job[0] + shift;
    const b = job[1] + shift;
    if (a >= worker[0] && b <= worker[1]) return 'inside';
    if (a < worker[1] && b > worker[0]) best = 'overlap';
  }
  return best;
}

export function scoreMatch(job: MatchJob, prefs: MatchPrefs): MatchResult | null {
  const reasons: MatchReason[] = [];
  let score = 0;

  // Place.
  let distance: number | null = null;
  if (job.lat !== null && job.lng !== null && prefs.lat !== null && prefs.lng !== null) {
    distance = distanceM({ lat: prefs.lat, lng: prefs.lng }, { lat: job.lat, lng: job.lng });
    const max = prefs.maxDistanceKm * 1000;
    if (distance > max) return null;
    score += Math.round(25 * (1 - distance / max));
    reasons.push({ k: 'distance', m: Math.round(distance) });
  } else if (prefs.inRegion) {
    score += 12;
    reasons.push({ k: 'region', name: job.regionName });
  } else return null;

  // Time.
  const days = prefs.weekdays === 0 ? job.weekdays : job.weekdays & prefs.weekdays;
  if (days === 0) return null;
  if (prefs.weekdays === 0 && prefs.hourFrom === null) score += 15;
  else {
    const allDays = days === job.weekdays;
    const hours =
      prefs.hourFrom === null || prefs.hourTo === null
        ? 'inside'
        : hoursFit(span(job.dayStart, job.dayEnd), span(prefs.hourFrom, prefs.hourTo));
    if (hours === 'apart') return null;
    if (allDays && hours === 'inside') {
      score += 20;
      reasons.push({ k: 'time_fit' });
    } else {
      score += 10;
      reasons.push({ k: 'time_partial' });
    }
  }

  // Skills.
  if (job.skills.length === 0) score += 10;
  else {
    const have = job.skills.filter((s) => prefs.skills.includes(s));
    const missing = job.skills.filter((s) => !prefs.skills.includes(s));
    score += Math.round((10 * have.length) / job.skills.length);
    if (have.length) reasons.push({ k: 'skills', have });
    if (missing.length) reasons.push({ k: 'skills_missing', missing });
  }

  // Kind.
  if (prefs.kinds.length === 0) score += 15;
  else if (prefs.kinds.includes(job.kind)) {
    score += 30;
    reasons.push({ k: 'kind', kind: job.kind });
  } else return null;

  // Pay.
  const perDay = payPerDayFen(job.payFen, job.payUnit);
  if (perDay === null) {
    score += 8;
    reasons.push({ k: 'piece', fen: job.payFen });
  } else if (prefs.minPayFen === null || prefs.minPayUnit === null) score += 8;
  else {
    const min = payPerDayFen(prefs.minPayFen, prefs.minPayUnit) ?? 0;
    if (perDay >= min) {
      score += 15;
      reasons.push({
        k: 'pay',
        fen: job.payFen,
        unit: job.payUnit,
        minFen: prefs.minPayFen,
        minUnit: prefs.minPayUnit,
      });
    } else if (perDay >= min * 0.9) {
      score += 4;
      reasons.push({ k: 'pay_low', fen: job.payFen, unit: job.payUnit });
    } else return null;
  }

  return { score, reasons, distanceM: distance === null ? null : Math.round(distance) };
}

const km = (m: number) => (m < 10_000 ? (m / 1000).toFixed(1) : String(Math.round(m / 1000)));

/** One reason in words: "距离 2.1 km", "时间吻合", "技能：叉车证" … */
export function reasonText(r: MatchReason, lang: Locale): string {
  const zh = lang === 'zh-CN';
  switch (r.k) {
    case 'distance':
      return zh ? `距离 ${km(r.m)} km` : `${km(r.m)} km away`;
    case 'region':
      return zh ? `位于${r.name}` : `In ${r.name}`;
    case 'time_fit':
      return zh ? '时间吻合' : 'Fits your hours';
    case 'time_partial':
      return zh ? '时间部分吻合' : 'Partly fits your hours';
    case 'skills':
      return zh
        ? `技能：${r.have.map((s) => GIG_SKILLS[s]['zh-CN']).join('、')}`
        : `Skills: ${r.have.map((s) => GIG_SKILLS[s].en).join(', ')}`;
    case 'skills_missing':
      return zh
        ? `缺少：${r.missing.map((s) => GIG_SKILLS[s]['zh-CN']).join('、')}`
        : `Missing: ${r.missing.map((s) => GIG_SKILLS[s].en).join(', ')}`;
    case 'kind':
      return zh ? `工种：${GIG_KINDS[r.kind]['zh-CN']}` : `Kind: ${GIG_KINDS[r.kind].en}`;
    case 'pay':
      return zh
        ? `薪资 ${formatPay(r.fen, r.unit)}（期望 ≥ ${formatPay(r.minFen, r.minUnit)}）`
        : `Pays ${formatPay(r.fen, r.unit, 'en')} (wanted ≥ ${formatPay(r.minFen, r.minUnit, 'en')})`;
    case 'pay_low':
      return zh
        ? `薪资 ${formatPay(r.fen, r.unit)}，略低于期望`
        : `Pays ${formatPay(r.fen, r.unit, 'en')}, a little below your minimum`;
    case 'piece':
      return zh ? `计件 ${formatPay(r.fen, 'piece')}` : `Piece rate ${formatPay(r.fen, 'piece', 'en')}`;
  }
}

export const reasonTexts = (reasons: readonly MatchReason[], lang: Locale): string[] =>
  reasons.map((r) => reasonText(r, lang));
export const summaryOf = (reasons: readonly MatchReason[], lang: Locale): string =>
  reasonTexts(reasons, lang).join(' · ');

/** Best first: score, then the nearer, then the id (a stable order). */
export function byScore<T extends { id: string; match: MatchResult }>(a: T, b: T): number {
  return (
    b.match.score - a.match.score ||
    (a.match.distanceM ?? Number.MAX_SAFE_INTEGER) - (b.match.distanceM ?? Number.MAX_SAFE_INTEGER) ||
    a.id.localeCompare(b.id)
  );
}
