import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastJson from 'fast-json-stringify';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest, type RouteOptions } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ERRORS, pickLocale, type ErrorCode } from '@touyan/schemas';
import type { Config } from './config';
import { AppError, errorBody } from './core/errors';
import { securityHeaders } from './core/security-headers';
import { bodyDeadline, serverTimeoutOptions } from './core/request-timeouts';
import { checkResponses } from './core/route';
import { strictResponseCheck } from './core/response';
import { constraintError, violationOf } from './db/constraint-errors';
import type { Database } from './db/database';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes, SESSION_COOKIE } from './modules/auth/auth.routes';
import type { SessionInfo } from './modules/auth/auth.service';
import { healthRoutes } from './modules/health/health.routes';
import { hostOrgsRoutes } from './modules/host-orgs/host-orgs.routes';
import { hostOrgImportRoutes } from './modules/host-orgs/host-orgs.import.routes';
import { instructorsRoutes } from './modules/instructors/instructors.routes';
import { visitsRoutes } from './modules/visits/visits.routes';
import { stationsRoutes } from './modules/stations/stations.routes';
import { gigsRoutes } from './modules/gigs/gigs.routes';
import { passesRoutes } from './modules/passes/passes.routes';
import { indicatorsRoutes } from './modules/indicators/indicators.routes';
import { partyOrgsRoutes } from './modules/party-orgs/party-orgs.routes';
import { regionsRoutes } from './modules/regions/regions.routes';
import { usersRoutes } from './modules/users/users.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { projectsRoutes } from './modules/projects/projects.routes';
import { executionRoutes } from './modules/execution/execution.routes';
import { attachmentsRoutes, UPLOAD_URL, VISIT_PHOTO_UPLOAD_URL } from './modules/attachments/attachments.routes';
import { WORKER_PHOTO_UPLOAD_URL, workersRoutes } from './modules/workers/workers.routes';
import { DISPUTE_EVIDENCE_UPLOAD_URL, disputesRoutes } from './modules/disputes/disputes.routes';
import { reviewsRoutes } from './modules/reviews/reviews.routes';
import { campaignsRoutes } from './modules/campaigns/campaigns.routes';
import { challengesRoutes } from './modules/challenges/challenges.routes';
import { contestsRoutes } from './modules/contests/contests.routes';
import { assessmentsRoutes } from './modules/assessments/assessments.routes';
import { homeRoutes } from './modules/home/home.routes';
import { dashboardsRoutes } from './modules/dashboards/dashboards.routes';
import { demandsRoutes } from './modules/demands/demands.routes';
import { PgContestRelay } from './modules/contests/contests.relay';
import { notify, PgListener } from './db/pg-listener';
import type { SessionRevocation } from './modules/auth/session-cache';

/** The PostgreSQL channel of session revocations (payload: `{"idHash"}` or `{"userId"}`). */
export const SESSION_CHANNEL = 'touyan_session_revoked';
import { makeServices, type Services } from './services';
import { FieldCipher } from './core/crypto';
import { checkKeyCanary } from './db/key-canary';
import { databaseRateLimitStore } from './db/rate-limit-store';
import { nowIso } from './core/time';
import { createJobQueue } from './jobs';
import { registerBackgroundJobs } from './background';
import { jobsRoutes } from './modules/jobs/jobs.routes';
import { referenceChecker } from './modules/references/references';

declare module 'fastify' {
  interface FastifyRequest {
    sessionIdHash: string | null;
  }
}

function useSession(req: FastifyRequest, session: SessionInfo | null) {
  if (!session) return;
  req.actor = session.actor;
  req.csrfToken = session.csrfToken;
  req.sessionIdHash = session.idHash;
}

/** Fields whose values never reach the logs. */
const REDACT = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.oldPassword',
  '*.newPassword',
  '*.mobile',
  '*.idNumber',
];

/** Fastify's body-parsing errors → our codes (415 for a content type we do not read, 400 for broken JSON). */
const BODY_ERRORS: Record<string, ErrorCode | undefined> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
};

