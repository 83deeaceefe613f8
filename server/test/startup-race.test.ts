import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { migrateToLatest, openDatabase } from '../src/db/database';
import { withStartupLock } from '../src/db/startup-lock';
import { ensureSeeded } from '../src/seed/seed-runner';
import { freshPostgres, TEST_DB } from './harness';

/**
 * Issue 16: two processes starting at once on one empty PostgreSQL database migrate and seed once —
 * each runs main.ts's start-up steps (migrate, build the app, seed) under the start-up advisory lock.
 * Without the lock both would find no administrator and both would create one (a unique violation in
 * one process, which then fails to start).
 */
describe.skipIf(TEST_DB !== 'postgres')('start-up on one empty PostgreSQL database by two processes', () => {
  it('migrates and seeds once; both processes start', async () => {
    const fresh = await freshPostgres();
    const secret = randomBytes(32).toString('hex');
    const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'touyan-race-')));
    const processes = dirs.map((dir) => {
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: dir,
        DATABASE_URL: fresh.url,
        SECRET_KEY: secret,
      });
      return { config, database: openDatabase(config.db) };
    });
    try {
      const started = await Promise.all(
        processes.map(async ({ config, database }) => {
          const applied = await withStartupLock(database, () => migrateToLatest(database));
          const built = await buildApp(config, database);
          await withStartupLock(database, () => ensureSeeded(built.services, built.app.log, { demo: false }));
          return { built, applied };
        }),
      );
      // One process applied every migration, the other none.
      const counts = started.map((s) => s.applied.length).sort((a, b) => a - b);
      expect(counts[0]).toBe(0);
      expect(counts[1]).toBeGreaterThan(20);
      const db = processes[0]!.database.db;
      const admins = await db.selectFrom('users').select('id').where('username', '=', 'admin').execute();
      expect(admins).toHaveLength(1);
      const bindings = await db.selectFrom('roleBindings').select('id').where('role', '=', 'admin').execute();
      expect(bindings).toHaveLength(1);
      expect(await db.selectFrom('keyCanary').select('keyId').execute()).toHaveLength(1);
      for (const s of started) await s.built.app.close();
    } finally {
      for (const p of processes) await p.database.close();
      await fresh.drop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});
