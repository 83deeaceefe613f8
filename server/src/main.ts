import { ConfigError, loadConfig, type Config } from './config';
import { buildApp } from './app';
import { analyzeDatabase, migrateToLatest, openDatabase } from './db/database';
import { ensureSeeded } from './seed/seed-runner';
import { startReminderJob } from './modules/execution/reminders';
import { startUploadCleanupJob } from './modules/attachments/attachments.cleanup';

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
  await migrateToLatest(database);
  // On PostgreSQL buildApp also starts the contest relay (LISTEN/NOTIFY), ended by app.close().
  const { app, services, contestRelay } = await buildApp(config, database);
  await ensureSeeded(services, app.log, { demo: config.seedDemo });
  await analyzeDatabase(database);
  // Quarterly-report reminders (due in 3 days, overdue): on start, then hourly; deduplicated per report.
  const stopReminders = startReminderJob(services, app.log);
  // Uploads never linked to a project and older than UPLOAD_UNLINKED_TTL_HOURS: on start, then hourly.
  // Bare timers until the durable job queue (planned for a later issue) takes both over.
  const stopUploadCleanup = startUploadCleanupJob(services, config, app.log);

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopReminders();
    stopUploadCleanup();
    await app.close();
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
  console.error(e);
  process.exit(1);
});
