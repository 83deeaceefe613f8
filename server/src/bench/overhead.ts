import type { LoadResult } from './load';

/** Issue 10 item 8: the app's own work per list request (CPU minus SQL), at most this many µs. */
export const OVERHEAD_TARGET_US = 150;

/**
 * The app's own CPU per request: the bench process's CPU minus the time its statements ran.
 * SQLite runs in this process (synchronously), so its statements' time is CPU of this process and
 * is taken out. PostgreSQL runs in server processes of its own: their CPU is not in this process's
 * figure at all, and the client-side wait (round trip, the server's work and, under load, this
 * process's event loop busy with other requests) is not CPU, so nothing is taken out — what remains
 * is all this process's work, the pg driver's (sending the query, building row objects) included.
 */
export function appOverheadUs(r: LoadResult, postgres: boolean): number | null {
  if (!r.sql) return null;
  return postgres ? r.cpuPerReqUs : r.cpuPerReqUs - r.sql.sqlUs;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** Header cells of the SQL and overhead columns (PostgreSQL adds the server's CPU). */
export function overheadHeader(postgres: boolean): { head: string; align: string } {
  const head = postgres
    ? 'SQL stmts/req | SQL wait µs/req (client) | PG server CPU µs/req | app µs/req (CPU) | app ≤ 150 µs'
    : 'SQL stmts/req | SQL µs/req | app µs/req (CPU − SQL) | app ≤ 150 µs';
  const n = postgres ? 4 : 3;
  return { head, align: `${'---:|'.repeat(n)}:---:|` };
}

/** The row's SQL and overhead cells; `target` false for rows not held to it (baseline, heavy pages). */
export function overheadCells(r: LoadResult, postgres: boolean, target: boolean): string {
  const sql = r.sql;
  const app = appOverheadUs(r, postgres);
  const verdict = !target || app === null ? '—' : app <= OVERHEAD_TARGET_US ? 'PASS' : '**FAIL**';
  if (!sql) return postgres ? '— | — | — | — | — |' : '— | — | — | — |';
  const server = sql.serverCpuUs === null ? 'n/a' : int(sql.serverCpuUs);
  const cells = [sql.statements.toFixed(1), int(sql.sqlUs), ...(postgres ? [server] : []), int(app!), verdict];
  return `${cells.join(' | ')} |`;
}
