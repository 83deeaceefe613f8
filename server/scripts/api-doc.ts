// Writes docs/ROUTES.md from the registered route table.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { routeTableMarkdown } from '../src/core/route-table';
import { migrateToLatest, openDatabase } from '../src/db/database';

const dir = mkdtempSync(path.join(tmpdir(), 'touyan-api-doc-'));
const config = loadConfig({ ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' }, { webDist: null });
const database = openDatabase(config.db);
// The app checks its key against the migrated database (the key canary): migrate the throw-away one first.
await migrateToLatest(database);
const { app, routes } = await buildApp(config, database);
await app.ready();
const out = path.resolve(import.meta.dirname, '../../docs/ROUTES.md');
writeFileSync(out, routeTableMarkdown(routes));
await app.close();
await database.close();
rmSync(dir, { recursive: true, force: true });
console.log(`wrote ${out}`);
