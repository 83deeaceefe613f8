import type { LoadResult } from './load';

/** Issue 10 item 8: the app's own work per list request (CPU minus SQL), at most this many µs. */
export const OVERHEAD_TARGET_US = 150;

/**
 * The app's own CPU per request: the bench process's CPU minus what its statements cost this process.
 * SQLite runs in this process (synchronously): its statements' CPU is measured as they run and taken
 * out, and so is what that timing itself costs (two CPU-clock reads per statement, `probeCost`). PostgreSQL runs in server processes of its own, whose CPU is not in this figure at all; what
 * the statements cost this process is the pg driver's work (writing each query to the socket, reading
 * and parsing the rows), measured by replaying a sample of the run's statements one at a time after
 * the run (sql-time.ts) and taken out. The client-side wait (round trip, the server, the event loop
 * busy with other requests) is not CPU and is shown apart.
 */
export function appOverheadUs(r: LoadResult, postgres: boolean): number | null {
  if (!r.sql) return null;
  if (postgres) return r.sql.clientCpuUs === null ? null : r.cpuPerReqUs - r.sql.clientCpuUs;
  return r.cpuPerReqUs - r.sql.probeUs - r.sql.sqlUs;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** Header cells of the SQL and overhead columns (PostgreSQL adds the server's CPU and the wait). */
export function overheadHeader(postgres: boolean): { head: string; align: string } {
  const head = postgres
    ? 'SQL stmts/req | SQL wait µs/req (client) | PG server CPU µs/req | SQL client CPU µs/req (replayed) | app µs/req (CPU − SQL client CPU) | app ≤ 150 µs'
    : 'SQL stmts/req | SQL µs/req | timing µs/req | app µs/req (CPU − timing − SQL) | app ≤ 150 µs';
  const n = postgres ? 5 : 4;
  return { head, align: `${'---:|'.repeat(n)}:---:|` };
}

/** The row's SQL and overhead cells; `target` false for rows not held to it (baseline, heavy pages). */
export function overheadCells(r: LoadResult, postgres: boolean, target: boolean): string {
  const sql = r.sql;
  const app = appOverheadUs(r, postgres);
  const verdict = !target || app === null ? '—' : app <= OVERHEAD_TARGET_US ? 'PASS' : '**FAIL**';
  if (!sql) return postgres ? '— | — | — | — | — | — |' : '— | — | — | — | — |';
  const na = (v: number | null) => (v === null ? 'n/a' : int(v));
  const cells = postgres
    ? [sql.statements.toFixed(1), int(sql.sqlUs), na(sql.serverCpuUs), na(sql.clientCpuUs), na(app), verdict]
    : [sql.statements.toFixed(1), int(sql.sqlUs), int(sql.probeUs), na(app), verdict];
  return `${cells.join(' | ')} |`;
}
