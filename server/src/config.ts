import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// (omit it to use embedded SQLite)')
    .optional(),
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'SECRET_KEY must be 64 hex characters (32 bytes)')
    .optional(),
  // Redis for the request rate limits (shared by every process); without it they are counted in the database.
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
    .optional(),
  // Earlier field keys, comma-separated, read (never written) while `npm run rotate-key` moves to SECRET_KEY.
  SECRET_KEY_PREVIOUS: z
    .string()
    .regex(/^[0-9a-f]{64}(,[0-9a-f]{64})*$/, 'SECRET_KEY_PREVIOUS must be 64-hex-character keys separated by commas')
    .optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  // Served over HTTPS: built-in TLS (both files) or HTTPS=true behind a TLS reverse proxy. See Config['https'].
  HTTPS: z.enum(['true', 'false']).optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  WEB_DIST: z.string().optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOGIN_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(20),
  // Slow clients (issue #8): how long a request may take to arrive. See Config['timeouts'].
  HEADERS_TIMEOUT_MS: ms(1_000, 120_000).default(10_000),
  REQUEST_TIMEOUT_MS: ms(1_000, 600_000).default(30_000),
  UPLOAD_TIMEOUT_MS: ms(1_000, 3_600_000).default(300_000),
  KEEP_ALIVE_TIMEOUT_MS: ms(1_000, 600_000).default(72_000),
  IDLE_TIMEOUT_MS: ms(30_000, 3_600_000).default(120_000),
  // Uploads (issue #8). See Config['uploads'].
  UPLOAD_DAILY_QUOTA_MB: z.coerce.number().int().min(1).max(2000).default(200),
  UPLOAD_UNLINKED_QUOTA_MB: z.coerce.number().int().min(1).max(2000).default(100),
  UPLOAD_UNLINKED_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  // The ledger import (issue 11): imports not committed within this many hours expire (file deleted).
  IMPORT_ABANDONED_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  API_DOCS: z.enum(['public', 'login', 'off']).optional(),
  // 零工快招 (issue 13): the SMS channel's provider (none: off) and how many top matches a job pushes to.
  SMS_PROVIDER: z.enum(['none', 'http']).default('none'),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().min(1).optional(),
  GIG_PUSH_TOP: z.coerce.number().int().min(1).max(1_000_000).default(200),
  // Shared file storage (issue 16): the data directory (default) or S3-compatible object storage.
  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'S3_PREFIX must be empty or end with / (e.g. touyan/)')
    .default(''),
  // Who may read GET /api/metrics (Prometheus): a bearer token; without it, only loopback clients.
  METRICS_TOKEN: z.string().min(16).optional(),
  // Audit log retention (等保: at least 180 days); older rows are archived (JSON lines) then deleted.
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180).max(3650).default(365),
  // Graceful shutdown: how long requests in flight may take to finish before the process exits.
  SHUTDOWN_GRACE_MS: ms(1_000, 120_000).default(10_000),
});

/** A duration in milliseconds from the environment. */
function ms(min: number, max: number) {
  return z.coerce.number().int().min(min).max(max);
}

