import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { nowIso } from '../src/core/time';
import { openDatabase } from '../src/db/database';
import { backup, filesChecksum, restoreDatabase, restoreFiles, storedFiles, tableCounts } from '../src/db/backup';
import { allFileAreas } from '../src/modules/attachments/attachments.backend';
import { call, createTestApp, freshPostgres, login, multipart, TEST_DB, type TestApp } from './harness';
import { buildWorld } from './world';

/**
 * Issue 16: `npm run backup` / `npm run restore` (server/src/db/backup.ts). A database with a world
 * of records, three uploaded files, a ledger-import workbook and an audit archive (the entries the
 * retention job moved out of the audit table) is backed up (SQLite: online backup API; PostgreSQL:
 * pg_dump custom format), restored into a fresh database and a fresh data directory, and every
 * table's row count and the files' checksum are compared.
 */
let t: TestApp;
/** Audit entries moved to the archive, and the archive's path. */
let archived: { archived: number; file: string | null };
/** What `npm run backup` / `restore` read and write: every file area (backup.ts, restore.ts). */
const filesOf = (app: TestApp) => allFileAreas(app.config.dataDir, app.config.uploads.objectStore);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function readAll(stream: NodeJS.ReadableStream | null): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream!) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
const dirs: string[] = [];
const tmp = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  t = await createTestApp();
  await buildWorld(t);
  const admin = await login(t.app, 'admin');
  for (let i = 0; i < 3; i++) {
    const data = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(5000 * (i + 1)),
    ]);
    const mp = multipart({}, { field: 'file', filename: `图${i}.png`, type: 'image/png', data });
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...mp.headers },
      payload: mp.body,
    });
    expect(r.statusCode, r.body).toBe(200);
  }
  // A ledger-import workbook (kept in imports/ until committed or expired): the template, uploaded.
  const template = await call(t.app, admin, 'GET', '/api/host-orgs/import-template');
  expect(template.statusCode).toBe(200);
  const mp = multipart(
    {},
    { field: 'file', filename: '台账.xlsx', type: 'application/octet-stream', data: template.rawPayload },
  );
  const up = await t.app.inject({
    method: 'POST',
    url: '/api/host-orgs/imports',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...mp.headers },
    payload: mp.body,
  });
  expect(up.statusCode, up.body).toBe(200);
  // The audit retention job's work: every entry so far archived (audit-archive/…jsonl.gz) and deleted.
  archived = await t.services.audit.archiveBefore(new Date(Date.now() + 1000), new Date());
  expect(archived.archived).toBeGreaterThan(5);
});

afterAll(async () => {
  await t?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe(`backup and restore (${TEST_DB})`, () => {
  it('round-trips every table’s rows and every file into a fresh database and data directory', async () => {
    const out = path.join(tmp('touyan-backup-'), 'b1');
    const started = performance.now();
    const m = await backup(t.config, t.database.db, filesOf(t), out, nowIso());
    const backupMs = performance.now() - started;
    const areas = m.files.map((f) => f.rel.split('/')[0]);
    expect(areas.filter((a) => a === 'uploads')).toHaveLength(3);
    expect(areas.filter((a) => a === 'imports')).toHaveLength(1);
    expect(m.files.filter((f) => f.rel === archived.file)).toHaveLength(1);
    expect(m.files).toHaveLength(5);
    expect(Object.keys(m.tables).length).toBeGreaterThan(40);
    expect(m.tables.users ?? m.tables['public.users']).toBeGreaterThan(5);

    // A fresh place: a new data directory and (PostgreSQL) a new empty database.
    const dataDir = tmp('touyan-restored-');
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'test', DATA_DIR: dataDir, SECRET_KEY: randomBytes(32).toString('hex') };
    let drop: (() => Promise<void>) | null = null;
    if (TEST_DB === 'postgres') {
      const fresh = await freshPostgres();
      env.DATABASE_URL = fresh.url;
      drop = fresh.drop;
    }
    const config = loadConfig(env, { webDist: null });
    try {
      const t0 = performance.now();
      const restored = await restoreDatabase(config, out);
      const files = allFileAreas(config.dataDir, config.uploads.objectStore);
      await restoreFiles(files, out, restored);
      const restoreMs = performance.now() - t0;
      const database = openDatabase(config.db);
      try {
        const counts = await tableCounts(database.db, config.db.kind);
        expect(counts).toEqual(m.tables);
        const now = await tableCounts(t.database.db, t.config.db.kind);
        expect(counts).toEqual(now);
        const got = await storedFiles(files);
        expect(filesChecksum(got)).toBe(m.filesChecksum);
        expect(got.map((f) => f.rel).sort()).toEqual(m.files.map((f) => f.rel).sort());
        // The restored audit archive is the original, byte for byte, and holds every archived entry.
        const original = await readAll(await filesOf(t).open(archived.file!));
        const copy = await readAll(await files.open(archived.file!));
        expect(sha256(copy)).toBe(sha256(original));
        expect(m.files.find((f) => f.rel === archived.file)?.sha256).toBe(sha256(original));
        const lines = gunzipSync(copy).toString('utf8').trim().split('\n');
        expect(lines).toHaveLength(archived.archived);
        expect(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(archived.archived);
      } finally {
        await database.close();
      }
      console.log(
        `backup ${backupMs.toFixed(0)} ms, restore ${restoreMs.toFixed(0)} ms: ${Object.keys(m.tables).length} tables, ` +
          `${Object.values(m.tables).reduce((a, b) => a + b, 0)} rows, ${m.files.length} files`,
      );
      // A second restore into the now non-empty target is refused.
      await expect(restoreDatabase(config, out)).rejects.toThrow();
    } finally {
      if (drop) await drop();
    }
  });

  it('refuses a non-empty backup directory', async () => {
    const out = tmp('touyan-backup-');
    await backup(t.config, t.database.db, filesOf(t), path.join(out, 'x'), nowIso());
    await expect(backup(t.config, t.database.db, filesOf(t), path.join(out, 'x'), nowIso())).rejects.toThrow(
      /not empty/,
    );
  });
});
