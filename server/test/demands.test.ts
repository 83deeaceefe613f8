import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  projectSaveBody,
  type ChallengeView,
  type DemandDetailView,
  type DemandPage,
  type DemandStatsView,
  type DepartmentView,
} from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../src/core/clock';
import { shanghaiDate } from '../src/core/time';
import { challengeInput, createChallenge } from '../src/seed/challenge-factories';
import { createCampaign, createUser, ctxOf, declarationInput, validated } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import {
  advanceDemand,
  createDemand,
  createDemandRoute,
  createDepartment,
  demandInput,
} from '../src/seed/demand-factories';
import { DemandsRepository } from '../src/modules/demands/demands.repository';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

/**
 * Enterprise demands (诉求) on the two-county world: county A has two departments (发改局 routed
 * for policy demands, 人社局 as a transfer target), each with its own handler; county B its own.
 */
let t: TestApp;
let w: World;
let depA: DepartmentView;
let depA2: DepartmentView;
let depB: DepartmentView;
let staff: Session;
let handler: Session;
let handler2: Session;
let contact: Session;
let specialist: Session;
let staffB: Session;
let handlerB: Session;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const s = t.services;
  const h2 = await createUser(s, t.admin, {
    username: 'dm_handler2',
    roles: [{ role: 'handler', orgId: w.a.dept.id }],
  });
  const hb = await createUser(s, t.admin, {
    username: 'dm_handler_b',
    roles: [{ role: 'handler', orgId: w.b.dept.id }],
  });
  await createUser(s, t.admin, { username: 'dm_staff_b', roles: [{ role: 'staff', orgId: w.b.dept.id }] });
  depA = await createDepartment(s, t.admin, {
    name: '振兴区发改局',
    orgId: w.a.dept.id,
    memberIds: [w.users.handler.id],
  });
  depA2 = await createDepartment(s, t.admin, { name: '振兴区人社局', orgId: w.a.dept.id, memberIds: [h2.id] });
  depB = await createDepartment(s, t.admin, { name: '元宝区发改局', orgId: w.b.dept.id, memberIds: [hb.id] });
  await createDemandRoute(s, t.admin, { orgId: w.a.dept.id, category: 'policy', departmentId: depA.id });
  await createDemandRoute(s, t.admin, {
    orgId: w.a.dept.id,
    category: 'factor_finance',
    departmentId: depA2.id,
    signDays: 2,
    replyDays: 5,
    resolveDays: 20,
  });
  await createDemandRoute(s, t.admin, { orgId: w.b.dept.id, category: 'policy', departmentId: depB.id });
  staff = await login(t.app, w.usernames.staff);
  handler = await login(t.app, w.usernames.handler);
  handler2 = await login(t.app, 'dm_handler2');
  contact = await login(t.app, w.usernames.contact);
  specialist = await login(t.app, w.usernames.specialist);
  staffB = await login(t.app, 'dm_staff_b');
  handlerB = await login(t.app, 'dm_handler_b');
});
afterAll(() => t.close());

