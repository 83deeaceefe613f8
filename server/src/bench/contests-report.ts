import os from 'node:os';
import {
  DELAY_TARGET_MS,
  GAP_MS,
  ROUND_SCREENS,
  SCREENS,
  type ContestsReport,
  type ScreenRow,
  type Stats,
  type SubmitRow,
} from './contests';
import type { RunInfo, Skipped } from './report';
import { LIVE_INTERVAL_MS } from '../modules/contests/contests.live';

export const CONTESTS_START = '<!-- bench:contests:start -->';
export const CONTESTS_END = '<!-- bench:contests:end -->';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) =>
  Number.isNaN(n) ? '—' : Math.abs(n) < 10 ? n.toFixed(2) : Math.abs(n) < 1000 ? n.toFixed(0) : int(n);
const times = (x: number) => (x < 100 ? `${x.toFixed(1)}×` : `${int(x)}×`);
const secs = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;
const three = (s: Stats | null) => (s && s.n ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}` : '—');

function submitLine(r: ContestsReport, s: SubmitRow): string {
  const x = s.latency;
  const ratio = s.kind === 'burst' ? times(x.p95 / r.singleMedian) : '—';
  const verdict =
    s.kind === 'floor' || s.kind === 'single' ? (s.ok ? 'baseline' : '**FAIL**') : s.ok ? 'PASS' : '**FAIL**';
  const checked = s.kind === 'floor' ? '—' : `${s.lost} / ${s.extra} / ${s.wrong}`;
  const timed = s.kind !== 'race';
  return (
    `| ${s.label} | ${s.sent} | ${s.accepted} | ${s.refused || '—'} | ${checked} | ` +
    `${timed ? ms(x.p50) : '—'} | ${timed ? ms(x.p95) : '—'} | ${timed ? ms(x.max) : '—'} | ` +
    `${s.kind === 'burst' ? ms(s.wallMs) : '—'} | ${ratio} | ${verdict} |`
  );
}

function screenLine(s: ScreenRow): string {
  const verdict = s.ok ? 'PASS' : '**FAIL**';
  if (s.kind === 'spaced') {
    return (
      `| ${s.label} | ${s.screens} | ${int(s.updates)} | ${three(s.fromSend)} | ${three(s.fromAnswer)} | ` +
      `${s.missed} | ${verdict} |`
    );
  }
  const events = s.events
    ? s.events.min === s.events.max
      ? `${s.events.min} board event${s.events.min === 1 ? '' : 's'}`
      : `${s.events.min}–${s.events.max} board events`
    : '—';
  const last = s.afterLastAnswer === null ? '' : ` (${ms(s.afterLastAnswer)} ms after the last answer)`;
  return (
    `| ${s.label}: ${events} per screen | ${s.screens} | ${int(s.updates)} | all shown ` +
    `${ms(s.allShown?.max ?? Number.NaN)} ms after the requests were sent${last} | lag behind the answers: ` +
    `${three(s.fromAnswer)} | ${s.missed} | ${verdict} |`
  );
}

function tables(r: ContestsReport): string[] {
  const w = r.world;
  const cap = w.apiJudgeCap
    ? ` The API caps a panel at ${w.apiJudgeCap} judges (\`contestCreateBody.judgeIds\`), so the ${w.judges}-judge ` +
      'contest was created through `services.contests.create` with an otherwise validated body (the service does ' +
      'not re-check the count): a real 200-judge contest cannot be set up through `POST /api/contests` today.'
    : '';
  return [
    `### ${r.label}`,
    '',
    `Data: ${w.judges} judges and ${w.projects} approved projects on one contest, seeded in ${secs(w.seedMs)} ` +
      `(creating the judges, argon2 hash each: ${secs(w.judgesMs)}); ${w.judges + 1} users logged in over HTTP in ` +
      `${secs(w.loginMs)}.${cap} \`services.contests.board\` alone (staff view, ${int(r.boardSheets)} ` +
      `sheets in, after the rounds): ${ms(r.boardMs.p50)} ms median, ${ms(r.boardMs.p95)} ms p95.`,
    '',
    `| judges' submissions | sent | 200 | refused | lost / extra / wrong | p50 ms | p95 ms | max ms | burst wall ms | ` +
      `p95 × single | verdict |`,
    '|---|---:|---:|---|:---:|---:|---:|---:|---:|---:|:---:|',
    ...r.submits.map((s) => submitLine(r, s)),
    '',
    `| big screen | screens | board updates | delay after the request was sent, p50 / p95 / max ms | ` +
      `after its answer came in, p50 / p95 / max ms | missed | p95 ≤ ${int(DELAY_TARGET_MS)} ms |`,
    '|---|---:|---:|---|---|---:|:---:|',
    ...r.screens.map(screenLine),
    ...(r.crossSkipped ? ['', `No cross-instance rows: ${r.crossSkipped}.`] : []),
  ];
}