/** Response types compressed on the fly: JSON and text, never the event stream nor binary files. */
const COMPRESSIBLE = /^application\/(?:[\w.+-]*\+)?json\b|^text\/(?!event-stream)|^application\/javascript\b/;

/**
 * Cache-Control of a web app file: names under /assets/ carry a content hash (Vite), so they never
 * change: cached for a year; everything else (index.html, favicon …) is revalidated on every use
 * (ETag / Last-Modified), so a new build is seen at once.
 */
function staticCacheControl(root: string, file: string): string {
  const hashed = path.relative(root, file).split(path.sep)[0] === 'assets';
  return hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Options of the Node server: timeouts (core/request-timeouts.ts) and, with TLS_CERT_FILE and
 * TLS_KEY_FILE, built-in HTTPS (the same timeouts apply).
 */
function serverOptions(config: Config) {
  const { http, ...rest } = serverTimeoutOptions(config.timeouts);
  if (!config.tls) return { ...rest, http };
  const https = { ...http, cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) };
  return { ...rest, https };
}

export interface BuiltApp {
  app: FastifyInstance;
  /**
   * Graceful shutdown (main.ts, issue 16): /api/ready answers 503 from now on, open event streams
   * are ended (clients reconnect to another process), then requests in flight finish (`app.close`)
   * within `graceMs`, after which remaining connections are cut.
   */
  shutdown(graceMs: number): Promise<void>;
  services: Services;
  /** Every route as registered, for the tests that walk the route table. */
  routes: RouteOptions[];
  /**
   * On PostgreSQL, carries contest changes between the server processes sharing the database
   * (LISTEN/NOTIFY), so `services.contests.events` reaches every process; null on SQLite.
   */
  contestRelay: PgContestRelay | null;
}

