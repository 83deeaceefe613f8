import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_ORG_TYPES, INDUSTRIES, SIZE_CLASSES } from '@touyan/schemas';
import { buildApp, type BuiltApp } from '../src/app';
import { openDatabase, type Database } from '../src/db/database';
import { S3Backend, type FileBackend } from '../src/modules/attachments/attachments.backend';
import { LEDGER_HEADERS } from '../src/modules/host-orgs/host-orgs.sheet';
import { createPartyOrg, hostOrgInput } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, multipart, TEST_DB, type Session, type TestApp } from './harness';
import { sheet, uploadReq } from './ledger-sheets';
import { startS3 } from './s3-server';

/**
 * Issue 16: shared file storage. With STORAGE=s3 checked uploads are kept in an S3-compatible bucket
 * (here s3rver, in the test process), so a file uploaded through process A downloads through
 * process B, which has its own data directory (two machines). The same content checks and limits
 * apply: a file whose bytes are not what its name says is refused and nothing is stored. The other
 * files the platform writes go there too: ledger-import workbooks (the dry run and the commit are
 * queue jobs any process may run) and audit archives.
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

/** Every key of a backend's area in the bucket. */
async function keys(backend: FileBackend): Promise<string[]> {
  const out: string[] = [];
  for await (const k of backend.list()) out.push(k);
  return out;
}

/** Regular files under a directory (none when it does not exist). */
const filesUnder = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()) : [];

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

  it('keeps a ledger-import workbook uploaded through A in the bucket; B runs its dry run and commit from there', async () => {
    const rng = new Rng(16);
    const city = await createPartyOrg(
      a.services,
      a.admin,
      { name: '中共丹东市委社会工作部', type: 'sw_dept', regionCode: '210600', parentId: null },
      rng,
    );
    const dept = await createPartyOrg(
      a.services,
      a.admin,
      { name: '中共振兴区委社会工作部', type: 'sw_dept', regionCode: '210603', parentId: city.id },
      rng,
    );
    const committee = await createPartyOrg(
      a.services,
      a.admin,
      { name: '振兴区"两新"工委', type: 'two_new_committee', regionCode: '210603', parentId: dept.id },
      rng,
    );
    const h = hostOrgInput(rng, { regionCode: '210603', managingOrgId: committee.id }, '丹东');
    const values: Record<string, string | number | null> = {
      单位名称: h.name,
      统一社会信用代码: h.creditCode,
      单位类型: HOST_ORG_TYPES[h.type]['zh-CN'],
      所属行业: INDUSTRIES[h.industry]['zh-CN'],
      规模: SIZE_CLASSES[h.sizeClass]['zh-CN'],
      行政区划代码: '210603',
      从业人员数: h.staffCount,
      党员数: h.partyMemberCount,
      主管党组织: `${city.name}/${dept.name}/${committee.name}`,
      未组建原因: '企业规模小',
    };
    const r = uploadReq(await sheet([LEDGER_HEADERS.map((k) => values[k] ?? null)]));
    const res = await call(a.app, admin, 'POST', r.url, r.payload, r.headers);
    expect(res.statusCode, res.body).toBe(200);
    const { id } = res.json<{ id: string }>();
    // In the bucket, not on A's disk (the temporary file is gone).
    expect(await keys(b.services.hostOrgImports.files)).toEqual([`imports/${id}.xlsx`]);
    expect(filesUnder(path.join(a.config.dataDir, 'imports'))).toEqual([]);
    // Process B (another machine) takes the queued dry run, then the commit.
    await b.services.hostOrgImports.runner.idle();
    const view = async () => (await call(a.app, admin, 'GET', `/api/host-orgs/imports/${id}`)).json();
    expect(await view()).toMatchObject({ status: 'validated', total: 1, valid: 1 });
    const commit = await call(a.app, admin, 'POST', `/api/host-orgs/imports/${id}/commit`, { mode: 'valid_only' });
    expect(commit.statusCode, commit.body).toBe(200);
    await b.services.hostOrgImports.runner.idle();
    expect(await view()).toMatchObject({ status: 'done', created: 1 });
    // Committed: the workbook is removed from the bucket.
    expect(await keys(a.services.hostOrgImports.files)).toEqual([]);
  });

  it('keeps audit archives in the bucket (not the disk of the process that ran the retention job)', async () => {
    await a.services.db
      .insertInto('auditLogs')
      .values({
        id: 'OLDS3AUDIT0000000000000000',
        at: '2024-01-02T03:04:05.000Z',
        userId: null,
        userName: '系统',
        action: 'login',
        entityType: 'user',
        entityId: null,
        entityLabel: null,
        changes: '[]',
        ip: '10.0.0.1',
        requestId: 'old-s3',
        scopeOrgId: null,
      })
      .execute();
    const now = new Date('2025-01-01T00:00:00Z');
    const r = await b.services.audit.archiveBefore(new Date(now.getTime() - 180 * 24 * 3600_000), now);
    expect(r.archived).toBe(1);
    expect(filesUnder(path.join(bDir, 'audit-archive'))).toEqual([]);
    const archive = new S3Backend(s3.settings, 'audit-archive');
    expect(await keys(archive)).toEqual([r.file]);
    const body = await archive.open(r.file!);
    const chunks: Buffer[] = [];
    for await (const c of body!) chunks.push(c as Buffer);
    const line = JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8')) as { requestId: string };
    expect(line.requestId).toBe('old-s3');
  });
});
