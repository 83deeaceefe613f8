import { CamelCasePlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RowCamelCasePlugin } from '../src/db/camel-case';
import type { Executor } from '../src/db/closure';
import { likeMatch, likePattern } from '../src/db/portability';
import { prepare, serverStatementName } from '../src/db/prepared';
import { underScope } from '../src/db/scope-sql';
import type { SubtreeScope } from '../src/core/scope';
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

interface Params {
  scope: SubtreeScope;
  text: { pattern: string; cased: boolean } | null;
  type: string | null;
  fetch: number;
}

let builds = 0;
const orgs = prepare((d: Executor, p: Params) => {
  builds++;
  let q = d.selectFrom('partyOrgs as o').select(['o.id', 'o.name', 'o.createdAt']).where(underScope('o.id', p.scope));
  if (p.text) q = q.where(likeMatch(d, 'o.name', p.text));
  if (p.type) q = q.where('o.type', '=', p.type);
  return q.orderBy('o.id').limit(p.fetch);
});

/** The same statement built by hand every time: what `prepare` must answer. */
function direct(p: Params) {
  let q = db()
    .selectFrom('partyOrgs as o')
    .select(['o.id', 'o.name', 'o.createdAt'])
    .where(underScope('o.id', p.scope));
  if (p.text) q = q.where(likeMatch(db(), 'o.name', p.text));
  if (p.type) q = q.where('o.type', '=', p.type);
  return q.orderBy('o.id').limit(p.fetch).execute();
}

describe(`prepared statements (${TEST_DB})`, () => {
  it('answers as the statement built each time, over shapes and values, building once per shape', async () => {
    const cases: Params[] = [
      { scope: { all: true }, text: null, type: null, fetch: 50 },
      { scope: { all: false, orgIds: [w.a.committee.id] }, text: null, type: null, fetch: 50 },
      { scope: { all: false, orgIds: [w.b.committee.id] }, text: null, type: null, fetch: 50 },
      { scope: { all: false, orgIds: [w.a.committee.id, w.b.committee.id] }, text: null, type: null, fetch: 3 },
      { scope: { all: true }, text: likePattern('工委'), type: null, fetch: 50 },
      { scope: { all: true }, text: likePattern('支部'), type: null, fetch: 50 },
      { scope: { all: true }, text: null, type: 'two_new_committee', fetch: 50 },
      { scope: { all: false, orgIds: [] }, text: null, type: null, fetch: 50 },
    ];
    builds = 0;
    for (const p of cases) {
      const got = await orgs.execute(db(), p);
      expect(got).toEqual(await direct(p));
      // Twice: the second run takes the kept SQL.
      expect(await orgs.execute(db(), p)).toEqual(got);
    }
    expect((await orgs.execute(db(), cases[1]!)).length).toBeGreaterThan(0);
    expect((await orgs.execute(db(), cases[6]!)).length).toBe(2);
    // Shapes: all; one id; two ids; text; type; no ids (the `1 = 0` form) — the second one-id and
    // second text case reuse theirs.
    expect(builds).toBe(6);
  });

  it('runs inside a transaction', async () => {
    const p: Params = { scope: { all: true }, text: null, type: null, fetch: 5 };
    const inTx = await db()
      .transaction()
      .execute((trx) => orgs.execute(trx, p));
    expect(inTx).toEqual(await direct(p));
  });

  it('refuses a builder that computes with a value (the first build throws, nothing is kept)', async () => {
    const bad = prepare((d: Executor, p: { n: number; s: string }) =>
      d
        .selectFrom('partyOrgs')
        .select('id')
        .where('name', '=', `%${p.s}%`)
        .limit(p.n + 1),
    );
    await expect(bad.execute(db(), { n: 5, s: 'x' })).rejects.toThrow(/used in a computation/);
    await expect(bad.execute(db(), { n: 5, s: 'x' })).rejects.toThrow(/used in a computation/);
  });

  it('takes `fixed` values into the shape as they are', async () => {
    let made = 0;
    const byDir = prepare((d: Executor, p: { fixed: { desc: boolean; column: 'id' | 'name' }; fetch: number }) => {
      made++;
      return d
        .selectFrom('partyOrgs')
        .select(['id', 'name'])
        .orderBy(p.fixed.column, p.fixed.desc ? 'desc' : 'asc')
        .limit(p.fetch);
    });
    const asc = await byDir.execute(db(), { fixed: { desc: false, column: 'id' }, fetch: 100 });
    const desc = await byDir.execute(db(), { fixed: { desc: true, column: 'id' }, fetch: 100 });
    expect(desc.map((r) => r.id)).toEqual(asc.map((r) => r.id).reverse());
    await byDir.execute(db(), { fixed: { desc: true, column: 'id' }, fetch: 7 });
    expect(made).toBe(2);
  });
});

describe.runIf(TEST_DB === 'postgres')('prepared statements on the PostgreSQL server', () => {
  it('are prepared once per connection under their name, then only executed; other SQL is not', async () => {
    const p: Params = {
      scope: { all: false, orgIds: [w.a.committee.id] },
      text: null,
      type: 'two_new_committee',
      fetch: 9,
    };
    const name = serverStatementName(orgs.compile(db(), p).sql);
    expect(name).toMatch(/^touyan_\d+$/);
    // One connection (a transaction) runs it three times and then lists what it holds prepared.
    const held = await db()
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < 3; i++) expect(await orgs.execute(trx, p)).toEqual(await direct(p));
        await sql`select ${'not prepared'} as x`.execute(trx);
        return (
          await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(
            trx,
          )
        ).rows;
      });
    const mine = held.filter((r) => r.name === name);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.statement).toBe(orgs.compile(db(), p).sql);
    expect(held.every((r) => r.name.startsWith('touyan_'))).toBe(true);
  });
});

describe('RowCamelCasePlugin maps rows as Kysely’s CamelCasePlugin does', () => {
  it('same keys and values, nested plain objects and arrays of them included', async () => {
    const rows = [
      {
        id: 'a',
        display_name: '张三',
        created_at: '2026-01-01T00:00:00.000Z',
        n_count: 3,
        nothing: null,
        some_json: { inner_key: 1, deep_list: [{ x_y: 2 }, 3] },
        list_of: [{ a_b: 1 }, 'x', [1, 2]],
        when_at: new Date(0),
        bytes_raw: Buffer.from('hi'),
      },
      {
        id: 'b',
        display_name: '李四',
        created_at: '2026-01-02T00:00:00.000Z',
        n_count: 0,
        nothing: null,
        some_json: null,
        list_of: [],
        when_at: null,
        bytes_raw: null,
      },
    ];
    const args = () => ({ result: { rows: structuredClone(rows) }, queryId: { queryId: 'q' } });
    const ours = await new RowCamelCasePlugin().transformResult(args());
    const kysely = await new CamelCasePlugin().transformResult(args());
    expect(ours).toEqual(kysely);
    expect(Object.keys(ours.rows[0]!)).toEqual(Object.keys(kysely.rows[0]!));
    expect(await new RowCamelCasePlugin().transformResult({ result: { rows: [] }, queryId: { queryId: 'q' } })).toEqual(
      {
        rows: [],
      },
    );
  });

  it('in the app: a query reads back camel-cased', async () => {
    const r = await sql<{ displayName: string }>`select 'x' as display_name`.execute(db());
    expect(r.rows[0]).toEqual({ displayName: 'x' });
  });
});
