/**
 * Unique and foreign-key violations answer 409 with a stable code, never 500 (issue 10, item 4), and
 * project codes stay distinct and consecutive when review meetings close at the same moment.
 * On PostgreSQL the requests below really run side by side (a pool of connections); on SQLite the
 * writes are serialised, so the same tests check that nothing changes there.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView } from '@touyan/schemas';
import type { RequestContext } from '../src/core/actor';
import { constraintError, violationOf } from '../src/db/constraint-errors';
import {
  actorOf,
  contextFor,
  createCampaign,
  createUser,
  declarationInput,
  hostOrgInput,
  submitProject,
} from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let staff: Session;
let secretaryCtx: RequestContext;
let chairId: string;
const rng = new Rng(1010);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  chairId = (
    await createUser(t.services, t.admin, { username: 'cx_chair', roles: [{ role: 'judge', orgId: w.a.dept.id }] })
  ).id;
  secretaryCtx = contextFor(await actorOf(t.services, w.users.secretary.id));
  staff = await login(t.app, w.usernames.staff);
});
afterAll(() => t.close());

/** A meeting of the campaign with one submitted project on its agenda, decided 'approve', ready to close. */
async function meetingReadyToClose(campaignId: string, year: number, n: number): Promise<MeetingView> {
  const p = await submitProject(t.services, secretaryCtx, {
    campaignId,
    orgId: w.a.committee.id,
    content: declarationInput(rng, { title: `并发立项测试项目${n}` }),
  });
  const created = await call(t.app, staff, 'POST', '/api/review-meetings', {
    campaignId,
    title: `并发研判会${n}`,
    meetingDate: `${year}-06-18`,
    place: '区委党校302会议室',
    chairUserId: chairId,
    reviewerIds: [w.users.judge.id],
    note: null,
  });
  expect(created.statusCode, created.body).toBe(200);
  const m = created.json() as MeetingView;
  const added = await call(t.app, staff, 'POST', `/api/review-meetings/${m.id}/items`, { projectIds: [p.id] });
  expect(added.statusCode, added.body).toBe(200);
  const item = (added.json() as MeetingView).items[0]!;
  const decided = await call(t.app, staff, 'PUT', `/api/review-meetings/${m.id}/items/${item.id}/decision`, {
    decision: 'approve',
  });
  expect(decided.statusCode, decided.body).toBe(200);
  return decided.json();
}

describe(`project codes under concurrent approvals (${TEST_DB})`, () => {
  it('gives 20 meetings closed at the same moment 20 distinct, consecutive project codes', async () => {
    const campaign = await createCampaign(t.services, t.admin, {
      orgId: w.a.dept.id,
      name: '振兴区并发立项',
      codePrefix: 'CC',
    });
    const meetings: MeetingView[] = [];
    for (let n = 1; n <= 20; n++) meetings.push(await meetingReadyToClose(campaign.id, campaign.year, n));

    const closes = await Promise.all(
      meetings.map((m) => call(t.app, staff, 'POST', `/api/review-meetings/${m.id}/close`, { version: m.version })),
    );
    const statuses = closes.map((r) => r.statusCode);
    expect(
      statuses.filter((s) => s !== 200),
      closes.find((r) => r.statusCode !== 200)?.body,
    ).toEqual([]);
    const codes = closes.map((r) => (r.json() as MeetingView).items[0]!.projectCode).sort();
    const expected = Array.from({ length: 20 }, (_, i) => `CC-${campaign.year}-${String(i + 1).padStart(3, '0')}`);
    expect(codes).toEqual(expected);
  });
});