/** The markdown of the contests section (stdout and PERFORMANCE.md). */
export function renderContestsSection(info: RunInfo, reports: ContestsReport[], skipped: Skipped[]): string {
  const cpus = os.cpus();
  const loads = reports.flatMap((r) => [...r.submits, ...r.screens].map((s) => s.loadAvg));
  const loadRange = loads.length ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : 'n/a';
  const judges = reports[0]?.world.judges ?? 200;
  const lines = [
    CONTESTS_START,
    `## Contest: ${judges} judges submitting at once, big-screen update delay`,
    '',
    `Measured ${info.date.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` ` +
      `(whole run ${info.totalS.toFixed(0)} s) on ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${os.platform()} ${os.arch()}, Node ${process.version}; 1-minute load average ${loadRange} while measuring ` +
      'these scenarios (other work on the machine shows up as noise).',
    '',
    'Method: the real app listens on 127.0.0.1 in the bench process; the judges’ phones and the big screens are a ' +
      'forked child process (its own event loop and CPU account, one clock for every time below). Each judge logs in ' +
      'through `POST /api/auth/login` before anything is timed and keeps their own cookie, CSRF token and kept-alive ' +
      `connection; before each timed run every connection is used once and the bench waits ${secs(3_500)} so the ` +
      '3 s session cache is cold again, as it would be for a judge who took minutes to score. A submission is `PUT ' +
      "/api/contests/:id/projects/:projectId/sheet` with whole points in the default rubric's ranges; its latency runs " +
      'from writing the request to the last byte of the answer. The screens are `GET /api/contests/:id/stream` as a ' +
      "city staff user (Server-Sent Events; the contest's board is computed once for every screen of the process " +
      `after a change, at most once per ${LIVE_INTERVAL_MS} ms while changes keep coming and always once after the ` +
      "last one, and each screen is sent its viewer's cut of it); a submission counts as shown when the first " +
      'board event after it was sent shows at least that many sheets for the project on stage. Stage 1: (j) ' +
      `judges submit one at a time, ${GAP_MS} ms apart, with no screen open — the uncontended single submission ` +
      `the rounds are compared with (× single = round p95 ÷ (j) median); (n) and (o) the same with 1 and with ` +
      `${SCREENS} screens open, for the delay; (l) judges each send two different sheets at the same moment over ` +
      'two connections. Then the host closes scoring and brings on the ' +
      `next project, and in ${ROUND_SCREENS.length} rounds (k) every judge submits at once (all requests written in ` +
      `one go; screens open: ${ROUND_SCREENS.join(', ')}); after round 1, (m) judges re-submit other scores. After ` +
      "each stage the project's sheets are read back through `services.contests.sheets`: lost = answered 200 but " +
      'not stored; extra = stored twice, stored although refused, or stored for a judge who sent nothing; wrong = ' +
      'stored with other points than sent. Latencies are nearest-rank percentiles. Targets: every sheet of a round ' +
      `accepted and none lost (PASS per row), and the board shows a submission within ${int(DELAY_TARGET_MS)} ms ` +
      '(p95 after the request was sent, for (n) and (o)). In a round every request is sent at the same moment, so the ' +
      "delay after sending is the round's submission latency (k); (p) measures instead how far the board trails " +
      'the answers: the i-th answer to arrive against the first board ' +
      'event showing i sheets (negative when the board was first), with the same 1,000 ms target on its p95; it ' +
      'also gives when the last screen showed every sheet and how many board events each screen got (one per ' +
      'sheet would mean no throttling). Across instances (PostgreSQL): a second app instance (`buildApp` over the same ' +
      'database with its own pool, services and contest events, on another port — a second server process) serves ' +
      'the big screen while the judges submit to the first, so every board update has to travel through the ' +
      'LISTEN/NOTIFY relay: (q) as (n), and a last round (k4)/(p4) as round 1.',
    '',
  ];
  for (const r of reports) lines.push(...tables(r), '');
  for (const s of skipped) lines.push(`### ${s.label}`, '', `Skipped: ${s.reason}.`, '');
  lines.push(CONTESTS_END);
  return lines.join('\n');
}
