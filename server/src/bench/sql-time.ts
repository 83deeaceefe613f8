import { readdirSync, readFileSync } from 'node:fs';

/** What one measured run spent in SQL, beside the process's own CPU (see `SqlProbe`). */
export interface SqlUsage {
  statements: number;
  /** Sum of the statements' times (db/database.ts `onStatement`), in µs. */
  sqlUs: number;
  /** PostgreSQL only: CPU of the server processes serving the bench database, in µs; null on SQLite. */
  serverCpuUs: number | null;
}

/** Collects what `openDatabase(…, { onStatement })` reports; reset at the start of each measured run. */
export class SqlClock {
  private ms = 0;
  private n = 0;
  readonly record = (ms: number): void => {
    this.ms += ms;
    this.n++;
  };
  reset(): void {
    this.ms = 0;
    this.n = 0;
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

/** Started when a measured run starts, read when it ends (load.ts `measure`). */
export class SqlProbe {
  private before = new Map<number, number>();
  constructor(
    private readonly clock: SqlClock,
    private readonly server: PgServerCpu | null,
  ) {}
  start(): void {
    this.clock.reset();
    if (this.server) this.before = this.server.sample();
  }
  stop(): SqlUsage {
    return { ...this.clock.read(), serverCpuUs: this.server ? this.server.since(this.before) : null };
  }
}
