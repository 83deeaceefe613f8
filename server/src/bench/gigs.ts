import os from 'node:os';
import { CompiledQuery, sql, type Insertable, type Transaction } from 'kysely';
import {
  gigJobCreateBody,
  hostOrgCreateBody,
  idNumberCheckChar,
  maskIdNumber,
  type GigJobView,
  type GigKind,
  boundingBox,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { newId } from '../core/ids';
import { hashPassword } from '../core/password';
import { analyzeDatabase } from '../db/database';
import { dialectOf } from '../db/portability';
import type {
  DB,
  GigPreferenceKindsTable,
  GigPreferencesTable,
  RoleBindingsTable,
  UsersTable,
  WorkersTable,
} from '../db/types';
import { GigsRepository } from '../modules/gigs/gigs.repository';
import { MAX_CANDIDATES, MAX_MATCH_KM } from '../modules/gigs/gigs.service';
import type { Services } from '../services';
import { DEMO_PASSWORD, hostOrgInput, validated } from '../seed/factories';
import { Rng } from '../seed/random';
import type { BenchDatabase } from './databases';
import type { RunInfo, Skipped } from './report';
import { progress } from './scenarios';
import type { BenchTree } from './seed';

/** Issue 13: matching one job against the registry, p95 at most this many ms. */
export const MATCH_P95_TARGET_MS = 200;
/** Issue 13: a job matching PUSH_MATCHES workers, published, queued and every in-app push delivered within this. */
export const PUBLISH_TARGET_S = 30;
/** BENCH_GIG_WORKERS=100000 makes a quicker trial run (not for the record). */
const WORKERS = Number(process.env.BENCH_GIG_WORKERS ?? 1_000_000);
/** The workers a published job matches (the article's 29,000 pushes in one publish). */
const PUSH_MATCHES = Math.min(29_000, Math.floor(WORKERS / 2));
const MATCH_RUNS = 25;
const BATCH = 1000;
/** Batches a transaction while seeding. */
const TX_BATCHES = 20;

export const GIGS_START = '<!-- bench:gigs:start -->';
export const GIGS_END = '<!-- bench:gigs:end -->';

export interface GigsReport {
  label: string;
  workers: number;
  seedS: number;
  match: {
    runs: number;
    p50: number;
    p95: number;
    max: number;
    /** This process's CPU during the call (SQLite: all of the work; PostgreSQL: the client's part). */
    cpuP50: number;
    cpuP95: number;
    candidates: number;
    matched: number;
  };
  /** The employer's match list of the publish job itself (PUSH_MATCHES candidates scored). */
  matchBig: { ms: number; candidates: number };
  publish: {
    matches: number;
    seconds: number;
    records: number;
    distinctWorkers: number;
    notices: number;
    distinctUsers: number;
  };
  /** The distinct plans of the measured jobs' candidate statements, each headed by how many jobs had it. */
  plan: string[];
}

export const gigsPass = (r: GigsReport) =>
  r.match.p95 <= MATCH_P95_TARGET_MS &&
  r.publish.seconds <= PUBLISH_TARGET_S &&
  r.publish.records === r.publish.matches &&
  r.publish.distinctWorkers === r.publish.matches &&
  r.publish.notices === r.publish.matches &&
  r.publish.distinctUsers === r.publish.matches;

/** Sichuan, roughly: where the registry's workers live (富顺县 is in it). */
const AREA = { minLat: 26.5, maxLat: 33.5, minLng: 98.0, maxLng: 108.5 };
const FUSHUN = { lat: 29.181, lng: 104.975 };
const OTHER_KINDS: GigKind[] = [
  'delivery',
  'housekeeping',
  'cleaning',
  'catering',
  'general',
  'technician',
  'driver',
  'security',
  'sales',
];

/** A valid GB 11643 ID number, distinct for every n below 1,000,000 (birth day n mod 20,000, sequence n / 20,000). */
function idNumber(n: number): string {
  const d = new Date(Date.UTC(1965, 0, 1) + (n % 20_000) * 86_400_000);
  const birth = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const prefix = `510322${birth}${String(Math.floor(n / 20_000)).padStart(3, '0')}`;
  return prefix + idNumberCheckChar(prefix)!;
}

/**
 * The registry, bulk-inserted (a thousand rows a statement) with the rules the workers service keeps:
 * mobile and ID number under the field cipher with their lookup hashes, the ID number masked, each
 * worker verified by the administrator, preferences with one row per wanted kind. PUSH_MATCHES of
 * them — with accounts, as workers who registered themselves — live within 3 km of 富顺 and want
 * loading work; the rest are spread over the province wanting one to three other kinds.
 */
async function seedRegistry(services: Services, admin: RequestContext): Promise<number> {
  const db = services.db;
  const cipher = services.cipher;
  const rng = new Rng(13_1000);
  const now = new Date().toISOString();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const t0 = performance.now();
  const sqlite = dialectOf(db) === 'sqlite';
  // The bench database only, while seeding: SQLite keeps the indexes being filled (random lookup
  // hashes) in a 512 MB page cache and does not sync; both go back to the app's settings before
  // anything is timed.
  const pageCache = sqlite
    ? Number(Object.values((await sql<Record<string, number>>`pragma cache_size`.execute(db)).rows[0]!)[0])
    : null;
  if (sqlite) {
    await sql`pragma cache_size = -524288`.execute(db);
    await sql`pragma synchronous = off`.execute(db);
  }
  let pending: Array<(trx: Transaction<DB>) => Promise<void>> = [];
  const flush = async () => {
    const writes = pending;
    pending = [];
    if (!writes.length) return;
    await db.transaction().execute(async (trx) => {
      // PostgreSQL: this transaction's commit does not wait for the WAL flush (the bench's data only).
      if (!sqlite) await sql`set local synchronous_commit = off`.execute(trx);
      for (const write of writes) await write(trx);
    });
  };
  for (let start = 0; start < WORKERS; start += BATCH) {
    const users: Insertable<UsersTable>[] = [];
    const bindings: Insertable<RoleBindingsTable>[] = [];
    const workers: Insertable<WorkersTable>[] = [];
    const prefs: Insertable<GigPreferencesTable>[] = [];
    const kinds: Insertable<GigPreferenceKindsTable>[] = [];
    for (let n = start; n < Math.min(WORKERS, start + BATCH); n++) {
      const near = n < PUSH_MATCHES;
      const id = newId();
      const userId = near ? newId() : null;
      const mobile = `1${30 + (n % 60)}${String(n).padStart(8, '0')}`;
      const idNo = idNumber(n);
      if (userId) {
        users.push({
          id: userId,
          username: `bench_gw_${n}`,
          displayName: `零工${n}`,
          mobileEnc: null,
          mobileHash: null,
          passwordHash,
          lockedUntil: null,
          lastLoginAt: null,
          createdAt: now,
          updatedAt: now,
          createdBy: admin.actor.userId,
        });
        bindings.push({
          id: newId(),
          userId,
          role: 'worker',
          orgId: null,
          hostOrgId: null,
          createdAt: now,
          createdBy: admin.actor.userId,
        });
      }
      workers.push({
        id,
        userId,
        name: `零工${n}`,
        mobileEnc: cipher.encrypt(mobile),
        mobileHash: cipher.lookupHash(mobile),
        idNumberEnc: cipher.encrypt(idNo),
        idNumberHash: cipher.lookupHash(idNo),
        idNumberMasked: maskIdNumber(idNo),
        platform: 'other',
        occupation: 'other',
        regionCode: '510322',
        partyMember: 0,
        partyOrgId: null,
        photoAttachmentId: null,
        status: 'verified',
        registeredVia: near ? 'self' : 'staff',
        verifiedBy: admin.actor.userId,
        verifiedAt: now,
        rejectReason: null,
        createdAt: now,
        updatedAt: now,
        createdBy: admin.actor.userId,
        deletedAt: null,
      });
      const r = near ? rng.next() * 0.027 : 0;
      const a = rng.next() * 2 * Math.PI;
      prefs.push({
        workerId: id,
        lat: near ? FUSHUN.lat + r * Math.sin(a) : AREA.minLat + rng.next() * (AREA.maxLat - AREA.minLat),
        lng: near ? FUSHUN.lng + r * Math.cos(a) : AREA.minLng + rng.next() * (AREA.maxLng - AREA.minLng),
        regionCode: null,
        maxDistanceKm: near ? 10 : rng.pick([10, 15, 20, 30]),
        weekdays: 0,
        hourFrom: null,
        hourTo: null,
        minPayFen: null,
        minPayUnit: null,
        skills: '[]',
        mutedKinds: '[]',
        smsOptIn: 0,
        createdAt: now,
        updatedAt: now,
      });
      const wanted = near ? ['loading'] : rng.shuffle(OTHER_KINDS).slice(0, rng.int(1, 3));
      for (const kind of wanted) kinds.push({ workerId: id, kind });
    }
    pending.push(async (trx) => {
      if (users.length) await trx.insertInto('users').values(users).execute();
      if (bindings.length) await trx.insertInto('roleBindings').values(bindings).execute();
      await trx.insertInto('workers').values(workers).execute();
      await trx.insertInto('gigPreferences').values(prefs).execute();
      for (let i = 0; i < kinds.length; i += BATCH)
        await trx
          .insertInto('gigPreferenceKinds')
          .values(kinds.slice(i, i + BATCH))
          .execute();
    });
    // Twenty statements' worth (20,000 workers) a transaction.
    if (pending.length === TX_BATCHES) await flush();
    if ((start / BATCH) % 100 === 99) progress(`gigs: ${(start + BATCH).toLocaleString('en-US')} workers`);
  }
  await flush();
  if (sqlite) {
    await sql`pragma synchronous = normal`.execute(db);
    await sql`pragma cache_size = ${sql.lit(pageCache!)}`.execute(db);
  }
  return (performance.now() - t0) / 1000;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

function jobBody(hostOrgId: string, kind: GigKind, at: { lat: number; lng: number }, pushScope: 'top' | 'all') {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return validated(gigJobCreateBody, {
    hostOrgId,
    title: kind === 'loading' ? '物流园装卸工' : '同城配送员',
    kind,
    payFen: 20_000,
    payUnit: 'day',
    regionCode: '510322',
    address: '富世街道西湖路 18 号',
    lat: Math.round(at.lat * 1e6) / 1e6,
    lng: Math.round(at.lng * 1e6) / 1e6,
    startOn: today,
    endOn: later,
    weekdays: [1, 2, 3, 4, 5, 6],
    dayStart: '08:00',
    dayEnd: '17:00',
    skills: [],
    headcount: 50,
    closingOn: later,
    contactName: '刘经理',
    contactPhone: '13981234567',
    pushScope,
  });
}

/**
 * 零工快招 at scale (issue 13): WORKERS workers in the registry; (a) the employer's match list of a
 * job (`services.gigs.matches`: candidates by SQL, the explained score for each, ranked) at places
 * across the province, p50/p95 over MATCH_RUNS jobs; (b) a staff job broadcast to every match
 * (`pushScope: 'all'`), matching PUSH_MATCHES workers: from the publish call until the queue has
 * delivered every push, counted from the records (push rows and in-app messages, none doubled).
 */
export async function benchGigs(opts: {
  bench: BenchDatabase;
  services: Services;
  admin: RequestContext;
  tree: BenchTree;
}): Promise<GigsReport> {
  const { bench, services, admin } = opts;
  const log = (msg: string) => progress(`${bench.label}: gigs: ${msg}`);
  log(`bulk-inserting ${WORKERS.toLocaleString('en-US')} workers with preferences`);
  const seedS = await seedRegistry(services, admin);
  log(`registry in ${seedS.toFixed(1)} s`);
  await analyzeDatabase(bench.database);
  const firm = await services.hostOrgs.create(
    admin,
    validated(
      hostOrgCreateBody,
      hostOrgInput(new Rng(13), { regionCode: '510322', managingOrgId: opts.tree.counties[0]!.committeeId }),
    ),
  );

  // (a) matching: delivery jobs at places across the province (published as `top`: 200 pushes each, not timed).
  const rng = new Rng(13_2000);
  const times: number[] = [];
  const cpus: number[] = [];
  let candidates = 0;
  let matched = 0;
  const jobs: GigJobView[] = [];
  for (let i = 0; i < MATCH_RUNS + 3; i++) {
    const at = {
      lat: AREA.minLat + 0.5 + rng.next() * (AREA.maxLat - AREA.minLat - 1),
      lng: AREA.minLng + 0.5 + rng.next() * (AREA.maxLng - AREA.minLng - 1),
    };
    jobs.push(await services.gigs.createJob(admin, jobBody(firm.id, 'delivery', at, 'top')));
  }
  // Their pushes (200 each) are done before anything is timed.
  await services.jobs.drain(['gig-push']);
  for (const [i, job] of jobs.entries()) {
    const t = performance.now();
    const c0 = process.cpuUsage();
    const r = await services.gigs.matches(admin, job.id, { limit: 50 });
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(c0);
    if (i < 3) continue; // warm-up
    times.push(ms);
    cpus.push((cpu.user + cpu.system) / 1000);
    candidates += r.candidates;
    matched += r.items.length;
  }
  const match = {
    runs: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: Math.max(...times),
    cpuP50: percentile(cpus, 50),
    cpuP95: percentile(cpus, 95),
    candidates: Math.round(candidates / times.length),
    matched: Math.round(matched / times.length),
  };
  log(
    `match p50 ${match.p50.toFixed(1)} ms, p95 ${match.p95.toFixed(1)} ms (CPU ${match.cpuP50.toFixed(1)} / ${match.cpuP95.toFixed(1)} ms; ${match.candidates} candidates on average)`,
  );
  // Every measured job's plan, the distinct ones counted (with STAT4 statistics SQLite plans by the values bound).
  const plans = new Map<string, number>();
  for (const job of jobs.slice(3)) {
    const p = (await candidatePlan(services, job)).join('\n');
    plans.set(p, (plans.get(p) ?? 0) + 1);
  }
  const plan = [...plans].flatMap(([p, n], i) => [
    ...(i ? [''] : []),
    `-- ${n} of ${jobs.length - 3} jobs:`,
    ...p.split('\n'),
  ]);

  // (b) publish a broadcast job matching PUSH_MATCHES workers; delivered when every push and message is recorded.
  const t0 = performance.now();
  const job = await services.gigs.createJob(admin, jobBody(firm.id, 'loading', FUSHUN, 'all'));
  await services.jobs.drain(['gig-push']);
  const count = async () => {
    const [p, n] = await Promise.all([
      sql<{
        n: number | string;
        w: number | string;
      }>`select count(*) as n, count(distinct worker_id) as w from gig_pushes where job_id = ${job.id}`.execute(
        services.db,
      ),
      sql<{
        n: number | string;
        u: number | string;
      }>`select count(*) as n, count(distinct user_id) as u from notifications where kind = 'gig_match' and link = ${`/gigs?job=${job.id}`}`.execute(
        services.db,
      ),
    ]);
    return {
      records: Number(p.rows[0]!.n),
      distinctWorkers: Number(p.rows[0]!.w),
      notices: Number(n.rows[0]!.n),
      distinctUsers: Number(n.rows[0]!.u),
    };
  };
  let seen = await count();
  // Another process's worker may hold the job: wait (up to a minute) for the records to stop growing.
  while (seen.notices < PUSH_MATCHES && performance.now() - t0 < 60_000) {
    await new Promise((r) => setTimeout(r, 200));
    seen = await count();
  }
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const big = await services.gigs.matches(admin, job.id, { limit: 50 });
  const matchBig = { ms: performance.now() - t1, candidates: big.candidates };
  log(
    `published to ${seen.records.toLocaleString('en-US')} workers in ${seconds.toFixed(1)} s ` +
      `(${seen.notices.toLocaleString('en-US')} in-app messages)`,
  );
  return {
    label: bench.label,
    workers: WORKERS,
    seedS,
    match,
    matchBig,
    publish: { matches: PUSH_MATCHES, seconds, ...seen },
    plan,
  };
}

/** The database's plan of one job's candidate statement (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN). */
async function candidatePlan(services: Services, job: GigJobView): Promise<string[]> {
  const repo = new GigsRepository(services.db);
  const here = job.lat !== null && job.lng !== null ? { lat: Number(job.lat), lng: Number(job.lng) } : null;
  const widest = Math.min(MAX_MATCH_KM, (await repo.widestDistanceKm()) ?? 0);
  const q = repo.candidatesQuery(job, here ? boundingBox(here, widest * 1000) : null, MAX_CANDIDATES).compile();
  if (dialectOf(services.db) === 'sqlite') {
    const r = await services.db.executeQuery<{ id: number; parent: number; detail: string }>(
      CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
    );
    const depth = new Map<number, number>([[0, -1]]);
    return r.rows.map((row) => {
      const d = (depth.get(row.parent) ?? -1) + 1;
      depth.set(row.id, d);
      return `${'  '.repeat(d)}${row.detail}`;
    });
  }
  const r = await services.db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]),
  );
  return r.rows.map((row) => row['QUERY PLAN']);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** The markdown for stdout and for the generated part of PERFORMANCE.md's issue-13 section. */