const MB = 1024 * 1024;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  db: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  secretKey: Buffer;
  /** Where request rate limits are counted when not in the database (REDIS_URL). */
  redisUrl: string | null;
  /** Earlier field keys (SECRET_KEY_PREVIOUS), to read values a key rotation has not yet moved. */
  previousSecretKeys: Buffer[];
  sessionTtlMs: number;
  /**
   * Whether browsers reach the platform over HTTPS: built-in TLS (`tls`), or `HTTPS=true` behind a TLS
   * reverse proxy. Only then are `upgrade-insecure-requests` (CSP), HSTS and (by default) `Secure`
   * cookies sent: over plain HTTP on a LAN (phones at http://192.168.x.y:3000) the first would
   * upgrade every script to https (a blank page) and the last would make the browser drop the session.
   */
  https: boolean;
  /** Built-in TLS: PEM certificate (chain) and private key files, read at start (app.ts). */
  tls: { certFile: string; keyFile: string } | null;
  /** Cookies carry `Secure`: COOKIE_SECURE when set, else `https`. */
  cookieSecure: boolean;
  logLevel: string;
  seedDemo: boolean;
  webDist: string | null;
  trustProxy: boolean;
  /** Log-in attempts allowed per client address per minute. */
  loginRateLimit: number;
  /**
   * How long a client may take to send a request (app.ts, core/request-timeouts.ts). `headersMs`:
   * the request line and headers. `requestMs`: the whole request of any route but the upload.
   * `uploadMs`: the whole upload request (20 MB at 1 Mbit/s takes ~170 s, so the 300 s default
   * leaves room for a phone on a weak signal). `keepAliveMs`: an idle kept-alive connection between
   * requests. `idleMs`: a connection with no bytes either way (must exceed the 15 s keep-alive
   * comments of the contest event streams). None of them limits how long a response may stream:
   * the board's server-sent events stay open.
   */
  timeouts: { headersMs: number; requestMs: number; uploadMs: number; keepAliveMs: number; idleMs: number };
  /**
   * Upload quotas per user (attachments.service.ts): bytes stored per Asia/Shanghai day, bytes held
   * in uploads not yet linked to a project; unlinked uploads older than `unlinkedTtlMs` are removed
   * (attachments.cleanup.ts).
   */
  uploads: {
    dailyQuotaBytes: number;
    unlinkedQuotaBytes: number;
    unlinkedTtlMs: number;
    /** STORAGE=s3: checked uploads are kept in this bucket instead of the data directory. */
    objectStore?: S3Settings | null;
  };
  /** GET /api/metrics: a bearer token (METRICS_TOKEN), or null: loopback clients only. */
  metricsToken: string | null;
  /** Audit rows older than this many days are archived and deleted (≥ 180). */
  auditRetentionDays: number;
  /** Graceful shutdown: the longest wait for requests in flight (main.ts). */
  shutdownGraceMs: number;
  /**
   * Ledger imports (host-orgs.import.ts): one validated or failed but not committed within
   * `abandonedTtlMs` (24 h by default) expires, and its uploaded file is deleted (the import-cleanup job).
   */
  imports: { abandonedTtlMs: number };
  /** Who may read the OpenAPI documentation at /api/docs: everyone, logged-in users, or nobody (404). */
  apiDocs: 'public' | 'login' | 'off';
  /**
   * The SMS channel of the gig pushes (modules/gigs/gigs.sms.ts): off, or an HTTP gateway taking
   * `{ to, text, idempotencyKey }` (SMS_PROVIDER=http, SMS_HTTP_URL, SMS_HTTP_TOKEN).
   */
  sms: { provider: 'none' } | { provider: 'http'; url: string; token: string | null };
  /** How many of a job's best matches are pushed it (GIG_PUSH_TOP). */
  gigs: { pushTop: number };
}

/** S3-compatible object storage (MinIO, Alibaba OSS, Tencent COS, Amazon S3): STORAGE=s3 and S3_*. */
export interface S3Settings {
  endpoint: string | null;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (MinIO and most self-hosted servers) rather than in the host name. */
  forcePathStyle: boolean;
  /** Prepended to every key (several deployments sharing a bucket). */
  prefix: string;
}

export class ConfigError extends Error {}

