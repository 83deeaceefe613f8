import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuiltApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { migrateToLatest, openDatabase, type Database } from '../src/db/database';
import { bootstrapAdmin, contextFor, DEMO_PASSWORD } from '../src/seed/factories';
import { loadRegions } from '../src/seed/reference';
import type { RequestContext } from '../src/core/actor';

/** Which database the integration suites run on: PostgreSQL when TEST_DATABASE_URL is set. */
export const TEST_DB: 'sqlite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/**
 * A database and data directory to start from instead of empty ones (e2e/server.ts seeds the demo once
 * per run and copies it for each file): the directory is copied, a PostgreSQL database is created with
 * the template as its template, and the app runs with the key the template was written under.
 */
export interface DataTemplate {
  dataDir: string;
  secretKey: string;
  /** The PostgreSQL template database (when the suite runs on PostgreSQL). */
  pgDatabase: string | null;
}

export interface TestApp extends BuiltApp {
  /** The app's data directory (SQLite file, attachments). */
  dataDir: string;
  /** Its PostgreSQL database, when on PostgreSQL. */
  pgDatabase: string | null;
  /** Log lines of server errors (level error and above, a 5xx answer, a reply sent twice). */
  serverErrors: string[];
  config: Config;
  database: Database;
  admin: RequestContext;
  close(): Promise<void>;
}

export async function freshPostgres(
  opts: { template?: string } = {},
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `touyan_test_${randomBytes(6).toString('hex')}`;
  const adminClient = new pg.Client({ connectionString: base.toString() });
  await adminClient.connect();
  // A copy of a template database (no session may be connected to it), else an empty one.
  await adminClient.query(`create database ${name}${opts.template ? ` template ${opts.template}` : ''}`);
  await adminClient.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A log line that reports a server error: level error or worse, a 5xx response, or a reply sent twice. */
function isServerError(line: string): boolean {
  try {
    const entry = JSON.parse(line) as { level?: number; res?: { statusCode?: number }; err?: { code?: string } };
    return (
      (entry.level ?? 0) >= 50 || (entry.res?.statusCode ?? 0) >= 500 || entry.err?.code === 'FST_ERR_REP_ALREADY_SENT'
    );
  } catch {
    return false;
  }
}

/** A fresh database (a new SQLite file or a new PostgreSQL database), migrated, with regions and an admin. */
export async function createTestApp(
  extraEnv: NodeJS.ProcessEnv = {},
  overrides: Partial<Config> = {},
  options: {
    allowServerErrors?: boolean;
    /** Start from a copy of this data (see DataTemplate). */
    template?: DataTemplate;
    /** Keep the data directory and database when closed (to serve as a template). */
    keep?: boolean;
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'touyan-test-'));
  if (options.template) cpSync(options.template.dataDir, dataDir, { recursive: true });
  let drop: (() => Promise<void>) | null = null;
  let pgDatabase: string | null = null;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SECRET_KEY: options.template?.secretKey ?? randomBytes(32).toString('hex'),
    // Suites log in many times from one address; the limit itself has its own test.
    LOGIN_RATE_LIMIT_PER_MIN: '100000',
    ...extraEnv,
  };
  if (TEST_DB === 'postgres') {
    const fresh = await freshPostgres({ template: options.template?.pgDatabase ?? undefined });
    env.DATABASE_URL = fresh.url;
    pgDatabase = fresh.name;
    drop = options.keep ? null : fresh.drop;
  }
  // The log is read, not printed: a server error logged during a suite (an unhandled error answered
  // 500, a reply sent twice …) fails the suite when it closes, even if the test saw a 2xx.
  const serverErrors: string[] = [];
  const logStream = {
    write(line: string) {
      if (isServerError(line)) serverErrors.push(line.trim());
    },
  };
  const config = loadConfig({ LOG_LEVEL: 'warn', ...env }, { webDist: null, ...overrides });
  const database = openDatabase(config.db);
  await migrateToLatest(database);
  const built = await buildApp(config, database, { logStream });
  await loadRegions(built.services.store);
  const adminActor = await bootstrapAdmin(built.services, {
    username: 'admin',
    displayName: '系统管理员',
    password: DEMO_PASSWORD,
  });
  await built.app.ready();
  return {
    ...built,
    config,
    database,
    dataDir,
    pgDatabase,
    admin: contextFor(adminActor, 'test'),
    serverErrors,
    async close() {
      await built.app.close();
      await database.close();
      if (drop) await drop();
      if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
      if (serverErrors.length && !options.allowServerErrors) {
        throw new Error(`the server logged ${serverErrors.length} error(s):\n${serverErrors.slice(0, 5).join('\n')}`);
      }
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

/** Logs in through the API and returns what a browser would hold. */
export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookies = res.cookies as { name: string; value: string }[];
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = cookies.find((c) => c.name === 'ty_csrf')!.value;
  return { cookie, csrf, userId: res.json().id };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request as the logged-in user, with the CSRF header on writes. */
export function call(
  app: FastifyInstance,
  s: Session | null,
  method: Method,
  url: string,
  payload?: unknown,
  extraHeaders: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...extraHeaders };
  if (s) {
    headers.cookie = s.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  }
  return app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload: payload as string | object } : {}),
  });
}

/** A multipart/form-data body with text fields and one file, as a browser's upload sends it. */
export function multipart(
  fields: Record<string, string>,
  file: { field: string; filename: string; type: string; data: Buffer },
): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----touyan${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
