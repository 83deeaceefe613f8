import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { timedRun } from '../db/database';

/** What one measured run spent in SQL, beside the process's own CPU (see `SqlProbe`). */
export interface SqlUsage {
  statements: number;
  /** Sum of the statements' times (db/database.ts `onStatement`), in µs. */
  sqlUs: number;
  /** PostgreSQL only: CPU of the server processes serving the bench database, in µs; null on SQLite. */
  serverCpuUs: number | null;
  /**
   * PostgreSQL only: this process's CPU for running the statements through the driver (writing the
   * query to the socket, reading and parsing the rows), in µs: a sample of the run's statements
   * replayed one at a time afterwards (see `SqlProbe.clientCpu`); null on SQLite.
   */
  clientCpuUs: number | null;
  /**
   * SQLite only: what timing the statements cost this process (two CPU-clock reads and the
   * bookkeeping around each run, `probeCost`), in µs, taken out of the app's share; 0 on PostgreSQL
   * (Kysely's query log only reads the wall clock).
   */
  probeUs: number;
}

type Statement = { sql: string; parameters: readonly unknown[] };
/** Statements kept for the replay: the last ones of the run, so the mix of a steady state. */
const SAMPLE = 64;

/** Collects what `openDatabase(…, { onStatement })` reports; reset at the start of each measured run. */
export class SqlClock {
  private ms = 0;
  private n = 0;
  /** A ring of the latest statements (PostgreSQL reports them). */
  readonly sample: Statement[] = [];
  /** Set by `trace`: every statement of the run with its time (the dashboards bench's breakdown). */
  private traced: { ms: number; sql: string }[] | null = null;
  readonly record = (ms: number, statement?: Statement): void => {
    this.ms += ms;
    if (statement) this.sample[this.n % SAMPLE] = statement;
    this.traced?.push({ ms, sql: statement?.sql ?? '' });
    this.n++;
  };
  /** Runs `fn` alone, and answers what its statements took: their number, time and the slowest. */
  async trace(
    fn: () => Promise<unknown>,
  ): Promise<{ statements: number; ms: number; slowest: { ms: number; sql: string }[] }> {
    this.traced = [];
    try {
      await fn();
      const t = this.traced;
      return {
        statements: t.length,
        ms: t.reduce((s, x) => s + x.ms, 0),
        slowest: [...t].sort((a, b) => b.ms - a.ms).slice(0, 3),
      };
    } finally {
      this.traced = null;
    }
  }
  reset(): void {
    this.ms = 0;
    this.n = 0;
    this.sample.length = 0;
  }
  read(): { statements: number; sqlUs: number } {
    return { statements: this.n, sqlUs: this.ms * 1000 };
  }
}

/**
 * CPU time (user + system) of the local PostgreSQL server processes serving one database, read from
 * /proc (their title names the database: `postgres: 15/main: postgres <db> 127.0.0.1(…) idle`).
 * Synchronous, so it can be sampled at the exact moment a run starts without using the pool. Null
 * when the server is not on this machine (nothing found) or /proc is not there.
 */
export class PgServerCpu {
  private readonly tick: number;
  constructor(
    private readonly dbName: string,
    ticksPerSecond = 100,
  ) {
    this.tick = 1_000_000 / ticksPerSecond;
  }

  /** µs of CPU per backend process id, now. */
  sample(): Map<number, number> {
    const out = new Map<number, number>();
    let pids: string[];
    try {
      pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
    } catch {
      return out;
    }
    for (const pid of pids) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmd.startsWith('postgres:') || !cmd.includes(` ${this.dbName} `)) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(Number(pid), (Number(f[11]) + Number(f[12])) * this.tick);
      } catch {
        // The process ended meanwhile.
      }
    }
    return out;
  }

  /** CPU spent since `before` by the processes alive now (one started meanwhile counts from zero). */
  since(before: Map<number, number>): number | null {
    const now = this.sample();
    if (now.size === 0 && before.size === 0) return null;
    let us = 0;
    for (const [pid, cpu] of now) us += cpu - (before.get(pid) ?? 0);
    return us;
  }
}

/**
 * What the SQLite statement timing (db/database.ts `timedRun`) costs per statement, measured by timing
 * a run that does nothing: `totalUs`, this process's CPU per timed call, all of which the CPU per
 * request includes and none of which is the app's; `inWindowUs`, the part the timing reports as the
 * statement's own time (the CPU-clock reads overlap the window), which comes off the SQL time.
 */
export function probeCost(calls = 50_000): { totalUs: number; inWindowUs: number } {
  const clock = new SqlClock();
  const run = timedRun(() => [], 'select 1', clock.record);
  for (let i = 0; i < 5_000; i++) run(i);
  clock.reset();
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) run(i);
  const c = process.cpuUsage(c0);
  return { totalUs: (c.user + c.system) / calls, inWindowUs: clock.read().sqlUs / calls };
}

/** Started when a measured run starts, read when it ends (load.ts `measure`). */
export class SqlProbe {
  private before = new Map<number, number>();
  constructor(
    readonly clock: SqlClock,
    private readonly server: PgServerCpu | null,
    /** PostgreSQL: where to replay the sample (the bench database). */
    private readonly replayUrl: string | null = null,
  ) {}
  /** SQLite: the timing's own cost per statement, measured once (`probeCost`). */
  private cost: { totalUs: number; inWindowUs: number } | null = null;
  start(): void {
    if (!this.replayUrl && !this.cost) this.cost = probeCost();
    this.clock.reset();
    if (this.server) this.before = this.server.sample();
  }
  /** Read at the end of the run; on PostgreSQL, then replays the sample (the server is idle by then). */
  async stop(): Promise<SqlUsage> {
    const read = this.clock.read();
    const serverCpuUs = this.server ? this.server.since(this.before) : null;
    const perStatement = this.replayUrl ? await this.clientCpu(this.replayUrl, [...this.clock.sample]) : null;
    const cost = this.cost ?? { totalUs: 0, inWindowUs: 0 };
    return {
      statements: read.statements,
      sqlUs: Math.max(0, read.sqlUs - read.statements * cost.inWindowUs),
      serverCpuUs,
      clientCpuUs: perStatement === null ? null : perStatement * read.statements,
      probeUs: read.statements * cost.totalUs,
    };
  }

  /**
   * This process's CPU per statement for running `sample` through the pg driver (the app's driver, with
   * the app's type parsers), after a warm-up round: `lanes` connections (the load's connection count)
   * each run the whole sample `rounds` times, one statement at a time, so socket wake-ups are shared
   * as they are under load. Nothing else runs meanwhile: this is what the statements cost this
   * process apart from the app's own work.
   */
  private async clientCpu(url: string, sample: Statement[], rounds = 10, lanes = 10): Promise<number | null> {
    if (sample.length === 0) return null;
    const clients = Array.from({ length: lanes }, () => new pg.Client({ connectionString: url }));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      const run = (c: pg.Client, times: number) =>
        (async () => {
          for (let r = 0; r < times; r++) for (const s of sample) await c.query(s.sql, [...s.parameters]);
        })();
      await Promise.all(clients.map((c) => run(c, 1)));
      const c0 = process.cpuUsage();
      await Promise.all(clients.map((c) => run(c, rounds)));
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / (rounds * lanes * sample.length);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  }
}