/** Reads the environment once into a typed object; throws ConfigError with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  if (e.NODE_ENV === 'production' && !e.SECRET_KEY) {
    throw new ConfigError('配置错误: production requires SECRET_KEY (64 hex characters)');
  }
  if (!(e.HEADERS_TIMEOUT_MS <= e.REQUEST_TIMEOUT_MS && e.REQUEST_TIMEOUT_MS <= e.UPLOAD_TIMEOUT_MS)) {
    throw new ConfigError('配置错误: HEADERS_TIMEOUT_MS ≤ REQUEST_TIMEOUT_MS ≤ UPLOAD_TIMEOUT_MS is required');
  }
  if (!e.TLS_CERT_FILE !== !e.TLS_KEY_FILE) {
    throw new ConfigError(
      `配置错误: TLS_CERT_FILE and TLS_KEY_FILE go together (built-in HTTPS needs both; only ${
        e.TLS_CERT_FILE ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE'
      } is set)`,
    );
  }
  if (e.STORAGE === 's3' && !(e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('配置错误: STORAGE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  if (e.SMS_PROVIDER === 'http' && !e.SMS_HTTP_URL)
    throw new ConfigError('配置错误: SMS_PROVIDER=http needs SMS_HTTP_URL (the gateway to post messages to)');
  const tls = e.TLS_CERT_FILE && e.TLS_KEY_FILE ? tlsFiles(e.TLS_CERT_FILE, e.TLS_KEY_FILE) : null;
  if (tls && e.HTTPS === 'false') {
    throw new ConfigError('配置错误: HTTPS=false contradicts TLS_CERT_FILE/TLS_KEY_FILE (built-in HTTPS)');
  }
  const https = tls !== null || e.HTTPS === 'true';
  const secretKey = e.SECRET_KEY ? Buffer.from(e.SECRET_KEY, 'hex') : devSecret(dataDir);
  const webDefault = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../web/dist');
  const webDist = e.WEB_DIST ? path.resolve(e.WEB_DIST) : webDefault;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    db: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'touyan.sqlite') },
    secretKey,
    redisUrl: e.REDIS_URL ?? null,
    previousSecretKeys: (e.SECRET_KEY_PREVIOUS ?? '')
      .split(',')
      .filter(Boolean)
      .map((k) => Buffer.from(k, 'hex')),
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    https,
    tls,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : https,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO === 'true',
    webDist: existsSync(webDist) ? webDist : null,
    trustProxy: e.TRUST_PROXY === 'true',
    loginRateLimit: e.LOGIN_RATE_LIMIT_PER_MIN,
    timeouts: {
      headersMs: e.HEADERS_TIMEOUT_MS,
      requestMs: e.REQUEST_TIMEOUT_MS,
      uploadMs: e.UPLOAD_TIMEOUT_MS,
      keepAliveMs: e.KEEP_ALIVE_TIMEOUT_MS,
      idleMs: e.IDLE_TIMEOUT_MS,
    },
    uploads: {
      dailyQuotaBytes: e.UPLOAD_DAILY_QUOTA_MB * MB,
      unlinkedQuotaBytes: e.UPLOAD_UNLINKED_QUOTA_MB * MB,
      unlinkedTtlMs: e.UPLOAD_UNLINKED_TTL_HOURS * 3600_000,
      objectStore:
        e.STORAGE === 's3'
          ? {
              endpoint: e.S3_ENDPOINT ?? null,
              region: e.S3_REGION,
              bucket: e.S3_BUCKET!,
              accessKeyId: e.S3_ACCESS_KEY_ID!,
              secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
              forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
              prefix: e.S3_PREFIX,
            }
          : null,
    },
    metricsToken: e.METRICS_TOKEN ?? null,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    imports: { abandonedTtlMs: e.IMPORT_ABANDONED_TTL_HOURS * 3600_000 },
    apiDocs: e.API_DOCS ?? (e.NODE_ENV === 'production' ? 'login' : 'public'),
    sms:
      e.SMS_PROVIDER === 'http'
        ? { provider: 'http', url: e.SMS_HTTP_URL!, token: e.SMS_HTTP_TOKEN ?? null }
        : { provider: 'none' },
    gigs: { pushTop: e.GIG_PUSH_TOP },
    ...overrides,
  };
}

/** The TLS files, resolved; each must be a readable file (else a ConfigError naming it). */
function tlsFiles(cert: string, key: string): { certFile: string; keyFile: string } {
  const files = { certFile: path.resolve(cert), keyFile: path.resolve(key) };
  for (const [name, file] of [
    ['TLS_CERT_FILE', files.certFile],
    ['TLS_KEY_FILE', files.keyFile],
  ] as const) {
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new ConfigError(`配置错误: ${name} ${file} is not a readable file`);
    }
  }
  return files;
}

/** Outside production a key is generated once and kept in the data directory. */
function devSecret(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}