const post = async (s: Session, d: { id: string }, action: string, body: object, status = 200) => {
  const res = await call(t.app, s, 'POST', `/api/demands/${d.id}/${action}`, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as DemandDetailView;
};
const get = async (s: Session, id: string) => {
  const res = await call(t.app, s, 'GET', `/api/demands/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DemandDetailView;
};
const newDemand = async (s: Session, overrides: Record<string, unknown> = {}) => {
  const res = await call(t.app, s, 'POST', '/api/demands', demandInput({ hostOrgId: w.a.hostOrg.id, ...overrides }));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DemandDetailView;
};
const list = async (s: Session, query: string) => {
  const res = await call(t.app, s, 'GET', `/api/demands?limit=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DemandPage;
};
const unread = async (s: Session) =>
  (await call(t.app, s, 'GET', '/api/notifications?limit=200')).json().items as { kind: string; link: string }[];

describe(`routing and due dates (${TEST_DB})`, () => {
  it('routes an enterprise contact’s demand to the department of the county’s route and notifies its handlers', async () => {
    const d = await newDemand(contact, { source: 'contact' });
    expect(d).toMatchObject({ status: 'received', leadDepartment: { id: depA.id }, source: 'contact' });
    expect(d.timeline.map((e) => e.kind)).toEqual(['create', 'route']);
    expect(d.abilities).toEqual([]);
    expect((await unread(handler)).some((n) => n.kind === 'demand_assigned' && n.link.includes(d.id))).toBe(true);
    expect((await get(handler, d.id)).abilities).toEqual(['accept', 'transfer', 'return']);
    expect((await get(staff, d.id)).abilities).toEqual(['reroute', 'post_to_board']);
  });

  it('computes due dates in working days across National Day 2025', async () => {
    const clock = new SimulatedClock('2025-09-30T02:00:00Z');
    const d = await runWithClock(clock.now, () =>
      createDemand(t.services, t.admin, {
        hostOrgId: w.a.hostOrg.id,
        category: 'factor_finance',
        amountAskedFen: 5_000_000_00,
      }),
    );
    // Route: sign 2, reply 5, resolve 20 working days from Tue Sept 30 (Oct 1–8 off, Sat Oct 11 on).
    expect(d).toMatchObject({
      receivedOn: '2025-09-30',
      signDueOn: '2025-10-10',
      replyDueOn: '2025-10-14',
      leadDepartment: { id: depA2.id },
      amountAskedFen: 500000000,
    });
  });

  it('uses the administrator’s calendar for a year the official calendar does not know', async () => {
    const admin = await login(t.app, 'admin');
    const days = [
      { date: '2031-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2031-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2031-10-03', kind: 'holiday', name: '国庆节' },
    ];
    const res = await call(t.app, admin, 'PUT', '/api/admin/work-calendar/2031', { days });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2031, builtIn: false, days });
    const bad = await call(t.app, admin, 'PUT', '/api/admin/work-calendar/2031', {
      days: [{ date: '2030-10-01', kind: 'holiday', name: 'x' }],
    });
    expect(bad.statusCode).toBe(400);
    expect((await call(t.app, staff, 'GET', '/api/admin/work-calendar/2031')).statusCode).toBe(403);
    const clock = new SimulatedClock('2031-09-30T02:00:00Z');
    const d = await runWithClock(clock.now, () => createDemand(t.services, t.admin, { hostOrgId: w.a.hostOrg.id }));
    expect(d.signDueOn).toBe('2031-10-06');
  });

  it('lets staff name the lead and assisting departments, but not a contact', async () => {
    const d = await newDemand(staff, { leadDepartmentId: depA2.id, assistDepartmentIds: [depA.id] });
    expect(d.leadDepartment?.id).toBe(depA2.id);
    expect(d.assistDepartments.map((x) => x.id)).toEqual([depA.id]);
    const res = await call(
      t.app,
      contact,
      'POST',
      '/api/demands',
      demandInput({ hostOrgId: w.a.hostOrg.id, leadDepartmentId: depA2.id }),
    );
    // Departments are not in a contact's reach: the reference answers 404.
    expect(res.statusCode).toBe(404);
    // A category without a route and no department named: 400.
    const none = await call(
      t.app,
      staff,
      'POST',
      '/api/demands',
      demandInput({ hostOrgId: w.a.hostOrg.id, category: 'legacy' }),
    );
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('DEMAND_NO_ROUTE');
  });
});

