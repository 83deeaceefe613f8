import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/core/errors';
import {
  countEach,
  keysetPage,
  numericKey,
  orgInScope,
  orgsInScope,
  pageByIdDesc,
  updateBumping,
  updateVersioned,
  type RowGuard,
} from '../src/db/repo-helpers';
import { createTestApp, TEST_DB, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

const db = () => t.database.db;
const org = (id: string) =>
  db()
    .selectFrom('partyOrgs')
    .select(['version', 'note', 'updatedAt', 'deletedAt'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? `${e.status} ${e.code}` : String(e)),
  );

describe(`repository helpers (${TEST_DB})`, () => {
  it('a versioned update writes and bumps the version; a stale one answers 409 and writes nothing', async () => {
    const id = w.b.committee.id;
    const before = await org(id);
    await updateVersioned(db(), 'partyOrgs', { id }, before.version, { note: '第一次' });
    const after = await org(id);
    expect(after).toMatchObject({ version: before.version + 1, note: '第一次' });
    expect(after.updatedAt >= before.updatedAt).toBe(true);

    expect(await code(updateVersioned(db(), 'partyOrgs', { id }, before.version, { note: '过期' }))).toBe(
      '409 VERSION_CONFLICT',
    );
    expect(await org(id)).toMatchObject({ version: before.version + 1, note: '第一次' });
  });

  it('a guard that no longer holds is a conflict too, or the error the caller names', async () => {
    const id = w.b.committee.id;
    const { version } = await org(id);
    const onlyDeleted: RowGuard<'partyOrgs'> = (eb) => eb('deletedAt', 'is not', null);
    const deleted = { guard: onlyDeleted };
    expect(await code(updateVersioned(db(), 'partyOrgs', { id }, version, { note: 'x' }, deleted))).toBe(
      '409 VERSION_CONFLICT',
    );
    const gone = { ...deleted, otherwise: () => new AppError('NOT_FOUND') };
    expect(await code(updateVersioned(db(), 'partyOrgs', { id }, version, { note: 'x' }, gone))).toBe('404 NOT_FOUND');
    expect((await org(id)).version).toBe(version);
  });

  it('keys regions by code, and bumps without a check where no form is behind the change', async () => {
    const r = await db().selectFrom('regions').select('version').where('code', '=', '210602').executeTakeFirstOrThrow();
    await updateVersioned(db(), 'regions', { code: '210602' }, r.version, { name: '元宝区' });
    const id = w.b.dept.id;
    const { version } = await org(id);
    expect(await updateBumping(db(), 'partyOrgs', { id }, {})).toBe(true);
    expect((await org(id)).version).toBe(version + 1);
    expect(await updateBumping(db(), 'partyOrgs', { id: 'no-such-node' }, {})).toBe(false);
  });

  it('pages newest first by id with limit + 1: every row once, the last page without a cursor', async () => {
    const all = (await db().selectFrom('partyOrgs').select(['id']).orderBy('id', 'desc').execute()).map((r) => r.id);
    expect(all.length).toBeGreaterThan(4);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await pageByIdDesc(db().selectFrom('partyOrgs').select(['id']), 'id', { limit: 2, cursor });
      seen.push(...page.items.map((r) => r.id));
      if (!page.nextCursor) break;
      expect(page.items).toHaveLength(2);
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it('pages a ranked list by (key desc, id desc) with a `key|id` cursor, ties included; refuses a foreign cursor', async () => {
    const ids = [w.a.branch.id, w.a.committee.id, w.b.committee.id];
    await db().updateTable('partyOrgs').set({ memberCount: 7 }).where('id', 'in', ids).execute();
    const q = () => db().selectFrom('partyOrgs as o').select(['o.id', 'o.memberCount']);
    const keyset = {
      id: 'o.id',
      key: { column: 'o.memberCount', of: (r: { memberCount: number }) => r.memberCount, parse: numericKey },
    };
    const all = await q().orderBy('o.memberCount', 'desc').orderBy('o.id', 'desc').execute();
    const seen: typeof all = [];
    let cursor: string | undefined;
    for (;;) {
      const page = (await keysetPage(q(), keyset, { limit: 2, cursor }))!;
      seen.push(...page.items);
      if (!page.nextCursor) break;
      const last = page.items[page.items.length - 1]!;
      expect(page.nextCursor).toBe(`${last.memberCount}|${last.id}`);
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all);
    expect(await keysetPage(q(), keyset, { limit: 2, cursor: w.a.branch.id })).toBeUndefined();
    expect(await keysetPage(q(), keyset, { limit: 2, cursor: `x|${w.a.branch.id}` })).toBeUndefined();
  });

  it('counts several filtered queries in one statement, each as its own count would; none is no statement', async () => {
    const under = (ancestor: string) =>
      db()
        .selectFrom('partyOrgs as o')
        .innerJoin('orgClosure as oc', 'oc.descendantId', 'o.id')
        .selectAll('o')
        .where('oc.ancestorId', '=', ancestor);
    const alone = async (ancestor: string) =>
      Number(
        (
          await under(ancestor)
            .clearSelect()
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const ids = [w.city.id, w.a.dept.id, w.b.dept.id, 'no-such-org'];
    const each = await countEach(db(), ids.map(under));
    expect(each).toEqual([await alone(ids[0]!), await alone(ids[1]!), await alone(ids[2]!), 0]);
    expect(each[0]).toBeGreaterThan(each[1]! + each[2]!); // the city holds both counties and itself
    expect(await countEach(db(), [])).toEqual([]);
  });

  it('checks a node against a scope over org_closure: subtree, sibling, global, empty, deleted', async () => {
    const a = { all: false as const, orgIds: [w.a.dept.id] };
    expect(await orgInScope(db(), a, w.a.branch.id)).toBe(true);
    expect(await orgInScope(db(), a, w.a.dept.id)).toBe(true);
    expect(await orgInScope(db(), a, w.b.committee.id)).toBe(false);
    expect(await orgInScope(db(), a, w.city.id)).toBe(false);
    expect(await orgInScope(db(), { all: true }, w.b.committee.id)).toBe(true);
    expect(await orgInScope(db(), { all: false, orgIds: [] }, w.a.branch.id)).toBe(false);
    expect(await orgsInScope(db(), a, [w.a.branch.id, w.b.committee.id, w.a.committee.id])).toEqual(
      new Set([w.a.branch.id, w.a.committee.id]),
    );

    await db()
      .updateTable('partyOrgs')
      .set({ deletedAt: new Date().toISOString() })
      .where('id', '=', w.a.branch.id)
      .execute();
    expect(await orgInScope(db(), a, w.a.branch.id)).toBe(false);
    expect(await orgInScope(db(), { all: true }, w.a.branch.id)).toBe(false);
    // The unfiltered form (references, bulk checks) keeps counting the node, as before.
    expect(await orgsInScope(db(), a, [w.a.branch.id])).toEqual(new Set([w.a.branch.id]));
    await db().updateTable('partyOrgs').set({ deletedAt: null }).where('id', '=', w.a.branch.id).execute();
  });
});
