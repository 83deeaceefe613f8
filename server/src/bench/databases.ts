import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../config';
import { migrateToLatest, openDatabase, type Database } from '../db/database';
import { progress } from './scenarios';
import { PgServerCpu, SqlClock, SqlProbe } from './sql-time';

/**
 * BENCH_KEEP=1: the databases outlive the run (the SQLite file and its temp dir stay, the PostgreSQL
 * database is not dropped), their place printed, to profile a statement on exactly what was measured.
 */
export const KEEP = process.env.BENCH_KEEP === '1';

/** Where the PostgreSQL run goes when BENCH_DATABASE_URL is not set. */
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, migrated database in a temp dir (SQLite) or under a random name (PostgreSQL). */
export interface BenchDatabase {
  kind: 'sqlite' | 'postgres';
  label: string;
  config: Config;
  database: Database;
  /** Time spent in SQL during a measured run (statement times; on PostgreSQL also the server's CPU). */
  sql: SqlProbe;
  /**
   * Closes the database, drops the PostgreSQL database, removes the temp dir (with BENCH_KEEP=1 it only
   * closes and prints where the database stays); once, however often called.
   */
  dispose(): Promise<void>;
}

export type PgTarget = { url: string } | { skipped: string };

/**
 * BENCH_DATABASE_URL when set (an unreachable server is then an error); otherwise the local
 * server at 127.0.0.1:5432 as user postgres if one answers; otherwise a reason to skip.
 */
export async function pgTarget(env: NodeJS.ProcessEnv = process.env): Promise<PgTarget> {
  const explicit = env.BENCH_DATABASE_URL;
  if (explicit === 'off' || explicit === 'none') return { skipped: `BENCH_DATABASE_URL=${explicit}` };
  if (explicit) return { url: explicit };
  const client = new pg.Client({ connectionString: DEFAULT_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { url: DEFAULT_PG_URL };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { skipped: `no PostgreSQL server answered at ${DEFAULT_PG_URL} (${reason})` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function onServer<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function openBenchDatabase(
  target: { kind: 'sqlite' } | { kind: 'postgres'; url: string },
): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'touyan-bench-'));
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SECRET_KEY: randomBytes(32).toString('hex'),
  };
  let drop: () => Promise<void> = async () => undefined;
  let label = 'SQLite';
  let kept = '';
  let server: PgServerCpu | null = null;
  if (target.kind === 'postgres') {
    const name = `touyan_bench_${randomBytes(6).toString('hex')}`;
    server = new PgServerCpu(name);
    const version = await onServer(target.url, async (c) => {
      await c.query(`create database ${name}`);
      return (await c.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    });
    drop = async () => {
      await onServer(target.url, (c) => c.query(`drop database if exists ${name} with (force)`));
    };
    const url = new URL(target.url);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    kept = `PostgreSQL database ${url.toString()} (drop database ${name} when done)`;
    label = `PostgreSQL ${version.split(' ')[0]}`;
  }
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  let database: Database | null = null;
  try {
    const config = loadConfig(env, { webDist: null });
    if (config.db.kind === 'sqlite') kept = `SQLite file ${config.db.file} (rm -r ${dataDir} when done)`;
    // What opens the kept database again with the run's settings (its throwaway field-cipher key included).
    if (KEEP) writeFileSync(path.join(dataDir, 'bench-env.json'), JSON.stringify(env, null, 2));
    const clock = new SqlClock();
    database = openDatabase(config.db, { onStatement: clock.record });
    await migrateToLatest(database);
    const opened = database;
    let disposed: Promise<void> | null = null;
    return {
      kind: target.kind,
      label,
      config,
      database: opened,
      sql: new SqlProbe(clock, server, config.db.kind === 'postgres' ? config.db.url : null),
      dispose: () =>
        (disposed ??= (async () => {
          await opened.close();
          if (KEEP) {
            progress(`BENCH_KEEP=1: kept the ${kept}; its settings in ${path.join(dataDir, 'bench-env.json')}`);
            return;
          }
          await drop();
          removeDir();
        })()),
    };
  } catch (e) {
    await database?.close();
    await drop();
    removeDir();
    throw e;
  }
}
