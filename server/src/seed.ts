import { loadConfig } from './config';
import { buildApp } from './app';
import { migrateToLatest, openDatabase } from './db/database';
import { ensureSeeded } from './seed/seed-runner';
import { withStartupLock } from './db/startup-lock';

const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const database = openDatabase(config.db);
await withStartupLock(database, () => migrateToLatest(database));
const { app, services } = await buildApp(config, database);
await withStartupLock(database, () => ensureSeeded(services, app.log));
await app.close();
await database.close();
