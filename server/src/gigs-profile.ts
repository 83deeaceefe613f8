/**
 * Profiles the 零工快招 match (issue 13) on a database the gigs bench kept (`BENCH_KEEP=1 npm run bench --
 * --only=gigs`): `node server/dist-bench/gigs-profile.js <the kept temp dir>` (or `--pg=<database url>`
 * with the SQLite run's settings file for the key). For the bench's delivery jobs it times each step
 * of `services.gigs.matches` on its own — the job's load, the widest distance, the candidate statement
 * (through Kysely, and the same SQL straight on the driver), the explained score, the sort, the pushed
 * marks — against the whole call, wall and this process's CPU, and prints the statement's plan and the
 * planner statistics the database holds for the tables it reads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { boundingBox } from '@touyan/schemas';
import { CompiledQuery, sql } from 'kysely';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { GigsRepository } from './modules/gigs/gigs.repository';
import { byScore } from './modules/gigs/gigs.match';
import { MAX_CANDIDATES, MAX_MATCH_KM, matchJobOf, scoreCandidate } from './modules/gigs/gigs.service';
import { gigJobReadScope } from './modules/gigs/gigs.policy';
import { makeServices } from './services';
import { ctxOf } from './seed/factories';

const RUNS = Number(process.env.PROFILE_RUNS ?? 3);

type Timing = { wall: number; cpu: number };
async function timed<T>(fn: () => Promise<T> | T): Promise<[T, Timing]> {
  const t = performance.now();
  const c0 = process.cpuUsage();
  const out = await fn();
  const c = process.cpuUsage(c0);
  return [out, { wall: performance.now() - t, cpu: (c.user + c.system) / 1000 }];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dir = process.argv.find((a) => !a.startsWith('-') && a !== process.argv[0] && a !== process.argv[1]);
  if (!dir) throw new Error('usage: gigs-profile.js <kept bench dir> [--pg=<url>]');
  const env = JSON.parse(readFileSync(path.join(dir, 'bench-env.json'), 'utf8')) as NodeJS.ProcessEnv;
  const pgUrl = process.argv.find((a) => a.startsWith('--pg='))?.slice('--pg='.length);
  if (pgUrl) env.DATABASE_URL = pgUrl;
  const config = loadConfig(env, { webDist: null });
  const database = openDatabase(config.db);
  const services = makeServices(database, config);
  const db = services.db;
  const repo = new GigsRepository(db);
  const sqlite = database.dialect === 'sqlite';
  try {
    const admin = await ctxOf(services, 'admin');
    // The bench's jobs: the delivery jobs of (a) and the broadcast job of (b), whose steps are kept apart.
    const ids = await db.selectFrom('gigJobs').select(['id', 'pushScope']).orderBy('createdAt').execute();
    const jobs = [];
    for (const { id } of ids) jobs.push((await repo.getJob(gigJobReadScope(admin.actor), id))!);
    console.log(
      `${database.dialect}: ${jobs.length} jobs (${ids.filter((j) => j.pushScope === 'all').length} broadcast)`,
    );
    if (sqlite) {
      const stats = await sql<{ tbl: string; idx: string | null; stat: string }>`
        select tbl, idx, stat from sqlite_stat1 where tbl in ('gig_preferences', 'gig_preference_kinds', 'workers', 'regions', 'region_closure')`
        .execute(db)
        .catch(() => ({ rows: [] as { tbl: string; idx: string | null; stat: string }[] }));
      console.log(`sqlite_stat1 rows for the statement's tables: ${stats.rows.length}`);
      for (const r of stats.rows) console.log(`  ${r.tbl} ${r.idx ?? '-'} ${r.stat}`);
    }
    const steps: Record<string, Timing[]> = {};
    let big = '';
    const add = (k: string, t: Timing) => (steps[k + big] ??= []).push(t);
    let shown = false;
    // SQLite plans by the values bound (STAT4): each job's plan, the distinct ones with their jobs.
    const plans = new Map<string, string[]>();
    for (let run = 0; run < RUNS; run++) {
      for (const job of jobs) {
        big = job.pushScope === 'all' ? ' [broadcast job]' : '';
        const [whole, tw] = await timed(() => services.gigs.matches(admin, job.id, { limit: 50 }));
        add('whole matches()', tw);
        const [, tl] = await timed(() => repo.getJob(gigJobReadScope(admin.actor), job.id));
        add('getJob', tl);
        const [widest, td] = await timed(() => repo.widestDistanceKm());
        add('widestDistanceKm', td);
        const here = job.lat !== null && job.lng !== null ? { lat: Number(job.lat), lng: Number(job.lng) } : null;
        const box = here ? boundingBox(here, Math.min(MAX_MATCH_KM, widest ?? 0) * 1000) : null;
        const q = repo.candidatesQuery(job, box, MAX_CANDIDATES).compile();
        const [rows, ts] = await timed(() => repo.candidatesForJob(job, box, MAX_CANDIDATES));
        add('candidate statement (Kysely)', ts);
        const [raw, tr] = await timed(() => db.executeQuery(CompiledQuery.raw(q.sql, [...q.parameters])));
        add('candidate statement (raw)', tr);
        const mj = matchJobOf(job);
        const [scored, tsc] = await timed(() =>
          rows.map((c) => ({ id: c.workerId, candidate: c, match: scoreCandidate(mj, c) })),
        );
        add('score', tsc);
        const [ranked, tso] = await timed(() =>
          scored.filter((x): x is typeof x & { match: NonNullable<typeof x.match> } => x.match !== null).sort(byScore),
        );
        add('sort', tso);
        const [, tp] = await timed(() =>
          repo.pushedAt(
            job.id,
            ranked.slice(0, 50).map((c) => c.id),
          ),
        );
        add('pushedAt', tp);
        if (whole.candidates !== ranked.length || raw.rows.length !== rows.length)
          throw new Error(`job ${job.id}: ${whole.candidates} ranked by matches(), ${ranked.length} here`);
        if (!shown || (big && run === 0)) {
          shown = true;
          console.log(
            `\njob ${job.id} (${job.lat}, ${job.lng}): ${rows.length} candidate rows, ${ranked.length} ranked`,
          );
          console.log(`parameters: ${JSON.stringify(q.parameters)}`);
          const plan = sqlite
            ? (
                await db.executeQuery<{ id: number; parent: number; detail: string }>(
                  CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
                )
              ).rows.map((r) => `  ${r.id}<${r.parent} ${r.detail}`)
            : (
                await db.executeQuery<{ 'QUERY PLAN': string }>(
                  CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]),
                )
              ).rows.map((r) => `  ${r['QUERY PLAN']}`);
          console.log(plan.join('\n'));
          console.log();
        }
        if (run === 0 && sqlite) {
          const plan = (
            await db.executeQuery<{ detail: string }>(
              CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
            )
          ).rows
            .map((r) => r.detail)
            .join(' | ');
          (plans.get(plan) ?? plans.set(plan, []).get(plan)!).push(job.id);
        }
      }
    }
    for (const [plan, ids] of plans) console.log(`plan of ${ids.length} jobs: ${plan}`);
    console.log(`medians over ${RUNS} runs of the jobs (wall / this process's CPU, ms; max):`);
    for (const [k, ts] of Object.entries(steps)) {
      console.log(
        `  ${k.padEnd(46)} ${median(ts.map((t) => t.wall)).toFixed(1)} / ${median(ts.map((t) => t.cpu)).toFixed(1)}` +
          `   (max ${Math.max(...ts.map((t) => t.wall)).toFixed(1)} / ${Math.max(...ts.map((t) => t.cpu)).toFixed(1)})`,
      );
    }
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