describe(`the workflow (${TEST_DB})`, () => {
  it('reopens once on the first unsatisfied rating and closes on the second', async () => {
    let d = await newDemand(specialist, { source: 'visit' });
    d = await post(handler, d, 'accept', { version: d.version });
    expect(d.acceptedAt).not.toBeNull();
    d = await post(handler, d, 'reply', { version: d.version, note: '已电话联系企业' });
    expect(d.status).toBe('in_progress');
    d = await post(handler, d, 'resolve', { version: d.version, note: '已上门辅导' });
    expect(d).toMatchObject({ status: 'resolved', result: '已上门辅导' });
    expect((await unread(contact)).some((n) => n.kind === 'demand_resolved' && n.link.includes(d.id))).toBe(true);
    // Only the firm's contact rates; the handler cannot.
    await post(handler, d, 'rate', { version: d.version, rating: 'satisfied' }, 403);
    d = await post(contact, d, 'rate', { version: d.version, rating: 'unsatisfied', note: '没有解决' });
    expect(d).toMatchObject({ status: 'in_progress', reopenedCount: 1, rating: 'unsatisfied', resolvedAt: null });
    d = await post(handler, d, 'resolve', { version: d.version, note: '再次上门辅导' });
    d = await post(contact, d, 'rate', { version: d.version, rating: 'unsatisfied' });
    expect(d).toMatchObject({ status: 'closed', reopenedCount: 1, rating: 'unsatisfied' });
    expect(d.closedAt).not.toBeNull();
    expect(d.timeline.map((e) => e.kind)).toEqual([
      'create',
      'route',
      'accept',
      'reply',
      'resolve',
      'reopen',
      'resolve',
      'rate',
    ]);
    const audit = await t.services.db
      .selectFrom('auditLogs')
      .select('action')
      .where('entityType', '=', 'demand')
      .where('entityId', '=', d.id)
      .execute();
    expect(audit).toHaveLength(7);
    // Nothing more to do on a closed demand.
    await post(handler, d, 'accept', { version: d.version }, 409);
  });

  it('closes on a satisfied rating, and refuses a stale version', async () => {
    let d = await advanceDemand(
      t.services,
      await ctxOf(t.services, w.usernames.handler),
      await newDemand(staff),
      'resolved',
    );
    await post(contact, d, 'rate', { version: d.version - 1, rating: 'basic' }, 409);
    d = await post(contact, d, 'rate', { version: d.version, rating: 'basic' });
    expect(d).toMatchObject({ status: 'closed', rating: 'basic', reopenedCount: 0 });
  });

  it('transfers to another department with a reason: new due dates, signed again by the new department', async () => {
    let d = await newDemand(staff);
    d = await post(handler, d, 'accept', { version: d.version });
    await post(handler, d, 'transfer', { version: d.version, departmentId: depA2.id, note: ' ' }, 400);
    d = await post(handler, d, 'transfer', { version: d.version, departmentId: depA2.id, note: '属于人社局职责' });
    expect(d).toMatchObject({ status: 'received', leadDepartment: { id: depA2.id }, acceptedAt: null });
    expect(d.timeline.at(-1)).toMatchObject({
      kind: 'transfer',
      fromDepartmentName: '振兴区发改局',
      toDepartmentName: '振兴区人社局',
      note: '属于人社局职责',
    });
    // The former department's handler still reads it, but no longer acts on it.
    expect((await get(handler, d.id)).abilities).toEqual([]);
    await post(handler, d, 'accept', { version: d.version }, 403);
    expect((await unread(handler2)).some((n) => n.kind === 'demand_assigned' && n.link.includes(d.id))).toBe(true);
    d = await post(handler2, d, 'accept', { version: d.version });
    expect(d.status).toBe('accepted');
  });

  it('returns a demand to staff, who route it again', async () => {
    let d = await newDemand(staff);
    d = await post(handler, d, 'return', { version: d.version, note: '不属于本部门职责' });
    expect(d.status).toBe('returned');
    expect((await unread(staff)).some((n) => n.kind === 'demand_returned' && n.link.includes(d.id))).toBe(true);
    await post(handler, d, 'accept', { version: d.version }, 409);
    d = await post(staff, d, 'reroute', { version: d.version, departmentId: depA2.id });
    expect(d).toMatchObject({ status: 'received', leadDepartment: { id: depA2.id } });
    expect(d.timeline.map((e) => e.kind).slice(-2)).toEqual(['return', 'reroute']);
  });

  it('lets staff close a demand left unrated only after 5 working days', async () => {
    const clock = new SimulatedClock('2025-09-26T02:00:00Z');
    const h = await ctxOf(t.services, w.usernames.handler);
    const d0 = await runWithClock(clock.now, async () =>
      advanceDemand(t.services, h, await createDemand(t.services, t.admin, { hostOrgId: w.a.hostOrg.id }), 'resolved'),
    );
    const admin = await ctxOf(t.services, 'admin');
    // Resolved Fri Sept 26: Sun Sept 28, Mon 29, Tue 30, Thu Oct 9 = 4 working days by Oct 9.
    clock.set('2025-10-09T02:00:00Z');
    await expect(
      runWithClock(clock.now, () => t.services.demands.close(admin, d0.id, { version: d0.version })),
    ).rejects.toMatchObject({
      code: 'DEMAND_NOT_CLOSABLE',
    });
    clock.set('2025-10-10T02:00:00Z');
    const d = await runWithClock(clock.now, () => t.services.demands.close(admin, d0.id, { version: d0.version }));
    expect(d).toMatchObject({ status: 'closed', rating: null });
    expect(d.timeline.at(-1)?.kind).toBe('close');
  });
});

