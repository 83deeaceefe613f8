import os from 'node:os';
import type { RequestContext } from '../core/actor';
import type { Services } from '../services';
import { actorOf, contextFor } from '../seed/factories';
import { Rng } from '../seed/random';
import type { BenchDatabase } from './databases';
import { percentile } from './load';
import { ContestClient, type BurstResult, type PlannedSheet, type Sent, type SpacedResult } from './contests-client';
import { nextPresenter, plannedSheet, seedContest, type ContestWorld } from './contests-world';
import { progress } from './scenarios';
import type { BenchTree } from './seed';

/** The big screen's target: a submission shows on the board within this many ms (p95). */
export const DELAY_TARGET_MS = 1_000;
/** Judges on the panel (BENCH_CONTEST_JUDGES for a smaller trial run). */
export const JUDGES = Number(process.env.BENCH_CONTEST_JUDGES ?? 200);
/** Screens open at once in the multi-screen runs. */
export const SCREENS = 10;
/** Spacing of the one-at-a-time submissions. */
export const GAP_MS = 100;
/** Burst rounds (one project each) and the screens open during each (on the judges' app instance). */
export const ROUND_SCREENS = [1, 1, SCREENS] as const;
/** GET /api/auth/me repetitions for the per-request floor. */
const ME_COUNT = 30;
/** Board computations timed in the bench process. */
const BOARD_COUNT = 30;
/** Resolved sessions are cached for 3 s; timed requests wait this long after the last warm-up. */
const SESSION_CACHE_COOL_MS = 3_500;
/** Judges who re-submit after a burst (expecting 409 and an unchanged sheet). */
const RESUBMITTERS = 5;

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** One row of the judges' table. */
export interface SubmitRow {
  label: string;
  kind: 'floor' | 'single' | 'burst' | 'race' | 'resubmit';
  screens: number;
  /** Requests sent, and those answered 200. */
  sent: number;
  accepted: number;
  /** Other answers, e.g. `409 CONTEST_SHEET_LOCKED ×10`. */
  refused: string;
  /** Accepted but missing from the database; stored more than once or without a 200; stored with other scores. */
  lost: number;
  extra: number;
  wrong: number;
  latency: Stats;
  /** From the first request sent to the last answer in. */
  wallMs: number;
  ok: boolean;
  loadAvg: number;
}

/** One row of the big-screen table. */
export interface ScreenRow {
  label: string;
  kind: 'spaced' | 'burst';
  screens: number;
  /**
   * Board updates awaited (submissions × screens). Spaced: delay from the request sent and from its
   * answer in. Burst: `fromAnswer` is the lag of the board behind the answers (see burstScreenRow).
   */
  updates: number;
  fromSend: Stats | null;
  fromAnswer: Stats | null;
  missed: number;
  /** Burst: per screen, ms from the burst's start until the board showed every sheet; after the last answer; events. */
  allShown: Stats | null;
  afterLastAnswer: number | null;
  events: { min: number; max: number } | null;
  ok: boolean;
  loadAvg: number;
}

/** A second app instance over the same database (PostgreSQL), as a second server process would be. */
export interface PeerInstance {
  base: string;
  /** Whether the instance relays contest changes between processes (LISTEN/NOTIFY). */
  relay: boolean;
  close(): Promise<void>;
}

