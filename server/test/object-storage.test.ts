import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app';
import { openDatabase, type Database } from '../src/db/database';
import { S3Backend } from '../src/modules/attachments/attachments.backend';
import { call, createTestApp, login, multipart, TEST_DB, type Session, type TestApp } from './harness';
import { startS3 } from './s3-server';

/**
 * Issue 16: shared file storage. With STORAGE=s3 checked uploads are kept in an S3-compatible bucket
 * (here s3rver, in the test process), so a file uploaded through process A downloads through
 * process B, which has its own data directory (two machines). The same content checks and limits
 * apply: a file whose bytes are not what its name says is refused and nothing is stored.
 */
const png = (size: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)]);

let s3: Awaited<ReturnType<typeof startS3>>;
let a: TestApp;
let b: BuiltApp;
let bDatabase: Database;
let bDir: string;
let admin: Session;

beforeAll(async () => {
  s3 = await startS3();
  a = await createTestApp(s3.env);
  // Process B: its own data directory (another machine), the same database and bucket.
  bDir = mkdtempSync(path.join(tmpdir(), 'touyan-b-'));
  bDatabase = openDatabase(a.config.db);
  b = await buildApp({ ...a.config, dataDir: bDir, logLevel: 'silent' }, bDatabase);
  await b.app.ready();
  admin = await login(a.app, 'admin');
});

afterAll(async () => {
  await b?.app.close();
  await bDatabase?.close();
  await a?.close();
  await s3?.close();
  if (bDir) rmSync(bDir, { recursive: true, force: true });
});

const upload = (app: BuiltApp['app'], s: Session, data: Buffer, name = '照片.png', type = 'image/png') => {
  const mp = multipart({}, { field: 'file', filename: name, type, data });
  return app.inject({
    method: 'POST',
    url: '/api/attachments',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...mp.headers },
    payload: mp.body,
  });
};

describe(`S3-compatible shared storage (s3rver; ${TEST_DB})`, () => {
  it('keeps an upload through A in the bucket (not A’s disk) and serves it through B byte for byte', async () => {
    const data = png(300_000);
    const r = await upload(a.app, admin, data);
    expect(r.statusCode, r.body).toBe(200);
    const { id } = r.json<{ id: string }>();
    const row = (await a.services.store.repos.attachments.get(id))!;
    expect(row.storagePath).toMatch(/^uploads\/\d{4}\/\d{2}\/[0-9A-Z]+\.png$/);
    // Nothing kept on A's disk: the temporary file is gone once the object is stored.
    const onDisk = existsSync(path.join(a.config.dataDir, 'uploads'))
      ? readdirSync(path.join(a.config.dataDir, 'uploads'), { recursive: true, withFileTypes: true }).filter((d) =>
          d.isFile(),
        )
      : [];
    expect(onDisk).toEqual([]);
    const keys: string[] = [];
    for await (const k of (b.services.attachments.storage.backend as S3Backend).list()) keys.push(k);
    expect(keys).toContain(row.storagePath);

    const got = await call(b.app, admin, 'GET', `/api/attachments/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.length).toBe(data.length);
    expect(createHash('sha256').update(got.rawPayload).digest('hex')).toBe(
      createHash('sha256').update(data).digest('hex'),
    );
  });

  it('refuses a file whose bytes are not what its type says, storing nothing (same checks as on disk)', async () => {
    const before: string[] = [];
    for await (const k of (a.services.attachments.storage.backend as S3Backend).list()) before.push(k);
    const r = await upload(a.app, admin, Buffer.from('MZ this is not a picture'.repeat(20)), '照片.png');
    expect(r.statusCode).toBe(400);
    const after: string[] = [];
    for await (const k of (a.services.attachments.storage.backend as S3Backend).list()) after.push(k);
    expect(after).toEqual(before);
  });

  it('answers 404 through B for an object missing from the bucket', async () => {
    const r = await upload(a.app, admin, png(1000));
    const { id } = r.json<{ id: string }>();
    const row = (await a.services.store.repos.attachments.get(id))!;
    await a.services.attachments.storage.remove(row.storagePath);
    expect((await call(b.app, admin, 'GET', `/api/attachments/${id}`)).statusCode).toBe(404);
  });

  it('reports the bucket reachable (the readiness check) and unreachable with a wrong bucket', async () => {
    await expect(a.services.attachments.storage.backend.ping()).resolves.toBeUndefined();
    const wrong = new S3Backend({ ...s3.settings, bucket: 'no-such-bucket' });
    await expect(wrong.ping()).rejects.toThrow();
  });
});
