import {
  CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { ProjectListQuery } from '@touyan/schemas';
import type { Actor } from '../core/actor';
import type { Database } from '../db/database';
import { projectReadScope } from '../modules/projects/projects.policy';
import { ProjectsRepository } from '../modules/projects/projects.repository';
import { percentile } from './load';

/**
 * Counts the statements the app runs while `during` is pending. The app is built over the bench
 * database with this plugin appended; outside `during` it costs one comparison per statement.
 */
export class StatementCounter implements KyselyPlugin {
  private counting = false;
  private n = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  /** Counted on the result: a prepared statement (db/prepared.ts) is not built again, only run. */
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.counting) this.n++;
    return Promise.resolve(args.result);
  }
  /** The statements run by one call (e.g. one request, nothing else in flight). */
  async during(fn: () => Promise<unknown>): Promise<number> {
    this.n = 0;
    this.counting = true;
    try {
      await fn();
      return this.n;
    } finally {
      this.counting = false;
    }
  }
}

export interface ListProfile {
  label: string;
  /** The statement's plan: EXPLAIN QUERY PLAN (SQLite) or EXPLAIN ANALYZE (PostgreSQL). */
  plan: string[];
  /** The statement alone, re-run in the bench process: median and p95 in ms. */
  sqlMedianMs: number;
  sqlP95Ms: number;
  rows: number;
}

function sqlitePlan(rows: { id: number; parent: number; detail: string }[]): string[] {
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

/**
 * The list statement `ProjectsRepository.list` runs for this actor and query — captured as the app
 * builds it — explained and timed on its own (`runs` times, after one warm-up run).
 */
export async function profileList(
  database: Database,
  actor: Actor,
  label: string,
  q: ProjectListQuery,
  runs = 30,
): Promise<ListProfile> {
  const repo = new ProjectsRepository(database.db);
  const { items: rows } = await repo.list(projectReadScope(actor), q);
  const compiled = repo.compileList(projectReadScope(actor), q);
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    await database.db.executeQuery(compiled);
    if (i > 0) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const explain =
    database.dialect === 'sqlite'
      ? CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters])
      : CompiledQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]);
  const planRows = (await database.db.executeQuery(explain)).rows as Record<string, unknown>[];
  const plan =
    database.dialect === 'sqlite'
      ? sqlitePlan(planRows as { id: number; parent: number; detail: string }[])
      : planRows.map((r) => String(Object.values(r)[0]));
  return {
    label,
    plan,
    sqlMedianMs: percentile(times, 50),
    sqlP95Ms: percentile(times, 95),
    rows: rows.length,
  };
}
