import { ConfigError, loadConfig, type Config } from './config';
import { buildApp } from './app';
import { analyzeDatabase, migrateToLatest, openDatabase } from './db/database';
import { ensureSeeded } from './seed/seed-runner';
import { FieldKeyError } from './core/crypto';
import { withStartupLock } from './db/startup-lock';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const database = openDatabase(config.db);
  // Several processes may start at once on one empty PostgreSQL database: each step that sets the
  // database up runs under the start-up advisory lock, so it happens once (db/startup-lock.ts).
  await withStartupLock(database, () => migrateToLatest(database));
  // On PostgreSQL buildApp also starts the contest relay (LISTEN/NOTIFY), ended by app.close().
  const { app, services, contestRelay, shutdown: drain } = await buildApp(config, database);
  await withStartupLock(database, () => ensureSeeded(services, app.log, { demo: config.seedDemo }));
  await analyzeDatabase(database);
  // The durable job queue (server/src/jobs; handlers registered by buildApp, background.ts): quarterly-
  // report reminders and the unlinked-upload cleanup run hourly (and at start when this hour has not
  // run), once across all processes. app.close() stops it gracefully (running jobs finish).
  await services.jobs.start();

  // Graceful: /api/ready turns 503, event streams end (clients reconnect elsewhere), requests in
  // flight finish within SHUTDOWN_GRACE_MS, the job queue lets running jobs finish, then the pool closes.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await drain(config.shutdownGraceMs);
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const transport = config.tls
    ? 'built-in HTTPS'
    : config.https
      ? 'HTTP behind an HTTPS proxy (HTTPS=true)'
      : 'plain HTTP (no HSTS, cookies without Secure)';
  app.log.info(
    `头雁 serving on ${config.tls ? 'https' : 'http'}://localhost:${config.port} (${transport}, db: ${database.dialect}, ` +
      `web: ${config.webDist ?? 'not built'}, ` +
      `contest events: ${contestRelay ? 'shared with other processes by LISTEN/NOTIFY' : 'this process'})`,
  );
}

main().catch((e) => {
  // A process with the wrong field key: the message says which keys and what to do, no stack.
  if (e instanceof FieldKeyError) {
    console.error(e.message);
    process.exit(1);
  }
  console.error(e);
  process.exit(1);
});
