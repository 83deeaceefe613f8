import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { FieldCipher, FieldKeyError, fieldKeyId, storedKeyId } from '../src/core/crypto';
import { nowIso } from '../src/core/time';
import { PROTECTED_COLUMNS, readCanary } from '../src/db/key-canary';
import { rotateFieldKey } from '../src/db/key-rotation';
import { createUser } from '../src/seed/factories';
import { createTestApp, login, TEST_DB, type TestApp } from './harness';

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Every column of the migrated schema, as `table.column` in snake case. */
async function schemaColumns(t: TestApp): Promise<string[]> {
  const db = t.database.db;
  if (TEST_DB === 'postgres') {
    // (rows come back camel-cased by the app's Kysely plugin)
    const { rows } = await sql<{ tableName: string; columnName: string }>`
      select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(db);
    return rows.map((r) => `${r.tableName}.${r.columnName}`);
  }
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  const out: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db);
    out.push(...rows.map((r) => `${name}.${r.name}`));
  }
  return out;
}

/**
 * One field key for every process (issue 16): the canary refuses a process whose SECRET_KEY does not
 * match the database's, and `npm run rotate-key` moves every protected field to a new key, resumably.
 */
describe('field key canary and rotation', () => {
  let t: TestApp;
  const keyA = () => t.config.secretKey;
  const keyB = randomBytes(32);
  const keyC = randomBytes(32);
  const MOBILE = '13905551234';

  /** buildApp over the suite's database with other keys, as a second process would start. */
  const startWith = async (key: Buffer, previous: Buffer[] = []) => {
    const built = await buildApp({ ...t.config, secretKey: key, previousSecretKeys: previous }, t.database);
    return built;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.services, t.admin, {
      username: 'key_probe',
      mobile: MOBILE,
      roles: [{ role: 'admin', orgId: null }],
    });
    for (const username of ['key_probe_2', 'key_probe_3'])
      await createUser(t.services, t.admin, { username, roles: [{ role: 'admin', orgId: null }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every *_enc column of the schema, with its *_hash partner', async () => {
    const columns = await schemaColumns(t);
    const enc = columns.filter((c) => c.endsWith('_enc')).sort();
    expect(enc).toEqual(PROTECTED_COLUMNS.map((c) => `${snake(c.table)}.${snake(c.column)}`).sort());
    for (const c of PROTECTED_COLUMNS) {
      const partner = `${snake(c.table)}.${snake(c.column).replace(/_enc$/, '_hash')}`;
      // A lookup hash next to a protected column must be recomputed by the rotation.
      expect(c.hash ? `${snake(c.table)}.${snake(c.hash)}` : null).toBe(columns.includes(partner) ? partner : null);
    }
  });

  it('writes the canary under the first process’s key and names the key on every protected value', async () => {
    const canary = await readCanary(t.database.db);
    expect(canary).toMatchObject({ keyId: fieldKeyId(keyA()), rotatingTo: null });
    const row = await t.database.db
      .selectFrom('users')
      .select('mobileEnc')
      .where('username', '=', 'key_probe')
      .executeTakeFirstOrThrow();
    expect(storedKeyId(row.mobileEnc!)).toBe(fieldKeyId(keyA()));
  });

  it('refuses to start with another key, naming both key ids', async () => {
    const err = await startWith(keyC).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FieldKeyError);
    expect((err as Error).message).toContain(fieldKeyId(keyA()));
    expect((err as Error).message).toContain(fieldKeyId(keyC));
    expect((err as Error).message).toContain('拒绝启动');
  });

  it('refuses a new key before the rotation, even with the old one to read', async () => {
    await expect(startWith(keyB, [keyA()])).rejects.toThrow(/rotate-key/);
  });

  it('rotates resumably: an interrupted run leaves a readable database, the next run finishes it', async () => {
    const cipher = new FieldCipher(keyB, [keyA()]);
    const first = await rotateFieldKey(t.database.db, cipher, { at: nowIso, batchSize: 1, maxBatches: 1 });
    expect(first.done).toBe(false);
    expect(await readCanary(t.database.db)).toMatchObject({
      keyId: fieldKeyId(keyA()),
      rotatingTo: fieldKeyId(keyB),
    });
    // Mid-rotation: a process on the old key alone is refused (it would write under the old key, and
    // cannot read what is already moved); one on the new key holding the old may start.
    await expect(startWith(keyA())).rejects.toThrow(FieldKeyError);
    const during = await startWith(keyB, [keyA()]);
    await during.app.close();

    const second = await rotateFieldKey(t.database.db, cipher, { at: nowIso, batchSize: 2 });
    expect(second.done).toBe(true);
    const total = Object.values(first.rotated)
      .concat(Object.values(second.rotated))
      .reduce((a, b) => a + b, 0);
    expect(first.rotated).toEqual({ 'users.mobileEnc': 1 });
    expect(total).toBe(3);
    expect(await readCanary(t.database.db)).toMatchObject({ keyId: fieldKeyId(keyB), rotatingTo: null });
    for (const c of PROTECTED_COLUMNS) {
      const rows = await (t.database.db as unknown as import('kysely').Kysely<Record<string, Record<string, string>>>)
        .selectFrom(c.table)
        .select(c.column)
        .where(c.column, 'is not', null)
        .execute();
      for (const r of rows) expect(storedKeyId(r[c.column]!)).toBe(fieldKeyId(keyB));
    }
    // Running it again changes nothing.
    const again = await rotateFieldKey(t.database.db, cipher, { at: nowIso });
    expect(again).toMatchObject({ done: true, rotated: {} });
  });

  it('after the rotation the new key alone serves: the mobile reads back and logs in; the old key is refused', async () => {
    await expect(startWith(keyA())).rejects.toThrow(FieldKeyError);
    const after = await startWith(keyB);
    try {
      // The lookup hash moved with the key: logging in by the mobile finds the account.
      const s = await login(after.app, MOBILE);
      const me = await after.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ username: 'key_probe', mobileMasked: '139****1234' });
    } finally {
      await after.app.close();
    }
  });
});