export async function buildApp(
  config: Config,
  database: Database,
  /** Where the log goes instead of stdout (the tests read it to fail on any logged server error). */
  options: { logStream?: { write(line: string): void } } = {},
): Promise<BuiltApp> {
  // One key for every process on the database (issue 16): refuse to start with a key that does not
  // open what the database holds, or that would write what the other processes cannot read.
  await checkKeyCanary(database.db, new FieldCipher(config.secretKey, config.previousSecretKeys), nowIso());
  const shutdownState = { shuttingDown: false };
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: { paths: REDACT, censor: '[redacted]' },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    exposeHeadRoutes: false,
    // Slow clients: header, request and idle timeouts (core/request-timeouts.ts).
    ...serverOptions(config),
  });
  // Security headers (computed once) and the request id, set first on every reply: a route or plugin
  // that sets its own value later (the API docs page's CSP, in its onSend) replaces ours. Set here
  // rather than in an async onSend hook that checked each header on every answer.
  const headers = securityHeaders({ https: config.https });
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', req.id);
    done();
  });
  bodyDeadline(
    app,
    config.timeouts.requestMs,
    (req) =>
      req.method === 'POST' &&
      (req.routeOptions.url === UPLOAD_URL ||
        req.routeOptions.url === VISIT_PHOTO_UPLOAD_URL ||
        req.routeOptions.url === WORKER_PHOTO_UPLOAD_URL ||
        req.routeOptions.url === DISPUTE_EVIDENCE_UPLOAD_URL),
  );
  // The durable job queue (pg-boss on PostgreSQL, the embedded runner on SQLite): handlers registered
  // here, workers started by main.ts (tests drive it themselves); stopped gracefully on close.
  const jobs = createJobQueue(database, config.db.kind === 'postgres' ? config.db.url : null, app.log);
  const services = makeServices(database, config, jobs);
  await registerBackgroundJobs(jobs, services, config, app.log);
  app.addHook('onClose', async () => {
    await jobs.stop();
  });
  // In tests every JSON answer is checked against its declared response schema (core/response.ts).
  checkResponses(config.env === 'test' ? strictResponseCheck() : null);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (r) => {
    routes.push(r);
  });

  // Zod does the validating (inside defineRoute); the JSON Schemas are only for the API docs.
  app.setValidatorCompiler(() => () => true);
  // Answers are written by the route's compiled serializer straight into UTF-8 bytes: Fastify then
  // reads the length off the buffer and the socket writes it as is, where a string is measured once
  // for content-length and encoded again on the write (≈ 30 µs per 14 KB list page, issue 10 item 8).
  app.setSerializerCompiler(({ schema }) => {
    const serialize = fastJson(schema as Parameters<typeof fastJson>[0]);
    // Fastify's type says string; its reply accepts a Buffer from the serializer (reply.js onSendEnd).
    return (data: unknown) => Buffer.from(serialize(data), 'utf8') as unknown as string;
  });

  await app.register(cookie);
  // API answers (JSON, over 1 KB) compressed for clients that accept it; brotli at quality 4 (the
  // plugin's default: 11 costs tens of ms per answer). Not compressed: the web app's files (brotli and
  // gzip copies made at build time, web/scripts/precompress.mjs), the contest board's event stream and
  // stored attachments (routes marked `compress: false`), and request bodies are never inflated.
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/')) r.compress = false;
  });
  await app.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: COMPRESSIBLE,
    globalDecompression: false,
  });
  // Rate limits shared by every process on the database (issue 16): counted in Redis when REDIS_URL is
  // set, else in the database; never per process, which gave N processes N× the allowance.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }) : null;
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => undefined)));
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'touyan-rate-limit:' } : { store: databaseRateLimitStore(database.db) }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '头雁 Touyan API', version: '0.1.0', description: '新兴领域书记项目管理平台接口' },
    },
  });
  // API_DOCS: public, login (a session is needed: 401 without; the default in production) or off (404).
  if (config.apiDocs !== 'off') {
    const needSession = async (req: FastifyRequest) => {
      if (!req.actor) throw new AppError('UNAUTHENTICATED');
    };
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: true,
      ...(config.apiDocs === 'login' ? { uiHooks: { preHandler: needSession } } : {}),
    });
  }

  app.decorate('references', referenceChecker(services));
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionIdHash', null);
  app.decorateRequest('locale', 'zh-CN');

  // Language and session. A session resolved in the last seconds comes from the cache without a
  // promise; only a miss waits for the database.
  app.addHook('onRequest', (req, _reply, done) => {
    req.locale = pickLocale(req.headers['accept-language']);
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return done();
    const cached = services.auth.cached(token);
    if (cached !== undefined) {
      useSession(req, cached);
      return done();
    }
    services.auth.resolve(token).then((session) => {
      useSession(req, session);
      done();
    }, done);
  });

  // Only JSON bodies (and multipart where an upload route registers it): text/plain answers 415.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err, req.locale, req.id));
    }
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.status(429).send(errorBody(new AppError('RATE_LIMITED'), req.locale, req.id));
    // Bodies Fastify refuses before any route runs, each with its own stable code.
    const parseError = BODY_ERRORS[err.code];
    if (parseError)
      return reply.status(ERRORS[parseError].status).send(errorBody(new AppError(parseError), req.locale, req.id));
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ code: 'BAD_REQUEST', message: ERRORS.BAD_REQUEST[req.locale], requestId: req.id });
    }
    // A unique or foreign-key violation (the database's backstop when two requests pass a service's
    // check at the same moment) is a 409 with a stable code; logged at warn with the constraint, so
    // it stays visible without counting as a server error.
    const violation = constraintError(err);
    if (violation) {
      req.log.warn({ code: violation.code, violation: violationOf(err) }, 'constraint violation');
      return reply.status(violation.status).send(errorBody(violation, req.locale, req.id));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody(new AppError('INTERNAL'), req.locale, req.id));
  });

  healthRoutes(app, services, {
    pool: database.pool,
    shuttingDown: () => shutdownState.shuttingDown,
    metricsToken: config.metricsToken,
  });
  authRoutes(app, services, config);
  regionsRoutes(app, services);
  partyOrgsRoutes(app, services);
  hostOrgsRoutes(app, services);
  await hostOrgImportRoutes(app, services);
  instructorsRoutes(app, services);
  visitsRoutes(app, services);
  stationsRoutes(app, services);
  gigsRoutes(app, services);
  passesRoutes(app, services);
  indicatorsRoutes(app, services);
  usersRoutes(app, services);
  auditRoutes(app, services);
  notificationsRoutes(app, services);
  campaignsRoutes(app, services);
  challengesRoutes(app, services);
  projectsRoutes(app, services);
  executionRoutes(app, services);
  await attachmentsRoutes(app, services);
  reviewsRoutes(app, services);
  contestsRoutes(app, services);
  assessmentsRoutes(app, services);
  demandsRoutes(app, services);
  homeRoutes(app, services);
  await workersRoutes(app, services);
  await disputesRoutes(app, services);
  jobsRoutes(app, services);
  dashboardsRoutes(app, services);

  const webDist = config.webDist;
  if (webDist) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    // preCompressed: file.br / file.gz (written by the web build) sent as they are, by Accept-Encoding.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => reply.header('cache-control', staticCacheControl(webDist, file)),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !config.webDist || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.status(404).send(errorBody(new AppError('NOT_FOUND'), req.locale, req.id));
    }
    // The web app routes on the client: every other GET (and HEAD, answered alike without a body)
    // gets index.html.
    return reply.type('text/html').sendFile('index.html');
  });

  // Several server processes may share a PostgreSQL database: contest changes travel between them
  // (a judge on one process, the big screen on another). SQLite is one process by design: no relay.
  let contestRelay: PgContestRelay | null = null;
  if (config.db.kind === 'postgres' && database.dialect === 'postgres') {
    // One listening connection per process (db/pg-listener.ts), shared by the contest relay and the
    // session revocations: a log-out, password change or disabled account on one process is refused
    // by every other process as soon as the notification arrives (the revoking request answers after
    // sending it), not after the session cache's seconds.
    const listener = new PgListener({ url: config.db.url, log: app.log, applicationName: 'touyan-listener' });
    const relay = new PgContestRelay({
      url: config.db.url,
      listener,
      db: database.db,
      events: services.contests.events,
      log: app.log,
    });
    services.contests.events.relayTo(relay);
    const sessions = services.auth.cache;
    listener.on(SESSION_CHANNEL, (payload) => {
      try {
        sessions.received(JSON.parse(payload ?? '') as SessionRevocation);
      } catch {
        // Not ours.
      }
    });
    // Revocations sent while nobody listened are lost: whatever was cached is read again.
    listener.onListening(() => sessions.clear());
    listener.onLost(() => sessions.clear());
    sessions.shareWith({
      get listening() {
        return listener.listening;
      },
      publish: (r) =>
        notify(database.db, SESSION_CHANNEL, JSON.stringify(r)).catch((err: unknown) =>
          app.log.warn({ err }, 'session revocation: notify failed'),
        ),
    });
    app.addHook('onClose', async () => {
      services.contests.events.relayTo(null);
      sessions.shareWith(null);
      await relay.close();
      await listener.close();
    });
    await listener.start();
    contestRelay = relay;
  }

  const shutdown = async (graceMs: number) => {
    shutdownState.shuttingDown = true;
    const ended = services.contests.live.endAll();
    app.log.info({ streams: ended }, 'shutting down: streams ended, draining requests');
    let timer: NodeJS.Timeout | null = null;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        app.log.warn('shutdown grace period over: closing the remaining connections');
        app.server.closeAllConnections();
        resolve();
      }, graceMs);
      timer.unref();
    });
    const closing = app.close();
    await Promise.race([closing, late]);
    if (timer) clearTimeout(timer);
    await closing;
  };

  return { app, services, routes, contestRelay, shutdown };
}