export function renderGigsSection(info: RunInfo, reports: GigsReport[], skipped: Skipped[]): string {
  const lines = [
    GIGS_START,
    `Last generated ${info.date.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench -- --only=gigs\` ` +
      `(${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}).`,
    '',
    `| database | workers (bulk insert s) | (a) match one job: p50 / p95 / max ms (≤ ${MATCH_P95_TARGET_MS}) | this process's CPU p50 / p95 ms | candidates scored / listed | match list of the 29,000-match job ms | (b) publish → all delivered s (≤ ${PUBLISH_TARGET_S}) | push records / distinct workers | in-app messages / distinct accounts |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of reports) {
    const okA = r.match.p95 <= MATCH_P95_TARGET_MS ? 'PASS' : '**FAIL**';
    const p = r.publish;
    const exact =
      p.records === p.matches &&
      p.distinctWorkers === p.matches &&
      p.notices === p.matches &&
      p.distinctUsers === p.matches;
    const okB = p.seconds <= PUBLISH_TARGET_S && exact ? 'PASS' : '**FAIL**';
    lines.push(
      `| ${r.label} | ${int(r.workers)} (${r.seedS.toFixed(0)}) | ${r.match.p50.toFixed(1)} / ${r.match.p95.toFixed(1)} / ${r.match.max.toFixed(1)} ${okA} | ${r.match.cpuP50.toFixed(1)} / ${r.match.cpuP95.toFixed(1)} | ` +
        `${int(r.match.candidates)} / ${int(r.match.matched)} | ${r.matchBig.ms.toFixed(0)} (${int(r.matchBig.candidates)}) | ` +
        `${p.seconds.toFixed(1)} ${okB} | ${int(p.records)} / ${int(p.distinctWorkers)} | ${int(p.notices)} / ${int(p.distinctUsers)} |`,
    );
  }
  for (const s of skipped) lines.push('', `${s.label} skipped: ${s.reason}.`);
  for (const r of reports) {
    lines.push('', `The plans of the measured jobs' candidate statements on ${r.label}:`, '', '```', ...r.plan, '```');
  }
  lines.push('', GIGS_END);
  return lines.join('\n');
}