describe(`scope (${TEST_DB})`, () => {
  it('hides a county’s demands from the sibling county (404) and refuses readers who may not act (403)', async () => {
    const d = await newDemand(staff);
    expect((await call(t.app, staffB, 'GET', `/api/demands/${d.id}`)).statusCode).toBe(404);
    expect((await call(t.app, handlerB, 'GET', `/api/demands/${d.id}`)).statusCode).toBe(404);
    await post(handlerB, d, 'accept', { version: d.version }, 404);
    await post(staffB, d, 'reroute', { version: d.version, departmentId: depB.id }, 404);
    // The specialist and the contact read it but do not handle it.
    expect((await get(specialist, d.id)).abilities).toEqual([]);
    await post(contact, d, 'accept', { version: d.version }, 403);
    await post(staff, d, 'accept', { version: d.version }, 403);
    // A county-B department named in county A's request: 404, nothing written.
    await post(handler, d, 'transfer', { version: d.version, departmentId: depB.id, note: '转办' }, 404);
    expect((await list(staffB, '')).items.map((x) => x.id)).not.toContain(d.id);
    expect((await list(handler2, '')).items.map((x) => x.id)).not.toContain(d.id);
  });

  it('filters the list by status, category, department, firm, overdue and text', async () => {
    const d = await newDemand(staff, { title: '专精特新申报咨询' });
    expect((await list(staff, 'q=专精特新')).items.map((x) => x.id)).toEqual([d.id]);
    expect((await list(staff, `departmentId=${depA.id}&status=received`)).items.map((x) => x.id)).toContain(d.id);
    expect((await list(staff, `departmentId=${depA2.id}`)).items.map((x) => x.id)).not.toContain(d.id);
    expect((await list(staff, `hostOrgId=${w.a.hostOrg.id}&category=policy`)).items.map((x) => x.id)).toContain(d.id);
    expect((await list(staff, 'overdue=true')).items.map((x) => x.id)).not.toContain(d.id);
    const xlsx = await call(t.app, staff, 'GET', '/api/demands/export.xlsx?category=policy');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe(`escalation and figures (${TEST_DB})`, () => {
  it('escalates an overdue step once and notifies the county staff', async () => {
    const clock = new SimulatedClock('2025-09-30T02:00:00Z');
    const d = await runWithClock(clock.now, () => createDemand(t.services, t.admin, { hostOrgId: w.a.hostOrg.id }));
    expect(d.signDueOn).toBe('2025-10-09');
    // Not yet overdue on the due date itself.
    expect(await t.services.demands.escalateOverdue(new Date('2025-10-09T08:00:00Z'))).not.toContain(d.id);
    const first = await t.services.demands.escalateOverdue(new Date('2025-10-10T08:00:00Z'));
    expect(first).toContain(d.id);
    expect(await t.services.demands.escalateOverdue(new Date('2025-10-10T09:00:00Z'))).toEqual([]);
    const seen = await get(staff, d.id);
    expect(seen.escalatedAt).toBe('2025-10-10T08:00:00.000Z');
    expect(seen.overdueStep).toBe('sign');
    expect(seen.timeline.filter((e) => e.kind === 'escalate')).toHaveLength(1);
    expect((await unread(staff)).filter((n) => n.kind === 'demand_overdue' && n.link.includes(d.id))).toHaveLength(1);
    expect((await list(staff, 'overdue=true')).items.map((x) => x.id)).toContain(d.id);
  });

  it('computes each figure as the count of the matching list filter', async () => {
    const res = await call(t.app, staff, 'GET', '/api/demands/stats?groupBy=department');
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json() as DemandStatsView;
    const count = async (q: string) => (await list(staff, q)).items.length;
    expect(stats.total.total).toBe(await count(''));
    expect(stats.total.signDue).toBe(await count('measure=sign_due'));
    expect(stats.total.signedOnTime).toBe(await count('measure=signed_on_time'));
    expect(stats.total.resolved).toBe(await count('measure=resolved'));
    expect(stats.total.rated).toBe(await count('measure=rated'));
    expect(stats.total.satisfied).toBe(await count('measure=satisfied'));
    expect(stats.total.rated).toBeGreaterThan(0);
    expect(stats.total.satisfactionRate).toBeCloseTo(stats.total.satisfied / stats.total.rated, 3);
    expect(stats.total.meanHoursToFirstReply).not.toBeNull();
    expect(stats.rows.reduce((n, r) => n + r.total, 0)).toBe(stats.total.total);
    // The window: received within [from, to].
    const window = (
      await call(t.app, staff, 'GET', '/api/demands/stats?groupBy=region&from=2025-09-01&to=2025-09-30')
    ).json() as DemandStatsView;
    expect(window.total.total).toBe(await count('from=2025-09-01&to=2025-09-30'));
    expect(window.rows[0]?.name).toBe('振兴区');
  });
});

describe(`the challenge board (揭榜): demands as a problem's evidence (${TEST_DB})`, () => {
  let countyCampaign: string;
  let cityCampaign: string;
  let secretary: Session;
  beforeAll(async () => {
    countyCampaign = (await createCampaign(t.services, t.admin, { orgId: w.a.dept.id, name: '振兴区揭榜活动' })).id;
    cityCampaign = (await createCampaign(t.services, t.admin, { orgId: w.city.id, name: '丹东市揭榜活动' })).id;
    secretary = await login(t.app, w.usernames.secretary);
  });
  const fromDemands = (s: Session, demandIds: string[], campaignId = countyCampaign) =>
    call(t.app, s, 'POST', '/api/challenges/from-demands', {
      ...challengeInput({ campaignId, title: '园区企业用工招聘难', evidenceCount: null }),
      demandIds,
    });
  const challenge = async (s: Session, id: string) => {
    const res = await call(t.app, s, 'GET', `/api/challenges/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ChallengeView;
  };

  it('posts a new challenge from two open demands: both linked, on their timelines and audited', async () => {
    const d1 = await newDemand(staff, { title: '招工难一' });
    const d2 = await newDemand(contact, { title: '招工难二', source: 'contact' });
    expect((await get(staff, d1.id)).abilities).toContain('post_to_board');
    const res = await fromDemands(staff, [d1.id, d2.id]);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as ChallengeView;
    expect(c).toMatchObject({ status: 'open', evidenceCount: 2, evidenceDemands: { total: 2 } });
    expect(c.evidenceDemands.items.map((i) => i.id).sort()).toEqual([d1.id, d2.id].sort());
    const seen = await get(staff, d1.id);
    expect(seen.challenge).toEqual({ id: c.id, title: '园区企业用工招聘难', status: 'open' });
    expect(seen.abilities).not.toContain('post_to_board');
    expect(seen.timeline.at(-1)).toMatchObject({ kind: 'board', note: '园区企业用工招聘难' });
    // The firm's contact sees which challenge their demand backs.
    expect((await get(contact, d2.id)).challenge?.id).toBe(c.id);
    const audit = (await call(t.app, staff, 'GET', `/api/audit-logs?entityType=demand&entityId=${d1.id}`)).json();
    expect(audit.items[0].changes).toContainEqual({ field: 'challengeId', before: null, after: c.id });
    const chAudit = (await call(t.app, staff, 'GET', `/api/audit-logs?entityType=challenge&entityId=${c.id}`)).json();
    expect(chAudit.items.map((i: { action: string }) => i.action).sort()).toEqual(['create', 'update']);
    // A secretary reads the board but not the demands: only the count.
    expect((await challenge(secretary, c.id)).evidenceDemands).toEqual({ total: 2, items: [] });
  });

  it('attaches further demands to an open challenge with its version, raising the evidence count', async () => {
    const c = await createChallenge(t.services, t.admin, {
      campaignId: countyCampaign,
      title: '融资担保难',
      evidenceCount: 1,
    });
    const d1 = await newDemand(staff, { title: '担保难一' });
    const d2 = await newDemand(staff, { title: '担保难二' });
    const url = `/api/challenges/${c.id}/demands`;
    const stale = await call(t.app, staff, 'POST', url, { demandIds: [d1.id], version: c.version + 1 });
    expect(stale.statusCode).toBe(409);
    const res = await call(t.app, staff, 'POST', url, { demandIds: [d1.id, d2.id], version: c.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ evidenceCount: 2, version: c.version + 1, evidenceDemands: { total: 2 } });
    expect((await get(staff, d2.id)).challenge?.id).toBe(c.id);
  });

  it('refuses a demand already on a challenge, a resolved one, another county’s, mixed counties and non-staff', async () => {
    const linked = await newDemand(staff, { title: '已发布的诉求' });
    expect((await fromDemands(staff, [linked.id])).statusCode).toBe(200);
    const fresh = await newDemand(staff, { title: '新诉求' });
    const again = await fromDemands(staff, [fresh.id, linked.id]);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DEMAND_ON_CHALLENGE');
    // Nothing of the refused post is kept: the fresh demand is still free.
    expect((await get(staff, fresh.id)).challenge).toBeNull();
    let done = await newDemand(staff, { title: '已办结的诉求' });
    done = await post(handler, done, 'accept', { version: done.version });
    done = await post(handler, done, 'reply', { version: done.version, note: '已受理' });
    done = await post(handler, done, 'resolve', { version: done.version, note: '已解决' });
    const resolved = await fromDemands(staff, [done.id]);
    expect(resolved.statusCode).toBe(409);
    expect(resolved.json().code).toBe('DEMAND_NOT_OPEN');
    const inB = await newDemand(staffB, { hostOrgId: w.b.hostOrg.id, title: '元宝区的诉求' });
    expect((await fromDemands(staff, [inB.id])).statusCode).toBe(404);
    const admin = await login(t.app, 'admin');
    const mixed = await fromDemands(admin, [fresh.id, inB.id], cityCampaign);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().code).toBe('DEMANDS_MIXED_COUNTY');
    // County B's demand does not fit county A's board either.
    expect((await fromDemands(admin, [inB.id])).json().code).toBe('DEMANDS_MIXED_COUNTY');
    expect((await fromDemands(admin, [fresh.id], cityCampaign)).statusCode).toBe(200);
    expect((await fromDemands(handler, [fresh.id])).statusCode).toBe(403);
    expect((await fromDemands(staffB, [inB.id])).statusCode).toBe(404);
  });

  it('resolves the open evidence demands when the claiming project is completed; the contact rates as usual', async () => {
    const d1 = await newDemand(staff, { title: '骑手歇脚难一' });
    const d2 = await newDemand(staff, { title: '骑手歇脚难二' });
    let d3 = await newDemand(staff, { title: '骑手歇脚难三' });
    const c = (await fromDemands(staff, [d1.id, d2.id, d3.id])).json() as ChallengeView;
    d3 = await post(handler, await get(handler, d3.id), 'accept', { version: (await get(handler, d3.id)).version });
    d3 = await post(handler, d3, 'reply', { version: d3.version, note: '已受理' });
    d3 = await post(handler, d3, 'resolve', { version: d3.version, note: '部门先行解决' });
    // Claimed by county A's committee; the draft completed, submitted, approved and completed.
    const claimed = await call(t.app, secretary, 'POST', `/api/challenges/${c.id}/claim`, {
      orgId: w.a.committee.id,
      version: c.version,
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const projectId = (claimed.json() as ChallengeView).projectId!;
    const sec = await ctxOf(t.services, w.usernames.secretary);
    const draft = await t.services.projects.get(sec, projectId);
    const saved = await t.services.projects.save(
      sec,
      projectId,
      validated(projectSaveBody, { version: draft.version, content: declarationInput(new Rng(7)) }),
    );
    await t.services.projects.fire(sec, projectId, 'submit', { version: saved.version });
    await t.services.store.tx(async (repos) => {
      const row = await t.services.projects.row(repos, t.admin, projectId);
      await t.services.projects.transition(repos, t.admin, row, 'schedule', ['staff']);
      await t.services.projectDecisions.apply(repos, t.admin, projectId, 'approve', null);
    });
    const approved = await t.services.projects.get(sec, projectId);
    const indicators = await t.services.store.repos.projects.indicators(projectId);
    const done = await call(t.app, secretary, 'POST', `/api/projects/${projectId}/complete`, {
      version: approved.version,
      summary: '建成骑手驿站 12 个',
      finalValues: indicators.map((i) => ({ indicatorId: i.id, value: i.target })),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await challenge(staff, c.id)).status).toBe('solved');
    for (const id of [d1.id, d2.id]) {
      const d = await get(staff, id);
      expect(d.status).toBe('resolved');
      expect(d.challenge?.status).toBe('solved');
      expect(d.result).toContain(approved.code!);
      expect(d.timeline.at(-1)).toMatchObject({ kind: 'project_resolve' });
      expect(d.timeline.at(-1)!.note).toContain(approved.code!);
    }
    // Already resolved by its department: left alone.
    const third = await get(staff, d3.id);
    expect(third.result).toBe('部门先行解决');
    expect(third.timeline.filter((e) => e.kind === 'project_resolve')).toHaveLength(0);
    const audit = (await call(t.app, staff, 'GET', `/api/audit-logs?entityType=demand&entityId=${d1.id}`)).json();
    expect(audit.items[0].changes).toContainEqual({ field: 'status', before: 'received', after: 'resolved' });
    expect((await unread(contact)).some((n) => n.kind === 'demand_resolved' && n.link.includes(d1.id))).toBe(true);
    // The enterprise rates as usual: unsatisfied reopens once.
    const seen = await get(contact, d1.id);
    expect(seen.abilities).toEqual(['rate']);
    const rated = await post(contact, seen, 'rate', { version: seen.version, rating: 'unsatisfied', note: '还不够' });
    expect(rated).toMatchObject({ status: 'in_progress', reopenedCount: 1 });
    const ok = await get(contact, d2.id);
    expect(await post(contact, ok, 'rate', { version: ok.version, rating: 'satisfied' })).toMatchObject({
      status: 'closed',
    });
  });

  it('escalates an overdue demand to the firm’s leader contact too, once per step, on the timeline', async () => {
    const leader = await createUser(t.services, t.admin, {
      username: 'dm_leader',
      displayName: '王县长',
      roles: [{ role: 'member', orgId: w.a.committee.id }],
    });
    const firm = await t.services.hostOrgs.get(t.admin, w.a.hostOrg.id);
    await t.services.hostOrgs.update(t.admin, firm.id, { ...firm, leaderContactUserId: leader.id });
    const clock = new SimulatedClock('2025-11-03T02:00:00Z');
    const d = await runWithClock(clock.now, () => createDemand(t.services, t.admin, { hostOrgId: w.a.hostOrg.id }));
    const now = new Date(`${d.signDueOn}T00:00:00Z`);
    now.setUTCDate(now.getUTCDate() + 1);
    expect(await t.services.demands.escalateOverdue(now)).toContain(d.id);
    expect(await t.services.demands.escalateOverdue(new Date(now.getTime() + 3600_000))).not.toContain(d.id);
    const lead = await login(t.app, 'dm_leader');
    const notices = (await unread(lead)).filter((n) => n.kind === 'demand_overdue' && n.link.includes(d.id));
    expect(notices).toHaveLength(1);
    expect((await unread(staff)).filter((n) => n.kind === 'demand_overdue' && n.link.includes(d.id))).toHaveLength(1);
    const seen = await get(staff, d.id);
    expect(seen.timeline.filter((e) => e.kind === 'escalate_leader')).toEqual([
      expect.objectContaining({ note: '王县长' }),
    ]);
  });
});

describe(`the dashboard's daily summary of demands (issue 15, ${TEST_DB})`, () => {
  const FIGURES = [
    'demands.received',
    'demands.resolved',
    'demands.resolved.factor',
    'demands.sign_due',
    'demands.signed_on_time',
    'demands.rated',
    'demands.satisfied',
  ];
  /**
   * Each figure over each area from the summary (`countAreas`) equals the demand list's count
   * (`count`), and the summary equals a recomputation from the demands; gives the figures' values.
   */
  async function expectSummaryTrue(orgIds: string[]): Promise<Record<string, number[]>> {
    // Whole months only (the monthly roll-up), months with days either side (both), days only (the daily rows).
    const periods = [
      { from: '2020-01-01', to: '2099-12-31' },
      { from: '2025-11-03', to: shanghaiDate() },
      { from: '2025-11-01', to: '2025-11-20' },
    ];
    const areas = orgIds.map((orgId) => ({ orgId }));
    const out: Record<string, number[]> = {};
    for (const key of FIGURES) {
      const fig = t.services.figures.get(key)!;
      for (const period of periods) {
        const summed = await fig.countAreas!(areas, period);
        for (const [i, a] of areas.entries())
          expect(summed[i], `${key} ${a.orgId} ${period.from}…${period.to}`).toBe(await fig.count(a, period));
        if (period === periods[0]) out[key] = summed;
      }
    }
    const repo = new DemandsRepository(t.services.db);
    const stored = await repo.summaryRows();
    expect(stored.daily.length).toBeGreaterThan(0);
    expect(stored.monthly.length).toBeGreaterThan(0);
    expect(stored).toEqual(await repo.recomputedSummary());
    return out;
  }

  it('equals a recomputation after every write above: create, route, accept, reply, resolve, reopen, rate, close, transfer, return, challenge', async () => {
    const n = await expectSummaryTrue([w.city.id, w.a.dept.id, w.b.dept.id, w.a.committee.id]);
    expect(n['demands.received']![1]).toBeGreaterThan(0);
    expect(n['demands.resolved']![1]).toBeGreaterThan(0);
    expect(n['demands.rated']![1]).toBeGreaterThan(0);
  });

  it('moves a firm’s demands with its managing organisation, and a rebuild changes nothing', async () => {
    const areas = [w.city.id, w.a.dept.id, w.a.committee.id, w.a.branch.id];
    const before = await expectSummaryTrue(areas);
    const firm = await t.services.hostOrgs.get(t.admin, w.a.hostOrg.id);
    expect(firm.managingOrgId).not.toBe(w.a.branch.id);
    const moved = await t.services.hostOrgs.update(t.admin, firm.id, { ...firm, managingOrgId: w.a.branch.id });
    const after = await expectSummaryTrue(areas);
    // The branch gains the firm's demands; the county and the city above both keep them.
    expect(after['demands.received']![3]).toBeGreaterThan(before['demands.received']![3]!);
    expect(after['demands.received']!.slice(0, 2)).toEqual(before['demands.received']!.slice(0, 2));
    // Back again: the summary follows.
    await t.services.hostOrgs.update(t.admin, firm.id, { ...moved, managingOrgId: firm.managingOrgId });
    expect(await expectSummaryTrue(areas)).toEqual(before);
    const repo = new DemandsRepository(t.services.db);
    const kept = await repo.summaryRows();
    await repo.rebuildSummary();
    expect(await repo.summaryRows()).toEqual(kept);
  });

  it('a new demand and its resolution move the summary in the same transaction as the write', async () => {
    const before = await expectSummaryTrue([w.a.dept.id]);
    let d = await newDemand(staff);
    let n = await expectSummaryTrue([w.a.dept.id]);
    expect(n['demands.received']![0]).toBe(before['demands.received']![0]! + 1);
    d = await post(handler, d, 'accept', { version: d.version });
    d = await post(handler, d, 'reply', { version: d.version, note: '已联系' });
    d = await post(handler, d, 'resolve', { version: d.version, note: '已解决' });
    n = await expectSummaryTrue([w.a.dept.id]);
    expect(n['demands.resolved']![0]).toBe(before['demands.resolved']![0]! + 1);
    d = await post(contact, d, 'rate', { version: d.version, rating: 'unsatisfied', note: '未解决' });
    expect(d.status).toBe('in_progress');
    n = await expectSummaryTrue([w.a.dept.id]);
    expect(n['demands.resolved']![0]).toBe(before['demands.resolved']![0]);
    expect(n['demands.rated']![0]).toBe(before['demands.rated']![0]! + 1);
  });
});