describe(`two creates of the same unique thing at once (${TEST_DB})`, () => {
  it('answers one 200 and one 409 DUPLICATE for the same username, never 500', async () => {
    const body = (displayName: string) => ({
      username: 'cx_same_name',
      displayName,
      mobile: null,
      password: 'Start2025a',
      roles: [{ role: 'worker', orgId: w.a.dept.id }],
    });
    const res = await Promise.all([
      call(t.app, staff, 'POST', '/api/users', body('甲')),
      call(t.app, staff, 'POST', '/api/users', body('乙')),
    ]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = res.find((r) => r.statusCode === 409)!.json();
    expect(refused).toMatchObject({ code: 'DUPLICATE', fields: { username: '格式不正确' } });
  });

  it('answers one 200 and one 409 CREDIT_CODE_DUPLICATE for the same credit code, never 500', async () => {
    const first = hostOrgInput(rng, {
      regionCode: '210603',
      managingOrgId: w.a.committee.id,
      type: 'private_enterprise',
    });
    const second = {
      ...hostOrgInput(rng, { regionCode: '210603', managingOrgId: w.a.committee.id, type: 'private_enterprise' }),
      creditCode: first.creditCode,
    };
    const res = await Promise.all([
      call(t.app, staff, 'POST', '/api/host-orgs', first),
      call(t.app, staff, 'POST', '/api/host-orgs', second),
    ]);
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = res.find((r) => r.statusCode === 409)!.json();
    expect(refused).toMatchObject({
      code: 'CREDIT_CODE_DUPLICATE',
      message: '该统一社会信用代码已登记',
      fields: { creditCode: '该统一社会信用代码已登记' },
    });
  });
});

/** The error a statement throws (the driver's own error, as the error handler receives it). */
async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('the statement did not fail');
}

describe(`the constraint mapper on real driver errors (${TEST_DB})`, () => {
  beforeAll(async () => {
    const db = t.database.db;
    await sql`create table scratch_parents (id text primary key, name text not null unique)`.execute(db);
    await sql`create table scratch_children (id text primary key, parent_id text not null references scratch_parents (id), a text, b text, unique (a, b))`.execute(
      db,
    );
    await sql`insert into scratch_parents (id, name) values ('p1', 'one')`.execute(db);
    await sql`insert into scratch_children (id, parent_id, a, b) values ('c1', 'p1', 'x', 'y')`.execute(db);
  });

  it('answers 409 STILL_REFERENCED to deleting a row another row still points at', async () => {
    const err = await failure(() => sql`delete from scratch_parents where id = 'p1'`.execute(t.database.db));
    expect(violationOf(err)).toMatchObject({ kind: 'foreign_key', side: 'parent' });
    const mapped = constraintError(err)!;
    expect([mapped.status, mapped.code]).toEqual([409, 'STILL_REFERENCED']);
  });

  it('answers 409 REFERENCE_GONE to a row pointing at one that is not there', async () => {
    const err = await failure(() =>
      sql`insert into scratch_children (id, parent_id) values ('c2', 'missing')`.execute(t.database.db),
    );
    expect(violationOf(err)).toMatchObject({ kind: 'foreign_key', side: 'child' });
    expect(constraintError(err)).toMatchObject({ status: 409, code: 'REFERENCE_GONE' });
  });

  it('answers 409 DUPLICATE naming the column of a one-column key, and without a field for a composite key', async () => {
    const one = await failure(() =>
      sql`insert into scratch_parents (id, name) values ('p2', 'one')`.execute(t.database.db),
    );
    expect(violationOf(one)).toMatchObject({ kind: 'unique', table: 'scratch_parents', columns: ['name'] });
    expect(constraintError(one)).toMatchObject({ status: 409, code: 'DUPLICATE', fields: { name: 'duplicate' } });
    const pk = await failure(() =>
      sql`insert into scratch_parents (id, name) values ('p1', 'other')`.execute(t.database.db),
    );
    expect(constraintError(pk)).toMatchObject({ code: 'DUPLICATE', fields: { id: 'duplicate' } });
    const pair = await failure(() =>
      sql`insert into scratch_children (id, parent_id, a, b) values ('c3', 'p1', 'x', 'y')`.execute(t.database.db),
    );
    expect(violationOf(pair)).toMatchObject({ kind: 'unique', columns: ['a', 'b'] });
    expect(constraintError(pair)).toMatchObject({ code: 'DUPLICATE', fields: undefined });
  });

  it('answers a known key with the code and field its service check uses', async () => {
    const err = await failure(() =>
      t.services.store.repos.regions.insert({ code: '210603', name: '振兴区', parentCode: '210600', level: 3 }),
    );
    expect(constraintError(err)).toMatchObject({ status: 409, code: 'DUPLICATE', fields: { code: 'invalid' } });
  });

  it('leaves every other error alone', () => {
    expect(constraintError(new Error('boom'))).toBeNull();
    expect(constraintError({ code: '23502', message: 'null value in column' })).toBeNull();
    expect(constraintError(null)).toBeNull();
  });
});