export interface ContestsReport {
  label: string;
  /** Why the cross-instance rows are missing (null: they ran). */
  crossSkipped: string | null;
  world: Omit<ContestWorld, 'judges' | 'staff' | 'order'> & { judges: number; projects: number; loginMs: number };
  /** Median of the uncontended single submissions: the denominator of the × single column. */
  singleMedian: number;
  submits: SubmitRow[];
  screens: ScreenRow[];
  /** `services.contests.board` alone (staff), once the bursts' sheets are in, and how many sheets that is. */
  boardMs: Stats;
  boardSheets: number;
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

export const contestsPass = (r: ContestsReport) => r.submits.every((s) => s.ok) && r.screens.every((s) => s.ok);

const latencyOf = (s: Sent) => s.doneAt - s.sentAt;

function refusedText(sent: readonly { status: number; code: string | null }[]): string {
  const by = new Map<string, number>();
  for (const s of sent) {
    if (s.status === 200) continue;
    const k = `${s.status}${s.code ? ` ${s.code}` : ''}`;
    by.set(k, (by.get(k) ?? 0) + 1);
  }
  return [...by].map(([k, n]) => `${k} ×${n}`).join(', ');
}

/** The contest's stored sheets of one project, by judge id (all rows, so duplicates would show). */
async function storedSheets(services: Services, staff: RequestContext, contestId: string, projectId: string) {
  const rows = (await services.contests.sheets(staff, contestId)).items.filter((s) => s.projectId === projectId);
  const byJudge = new Map<string, { total: number; scores: Record<string, number> }[]>();
  for (const r of rows) byJudge.set(r.judgeId, [...(byJudge.get(r.judgeId) ?? []), r]);
  return byJudge;
}

const sameScores = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * Compares what the judges were told with what is stored: every sheet answered 200 is stored once
 * with the scores sent; nothing is stored for a judge who was refused.
 */
function readBack(
  stored: Map<string, { total: number; scores: Record<string, number> }[]>,
  expected: readonly { judgeId: string; accepted: boolean; sheet: PlannedSheet }[],
) {
  let lost = 0;
  let extra = 0;
  let wrong = 0;
  for (const e of expected) {
    const rows = stored.get(e.judgeId) ?? [];
    if (!e.accepted) {
      extra += rows.length;
      continue;
    }
    if (rows.length === 0) lost++;
    extra += Math.max(0, rows.length - 1);
    if (rows[0] && (rows[0].total !== e.sheet.total || !sameScores(rows[0].scores, e.sheet.scores))) wrong++;
  }
  return { lost, extra, wrong };
}

const load1 = () => os.loadavg()[0]!;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function spacedRow(label: string, screens: number, r: SpacedResult): ScreenRow {
  const accepted = r.sent.filter((s) => s.status === 200);
  const fromSend: number[] = [];
  const fromAnswer: number[] = [];
  let missed = 0;
  for (const perScreen of r.shownAt) {
    perScreen.forEach((at, k) => {
      if (at === null) {
        missed++;
        return;
      }
      fromSend.push(at - accepted[k]!.sentAt);
      fromAnswer.push(at - accepted[k]!.doneAt);
    });
  }
  const send = stats(fromSend);
  return {
    label,
    kind: 'spaced',
    screens,
    updates: accepted.length * screens,
    fromSend: send,
    fromAnswer: stats(fromAnswer),
    missed,
    allShown: null,
    afterLastAnswer: null,
    events: null,
    ok: missed === 0 && accepted.length === r.sent.length && send.p95 <= DELAY_TARGET_MS,
    loadAvg: load1(),
  };
}

/**
 * During a burst every request is sent at the same moment, so the delay that matters is how far the
 * board trails the answers: the i-th answer (by arrival) against the first board showing i sheets.
 */
function burstScreenRow(label: string, r: BurstResult, countFrom: number): ScreenRow {
  const answers = r.sent
    .filter((s) => s.status === 200)
    .map((s) => s.doneAt)
    .sort((a, b) => a - b);
  const lastAnswer = answers[answers.length - 1] ?? r.startedAt;
  const lags: number[] = [];
  let missed = 0;
  for (const screen of r.screens) {
    answers.forEach((answeredAt, i) => {
      const shown = screen.seen.find((b) => b.submitted >= countFrom + i + 1);
      if (shown) lags.push(shown.at - answeredAt);
      else missed++;
    });
  }
  const times = r.screens.map((s) => s.allShownAt).filter((at): at is number => at !== null);
  const events = r.screens.map((s) => s.seen.length);
  const lag = stats(lags);
  return {
    label,
    kind: 'burst',
    screens: r.screens.length,
    updates: answers.length * r.screens.length,
    fromSend: null,
    fromAnswer: lag,
    missed,
    allShown: stats(times.map((at) => at - r.startedAt)),
    afterLastAnswer: times.length ? Math.max(...times) - lastAnswer : null,
    events: { min: Math.min(...events), max: Math.max(...events) },
    ok: missed === 0 && lag.p95 <= DELAY_TARGET_MS,
    loadAvg: load1(),
  };
}

/**
 * Seeds the contest world, logs the judges and the big-screen user in through the API from the
 * client child, then: the per-request floor (GET /api/auth/me), uncontended single submissions, the
 * big-screen delay for submissions 100 ms apart with 1 and with 10 screens, two submissions at
 * once by the same judge, and three rounds of every judge submitting at once (each read back from
 * the database, then re-submissions refused).
 */
export async function benchContests(opts: {
  entry: string;
  bench: BenchDatabase;
  services: Services;
  admin: RequestContext;
  tree: BenchTree;
  base: string;
  lanes: number;
  /** Starts instance B for the cross-instance rows; absent: why they are skipped. */
  peer: (() => Promise<PeerInstance>) | string;
}): Promise<ContestsReport> {
  const { services, base } = opts;
  const log = (msg: string) => progress(`${opts.bench.label}: contests: ${msg}`);
  let peer: PeerInstance | null = null;
  let crossSkipped: string | null = typeof opts.peer === 'string' ? opts.peer : null;
  if (typeof opts.peer === 'function') {
    peer = await opts.peer();
    if (!peer.relay) {
      crossSkipped = 'this build has no relay between server processes (PostgreSQL LISTEN/NOTIFY)';
      await peer.close();
      peer = null;
    }
  }
  const rounds = [
    ...ROUND_SCREENS.map((screens) => ({ screens, on: base, cross: false })),
    ...(peer ? [{ screens: 1, on: peer.base, cross: true }] : []),
  ];
  const projects = 1 + rounds.length;
  log(`seeding a contest with ${JUDGES} judges and ${projects} projects`);
  const world = await seedContest(services, opts.admin, opts.tree, { judges: JUDGES, projects, lanes: opts.lanes });
  log(
    `seeded in ${(world.seedMs / 1000).toFixed(1)} s (judges ${(world.judgesMs / 1000).toFixed(1)} s)` +
      (world.apiJudgeCap
        ? `; the API caps a panel at ${world.apiJudgeCap} judges, so it was created via the service`
        : ''),
  );
  const staffUser = (await services.store.repos.users.byLogin(world.staff.login, '-'))!;
  const staff = contextFor(await actorOf(services, staffUser.id), 'bench');
  const judgeId = new Map(world.judges.map((j) => [j.login, j.id]));
  const logins = world.judges.map((j) => j.login);
  const rng = new Rng(20_263);
  const id = world.contestId;

  const client = ContestClient.start(opts.entry);
  try {
    const { ms: loginMs } = await client.login(base, [world.staff, ...world.judges], 4);
    log(`${JUDGES + 1} users logged in over HTTP in ${(loginMs / 1000).toFixed(1)} s`);
    const warm = async () => {
      await client.warm(base, logins);
      await sleep(SESSION_CACHE_COOL_MS);
    };
    await client.warm(base, logins);
    const submits: SubmitRow[] = [];
    const screens: ScreenRow[] = [];

    // The floor: the lightest authenticated request, one at a time.
    const me = await client.me(base, logins[0]!, ME_COUNT);
    submits.push({
      label: '(i) `GET /api/auth/me`, one at a time',
      kind: 'floor',
      screens: 0,
      sent: me.length,
      accepted: me.length,
      refused: '',
      lost: 0,
      extra: 0,
      wrong: 0,
      latency: stats(me.map(latencyOf)),
      wallMs: me[me.length - 1]!.doneAt - me[0]!.sentAt,
      ok: true,
      loadAvg: load1(),
    });
    await sleep(SESSION_CACHE_COOL_MS);

    // Stage 1: one judge at a time (no screen, 1 screen, 10 screens), then same-judge races.
    let onStage = world.order[0]!;
    const share = (f: number) => Math.max(1, Math.floor(JUDGES * f));
    const groups = [share(0.15), share(0.25), share(0.25), share(0.05), peer ? share(0.25) : 0];
    const slices: string[][] = [];
    let at = 0;
    for (const n of groups) {
      slices.push(logins.slice(at, at + n));
      at += n;
    }
    const [singles, spaced1, spaced10, racers, spacedCross] = slices as [
      string[],
      string[],
      string[],
      string[],
      string[],
    ];
    const expected: { judgeId: string; accepted: boolean; sheet: PlannedSheet; race: boolean }[] = [];
    let count = 0;
    const spacedRun = async (judges: string[], screenCount: number, label: string, screensOn = base) => {
      if (screenCount) await client.openScreens(screensOn, id, world.staff.login, screenCount);
      const sheets = judges.map((j) => plannedSheet(rng, j));
      const r = await client.spaced({
        base,
        contestId: id,
        projectId: onStage,
        sheets,
        gapMs: GAP_MS,
        countFrom: count,
        timeoutMs: 10_000,
      });
      if (screenCount) await client.closeScreens();
      r.sent.forEach((s, i) =>
        expected.push({ judgeId: judgeId.get(s.judge)!, accepted: s.status === 200, sheet: sheets[i]!, race: false }),
      );
      count += r.sent.filter((s) => s.status === 200).length;
      if (screenCount) {
        const row = spacedRow(label, screenCount, r);
        screens.push(row);
        log(
          `${label}: delay p50 ${row.fromSend!.p50.toFixed(0)} ms, p95 ${row.fromSend!.p95.toFixed(0)} ms, ` +
            `max ${row.fromSend!.max.toFixed(0)} ms, ${row.missed} missed; load average ${row.loadAvg.toFixed(2)}`,
        );
      }
      return r;
    };
    const single = await spacedRun(singles, 0, '');
    const singleLatency = stats(single.sent.map(latencyOf));
    log(`single submit, uncontended: p50 ${singleLatency.p50.toFixed(1)} ms, p95 ${singleLatency.p95.toFixed(1)} ms`);
    await spacedRun(spaced1, 1, `(n) ${spaced1.length} judges one at a time, ${GAP_MS} ms apart, 1 screen`);
    await spacedRun(
      spaced10,
      SCREENS,
      `(o) ${spaced10.length} judges one at a time, ${GAP_MS} ms apart, ${SCREENS} screens`,
    );
    if (peer) {
      await spacedRun(
        spacedCross,
        1,
        `(q) ${spacedCross.length} judges one at a time, ${GAP_MS} ms apart, 1 screen on instance B`,
        peer.base,
      );
    }
    const pairs = racers.map((judge) => ({
      judge,
      first: plannedSheet(rng, judge).scores,
      second: plannedSheet(rng, judge).scores,
    }));
    const race = await client.race({ base, contestId: id, projectId: onStage, pairs });
    let raceOk = true;
    for (const r of race) {
      const won = r.tries.filter((t) => t.status === 200);
      const refused = r.tries.filter((t) => t.status === 409 && t.code === 'CONTEST_SHEET_LOCKED');
      if (won.length !== 1 || refused.length !== 1) raceOk = false;
      const scores = won[0]?.scores ?? r.tries[0]!.scores;
      const total = Object.values(scores).reduce((a, b) => a + b, 0);
      expected.push({
        judgeId: judgeId.get(r.judge)!,
        accepted: won.length > 0,
        sheet: { judge: r.judge, scores, total },
        race: true,
      });
    }
    const stored1 = await storedSheets(services, staff, id, onStage);
    // (j) answers for every one-at-a-time sheet of the stage (those of (n) and (o) too), (l) for the races.
    const oneByOne = readBack(
      stored1,
      expected.filter((e) => !e.race),
    );
    const raced = readBack(
      stored1,
      expected.filter((e) => e.race),
    );
    // A sheet of a judge who sent none on this project counts as extra too.
    const senders = new Set(expected.map((e) => e.judgeId));
    oneByOne.extra += [...stored1].filter(([j]) => !senders.has(j)).reduce((n, [, rows]) => n + rows.length, 0);
    const stage1 = {
      lost: oneByOne.lost + raced.lost,
      extra: oneByOne.extra + raced.extra,
      wrong: oneByOne.wrong + raced.wrong,
    };
    const singleAccepted = single.sent.filter((s) => s.status === 200).length;
    submits.push({
      label: `(j) one judge's sheet, uncontended (${singles.length} judges, ${GAP_MS} ms apart, no screen)`,
      kind: 'single',
      screens: 0,
      sent: single.sent.length,
      accepted: singleAccepted,
      refused: refusedText(single.sent),
      ...oneByOne,
      latency: singleLatency,
      wallMs: single.sent[single.sent.length - 1]!.doneAt - single.sent[0]!.sentAt,
      ok: singleAccepted === single.sent.length && oneByOne.lost + oneByOne.extra + oneByOne.wrong === 0,
      loadAvg: load1(),
    });
    const raceSent = race.flatMap((r) => r.tries.map((t) => ({ status: t.status, code: t.code })));
    submits.push({
      label: `(l) the same judge sends two different sheets at once (${racers.length} judge${racers.length > 1 ? 's' : ''}, 2 connections each)`,
      kind: 'race',
      screens: 0,
      sent: raceSent.length,
      accepted: raceSent.filter((t) => t.status === 200).length,
      refused: refusedText(raceSent),
      ...raced,
      latency: stats([]),
      wallMs: Number.NaN,
      ok: raceOk && raced.lost + raced.extra + raced.wrong === 0,
      loadAvg: load1(),
    });
    log(
      `stage 1 read back: ${count} + ${race.length} sheets, lost ${stage1.lost}, extra ${stage1.extra}, wrong ${stage1.wrong}; ` +
        `races ${raceOk ? 'one accepted, one 409 each' : 'NOT one accepted and one 409 each'}`,
    );

    // Burst rounds: every judge at once, one project each.
    for (const [i, round] of rounds.entries()) {
      const screenCount = round.screens;
      const next = await nextPresenter(services, staff, id, onStage);
      if (next !== world.order[i + 1]) throw new Error(`round ${i + 1}: ${next} on stage, not the drawn next project`);
      onStage = next;
      await client.openScreens(round.on, id, world.staff.login, screenCount);
      await warm();
      const sheets = logins.map((j) => plannedSheet(rng, j));
      const loadBefore = load1();
      const r = await client.burst({
        base,
        contestId: id,
        projectId: onStage,
        sheets,
        countFrom: 0,
        timeoutMs: 30_000,
      });
      await client.closeScreens();
      const stored = await storedSheets(services, staff, id, onStage);
      const back = readBack(
        stored,
        r.sent.map((s, k) => ({ judgeId: judgeId.get(s.judge)!, accepted: s.status === 200, sheet: sheets[k]! })),
      );
      const accepted = r.sent.filter((s) => s.status === 200).length;
      const latency = stats(r.sent.map(latencyOf));
      const where = round.cross ? ' on instance B' : '';
      const label = `(k${i + 1}) all ${JUDGES} judges at once, round ${i + 1}, ${screenCount} screen${screenCount > 1 ? 's' : ''}${where}`;
      submits.push({
        label,
        kind: 'burst',
        screens: screenCount,
        sent: r.sent.length,
        accepted,
        refused: refusedText(r.sent),
        ...back,
        latency,
        wallMs: Math.max(...r.sent.map((s) => s.doneAt)) - r.startedAt,
        ok: accepted === JUDGES && back.lost + back.extra + back.wrong === 0,
        loadAvg: Math.max(loadBefore, load1()),
      });
      const screenRow = burstScreenRow(`(p${i + 1}) board during round ${i + 1}${where}`, r, 0);
      screens.push(screenRow);
      log(
        `round ${i + 1}: ${accepted}/${JUDGES} accepted, lost ${back.lost}, extra ${back.extra}, wrong ${back.wrong}; ` +
          `p50 ${latency.p50.toFixed(0)} ms, p95 ${latency.p95.toFixed(0)} ms, max ${latency.max.toFixed(0)} ms; ` +
          `board showed ${JUDGES}/${JUDGES} ${screenRow.allShown!.max.toFixed(0)} ms after the start ` +
          `(${screenRow.afterLastAnswer?.toFixed(0)} ms after the last answer; lag behind the answers p95 ` +
          `${screenRow.fromAnswer!.p95.toFixed(0)} ms), ${screenRow.events!.min}–${screenRow.events!.max} events; ` +
          `load average ${load1().toFixed(2)}`,
      );

      if (i === 0) {
        // Re-submitting a locked sheet: 409, and the stored sheet is what was first sent.
        const again = logins.slice(0, RESUBMITTERS).map((j) => plannedSheet(rng, j));
        const re = await client.resubmit({ base, contestId: id, projectId: onStage, sheets: again });
        const after = await storedSheets(services, staff, id, onStage);
        const changed = readBack(
          after,
          r.sent.map((s, k) => ({ judgeId: judgeId.get(s.judge)!, accepted: s.status === 200, sheet: sheets[k]! })),
        );
        const locked = re.filter((s) => s.status === 409 && s.code === 'CONTEST_SHEET_LOCKED').length;
        submits.push({
          label: `(m) a judge re-submits after round 1 (${again.length} judges, other scores)`,
          kind: 'resubmit',
          screens: 0,
          sent: re.length,
          accepted: re.filter((s) => s.status === 200).length,
          refused: refusedText(re),
          ...changed,
          latency: stats(re.map(latencyOf)),
          wallMs: re[re.length - 1]!.doneAt - re[0]!.sentAt,
          ok: locked === re.length && changed.lost + changed.extra + changed.wrong === 0,
          loadAvg: load1(),
        });
      }
    }

    const boardSheets = (await services.contests.sheets(staff, id)).items.length;
    const boardTimes: number[] = [];
    for (let k = 0; k < BOARD_COUNT; k++) {
      const t0 = performance.now();
      await services.contests.board(staff, id);
      boardTimes.push(performance.now() - t0);
    }
    await nextPresenter(services, staff, id, onStage);
    const { judges: _j, staff: _s, order, ...rest } = world;
    return {
      label: opts.bench.label,
      crossSkipped,
      world: { ...rest, judges: JUDGES, projects: order.length, loginMs },
      singleMedian: singleLatency.p50,
      submits: orderRows(submits),
      screens,
      boardMs: stats(boardTimes),
      boardSheets,
    };
  } finally {
    await client.stop();
    await peer?.close();
  }
}

/** Table order: floor, single, bursts, race, re-submission. */
function orderRows(rows: SubmitRow[]): SubmitRow[] {
  const rank: Record<SubmitRow['kind'], number> = { floor: 0, single: 1, burst: 2, race: 3, resubmit: 4 };
  return [...rows].sort((a, b) => rank[a.kind] - rank[b.kind]);
}
