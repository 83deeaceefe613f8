/**
 * Indicators bound to service figures (issue 11): a project's indicator counts visits or demands
 * over the declaring organisation's subtree and the campaign's year; its actual follows the records
 * on every read and equals the rows its link lists; it refuses manual values; the quarterly report
 * keeps the value it had when filed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  visitCreateBody,
  type DemandDetailView,
  type FigureView,
  type IndicatorView,
  type QuarterlyReportView,
} from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../src/core/clock';
import type { RequestContext } from '../src/core/actor';
import {
  actorOf,
  contextFor,
  createCampaign,
  createHostOrg,
  declarationInput,
  submitProject,
  validated,
} from '../src/seed/factories';
import { advanceDemand, createDemand, createDemandRoute, createDepartment } from '../src/seed/demand-factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
const clock = new SimulatedClock('2025-02-10T10:00:00+08:00');
const at = <T>(fn: () => PromiseLike<T>) => runWithClock(clock.now, async () => await fn());
const rng = new Rng(1118);

let staff: Session;
let secretary: Session;
let handler: RequestContext;
let projectId: string;
let campaignId: string;
/** Firms of county A's committee (managed), one only covered by its branch, and county B's. */
let firms: string[];
let coveredOnly: string;

type Method = 'GET' | 'POST' | 'PUT';
const api = (s: Session, method: Method, url: string, payload?: unknown) =>
  at(() => call(t.app, s, method, url, payload));
async function ok<T>(s: Session, method: Method, url: string, payload?: unknown): Promise<T> {
  const res = await api(s, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
  return res.json() as T;
}

const visit = (hostOrgId: string, visitedOn: string) =>
  at(() => {
    clock.set(`${visitedOn}T15:00:00+08:00`);
    return t.services.visits.create(
      t.admin,
      validated(visitCreateBody, {
        hostOrgId,
        kind: 'daily',
        visitedOn,
        people: '企业专员',
        findings: '生产经营正常。',
      }),
    );
  });

const demand = (hostOrgId: string, category: string, on: string, resolved: boolean): Promise<DemandDetailView> =>
  at(async () => {
    clock.set(`${on}T10:00:00+08:00`);
    const d = await createDemand(t.services, t.admin, { hostOrgId, category, source: 'staff' });
    return resolved ? advanceDemand(t.services, handler, d, 'resolved') : d;
  });

const BINDINGS = [
  { name: '走访企业', unit: '家', figure: 'visits.firms_visited' },
  { name: '解决问题', unit: '件', figure: 'demands.resolved' },
  { name: '要素保障诉求办结', unit: '件', figure: 'demands.resolved.factor' },
  { name: '历史遗留问题化解', unit: '件', figure: 'demands.resolved.legacy' },
];

const indicators = async (s: Session = staff) =>
  (await ok<{ items: IndicatorView[] }>(s, 'GET', `/api/projects/${projectId}/indicators`)).items;

/** The rows behind a bound indicator's link, counted through the list route the page calls. */
async function rowsBehind(link: string): Promise<number> {
  const [path, query] = link.split('?');
  if (path === '/visits') {
    return (await ok<{ total: number }>(staff, 'GET', `/api/visits?${query}&withTotal=1&limit=1`)).total;
  }
  expect(path).toBe('/demands');
  let n = 0;
  let cursor: string | null = null;
  do {
    const page: { items: unknown[]; nextCursor: string | null } = await ok(
      staff,
      'GET',
      `/api/demands?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const s = t.services;
  await at(async () => {
    firms = [w.a.hostOrg.id];
    for (let i = 0; i < 3; i++)
      firms.push((await createHostOrg(s, t.admin, rng, { regionCode: '210603', managingOrgId: w.a.committee.id })).id);
    // Managed by the county's department, covered by the committee's branch: inside the project's area
    // for visits (managed or covered), outside it for demands (managing organisation only).
    coveredOnly = (
      await createHostOrg(s, t.admin, rng, {
        regionCode: '210603',
        managingOrgId: w.a.dept.id,
        partyOrgId: w.a.branch.id,
      })
    ).id;
    const dep = await createDepartment(s, t.admin, {
      name: '振兴区发改局',
      orgId: w.a.dept.id,
      memberIds: [w.users.handler.id],
    });
    for (const category of ['policy', 'legacy', 'factor_land', 'factor_finance'] as const)
      await createDemandRoute(s, t.admin, { orgId: w.a.dept.id, category, departmentId: dep.id });
    const depB = await createDepartment(s, t.admin, { name: '元宝区发改局', orgId: w.b.dept.id, memberIds: [] });
    await createDemandRoute(s, t.admin, { orgId: w.b.dept.id, category: 'legacy', departmentId: depB.id });
    handler = contextFor(await actorOf(s, w.users.handler.id));
    campaignId = (await createCampaign(s, t.admin, { orgId: w.city.id, codePrefix: 'ZX' })).id;
  });
  staff = await login(t.app, w.usernames.staff);
  secretary = await login(t.app, w.usernames.secretary);
});
afterAll(() => t.close());

describe(`indicators bound to service figures (${TEST_DB})`, () => {
  it('lists the registered figures for the declaration form', async () => {
    const { items } = await ok<{ items: FigureView[] }>(secretary, 'GET', '/api/indicator-figures');
    expect(items.map((f) => f.key)).toEqual(
      expect.arrayContaining([
        'visits.firms_visited',
        'demands.resolved',
        'demands.resolved.factor',
        'demands.resolved.legacy',
      ]),
    );
    expect(items.find((f) => f.key === 'demands.resolved.legacy')!.label['zh-CN']).toBe('历史遗留问题化解');
  });

  it('refuses a declaration bound to a figure nobody registered', async () => {
    const content = declarationInput(rng, {
      indicators: [
        {
          name: '走访企业',
          unit: '家',
          baseline: 0,
          target: 10,
          figure: 'visits.unknown',
          figureFrom: null,
          figureTo: null,
          figureOrgId: null,
        },
      ],
    });
    const res = await api(secretary, 'POST', '/api/projects', { campaignId, orgId: w.a.committee.id, content });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { indicators: expect.any(String) } });
  });

  it('approves a project whose indicators are bound: the binding reaches the indicator records', async () => {
    projectId = await at(async () => {
      const ctx = contextFor(await actorOf(t.services, w.users.secretary.id));
      const content = declarationInput(rng, {
        indicators: [
          ...BINDINGS.map((b) => ({
            ...b,
            baseline: 0,
            target: 10,
            figureFrom: null,
            figureTo: null,
            figureOrgId: null,
          })),
          {
            name: '新建党组织',
            unit: '个',
            baseline: 0,
            target: 5,
            figure: null,
            figureFrom: null,
            figureTo: null,
            figureOrgId: null,
          },
        ],
      });
      const p = await submitProject(t.services, ctx, { campaignId, orgId: w.a.committee.id, content });
      expect(p.content.indicators.map((i) => i.figure)).toEqual([...BINDINGS.map((b) => b.figure), null]);
      await t.services.store.tx(async (repos) => {
        const row = await t.services.projects.row(repos, t.admin, p.id);
        await t.services.projects.transition(repos, t.admin, row, 'schedule', ['staff']);
        await t.services.projectDecisions.apply(repos, t.admin, p.id, 'approve', null);
      });
      return p.id;
    });
    const items = await indicators();
    expect(items.map((i) => i.binding?.key ?? null)).toEqual([...BINDINGS.map((b) => b.figure), null]);
    expect(items[0]!.binding).toMatchObject({ from: '2025-01-01', to: '2025-12-31', label: { 'zh-CN': '走访企业数' } });
    expect(items.slice(0, 4).map((i) => i.actual)).toEqual([0, 0, 0, 0]);
  });

  it('counts the records of the project area and period, equal to the rows behind each link', async () => {
    // Visits: firm 0 twice (counted once), firm 1, the covered-only firm; one in 2024, one in county B.
    await visit(firms[0]!, '2025-03-05');
    await visit(firms[0]!, '2025-06-12');
    await visit(firms[1]!, '2025-04-20');
    await visit(coveredOnly, '2025-05-08');
    await visit(w.b.hostOrg.id, '2025-05-09');
    // Demands received in 2025: resolved policy, legacy ×2 (one open), factor ×2 (one open);
    // a resolved legacy demand of the covered-only firm and one of county B lie outside the area.
    await demand(firms[0]!, 'policy', '2025-05-12', true);
    await demand(firms[1]!, 'legacy', '2025-06-02', true);
    await demand(firms[2]!, 'legacy', '2025-06-03', false);
    await demand(firms[2]!, 'factor_land', '2025-07-01', true);
    await demand(firms[3]!, 'factor_finance', '2025-07-02', false);
    await demand(coveredOnly, 'legacy', '2025-07-03', true);
    await at(async () => {
      clock.set('2025-07-04T10:00:00+08:00');
      const ctxB = t.admin;
      const d = await createDemand(t.services, ctxB, {
        hostOrgId: w.b.hostOrg.id,
        category: 'legacy',
        source: 'staff',
      });
      expect(d.status).toBe('received');
    });
    clock.set('2025-09-10T10:00:00+08:00');
    const items = await indicators();
    expect(items.slice(0, 4).map((i) => i.actual)).toEqual([3, 3, 1, 1]);
    for (const i of items.slice(0, 4)) {
      expect(await rowsBehind(i.binding!.link), `${i.name}: ${i.binding!.link}`).toBe(i.actual);
      expect(i.history).toEqual([]);
    }
    expect(items[0]!.binding!.link).toContain('firstPerFirm=1');
    expect(items[2]!.binding!.link).toContain('categoryGroup=factor');
    // The declaring side reads the same figures.
    expect((await indicators(secretary)).map((i) => i.actual)).toEqual(items.map((i) => i.actual));
  });

  it('follows a new record at once: a visit to a new firm and a demand resolved', async () => {
    await visit(firms[3]!, '2025-09-12');
    const open = (
      await ok<{ items: DemandDetailView[] }>(staff, 'GET', `/api/demands?category=legacy&orgId=${w.a.committee.id}`)
    ).items.find((d) => d.status !== 'resolved' && d.status !== 'closed')!;
    await at(async () => {
      clock.set('2025-09-15T10:00:00+08:00');
      const d = await t.services.demands.get(handler, open.id);
      await advanceDemand(t.services, handler, d, 'resolved');
    });
    const items = await indicators();
    expect(items.slice(0, 4).map((i) => i.actual)).toEqual([4, 4, 1, 2]);
    for (const i of items.slice(0, 4)) expect(await rowsBehind(i.binding!.link)).toBe(i.actual);
  });

  it('refuses a manual value on a bound indicator, and keeps accepting one on a manual indicator', async () => {
    const items = await indicators();
    const bound = await api(secretary, 'POST', `/api/projects/${projectId}/indicators/${items[0]!.id}/actuals`, {
      value: 50,
      recordedOn: '2025-09-10',
    });
    expect(bound.statusCode).toBe(409);
    expect(bound.json()).toMatchObject({ code: 'INDICATOR_BOUND' });
    expect(bound.json().message).toContain('业务数据');
    const manual = await ok<IndicatorView>(
      secretary,
      'POST',
      `/api/projects/${projectId}/indicators/${items[4]!.id}/actuals`,
      { value: 2, recordedOn: '2025-09-10' },
    );
    expect(manual).toMatchObject({ actual: 2, binding: null });
  });

  it('files the quarterly report with the bound values as they stand, and keeps them afterwards', async () => {
    clock.set('2025-09-20T10:00:00+08:00');
    const items = await indicators();
    const body = {
      year: 2025,
      quarter: 3,
      progress: '走访企业、收集诉求，推动问题解决。',
      crux: '部分历史遗留问题涉及多个部门。',
      nextPlan: '继续走访未覆盖企业。',
    };
    const refused = await api(secretary, 'POST', `/api/projects/${projectId}/quarterly-reports`, {
      ...body,
      indicatorValues: [{ indicatorId: items[1]!.id, value: 99 }],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'INDICATOR_BOUND' });
    const report = await ok<QuarterlyReportView>(secretary, 'POST', `/api/projects/${projectId}/quarterly-reports`, {
      ...body,
      indicatorValues: [{ indicatorId: items[4]!.id, value: 3 }],
    });
    expect(report.indicatorValues.map((v) => [v.name, v.value])).toEqual([
      ['走访企业', 4],
      ['解决问题', 4],
      ['要素保障诉求办结', 1],
      ['历史遗留问题化解', 2],
      ['新建党组织', 3],
    ]);
    // A later record moves the indicator, not the filed report.
    await visit(firms[2]!, '2025-09-25');
    expect((await indicators())[0]!.actual).toBe(5);
    const [filed] = (
      await ok<{ items: QuarterlyReportView[] }>(staff, 'GET', `/api/projects/${projectId}/quarterly-reports`)
    ).items.filter((r) => r.quarter === 3);
    expect(filed!.indicatorValues[0]!.value).toBe(4);
  });

  it('counts only the project period: a visit of 2024 is not counted', async () => {
    await visit(firms[1]!, '2025-01-02');
    const before = (await indicators())[0]!.actual;
    clock.set('2024-12-20T10:00:00+08:00');
    // (a visit dated in 2024 is recorded under a 2024 clock)
    await visit(w.a.hostOrg.id, '2024-12-20');
    clock.set('2025-09-26T10:00:00+08:00');
    const after = await indicators();
    expect(after[0]!.actual).toBe(before);
    expect(await rowsBehind(after[0]!.binding!.link)).toBe(before);
  });

  it('counts over the area staff set (their own subtree only, versioned, audited); null goes back to the declaring one', async () => {
    clock.set('2025-09-27T10:00:00+08:00');
    const before = await indicators();
    const legacy = before[3]!;
    expect(legacy.binding).toMatchObject({ orgId: w.a.committee.id, areaSet: false });
    const url = `/api/projects/${projectId}/indicators/${legacy.id}/area`;
    // The secretary may not; staff may not reach a sibling county; a manual indicator has no area.
    expect((await api(secretary, 'PUT', url, { orgId: w.a.dept.id, version: legacy.version })).statusCode).toBe(403);
    const sibling = await api(staff, 'PUT', url, { orgId: w.b.dept.id, version: legacy.version });
    // (a reference out of the caller's reach is answered as not found, as every refId)
    expect(sibling.statusCode).toBe(404);
    const manual = await api(staff, 'PUT', `/api/projects/${projectId}/indicators/${before[4]!.id}/area`, {
      orgId: w.a.dept.id,
      version: before[4]!.version,
    });
    expect(manual.json()).toMatchObject({ code: 'INDICATOR_NOT_BOUND' });
    // The county's department: the covered-only firm's resolved legacy demand (managed by it) now counts.
    const set = await ok<IndicatorView>(staff, 'PUT', url, { orgId: w.a.dept.id, version: legacy.version });
    expect(set.binding).toMatchObject({ orgId: w.a.dept.id, orgName: w.a.dept.name, areaSet: true });
    expect(set.actual).toBe(legacy.actual + 1);
    expect(set.binding!.link).toContain(`orgId=${w.a.dept.id}`);
    expect(await rowsBehind(set.binding!.link)).toBe(set.actual);
    expect(set.version).toBe(legacy.version + 1);
    const stale = await api(staff, 'PUT', url, { orgId: null, version: legacy.version });
    expect(stale.statusCode).toBe(409);
    const audit = await ok<{ items: { entityId: string; changes: { field: string; after: unknown }[] }[] }>(
      staff,
      'GET',
      `/api/audit-logs?entityId=${projectId}&limit=20`,
    );
    expect(audit.items.some((e) => e.changes.some((c) => c.field === 'figureOrgId' && c.after === w.a.dept.name))).toBe(
      true,
    );
    const back = await ok<IndicatorView>(staff, 'PUT', url, { orgId: null, version: set.version });
    expect(back).toMatchObject({ actual: legacy.actual, binding: { orgId: w.a.committee.id, areaSet: false } });
  });

  it('lets the declaring secretary name an area only inside the declaring subtree', async () => {
    const declare = (figureOrgId: string) =>
      api(secretary, 'POST', '/api/projects', {
        campaignId,
        orgId: w.a.committee.id,
        content: declarationInput(rng, {
          indicators: [
            {
              name: '走访企业',
              unit: '家',
              baseline: 0,
              target: 10,
              figure: 'visits.firms_visited',
              figureFrom: '2025-03-01',
              figureTo: '2025-12-31',
              figureOrgId,
            },
          ],
        }),
      });
    const above = await declare(w.a.dept.id);
    expect([400, 404]).toContain(above.statusCode);
    const below = await declare(w.a.branch.id);
    expect(below.statusCode, below.body).toBe(200);
    expect(below.json().content.indicators[0]).toMatchObject({ figureOrgId: w.a.branch.id, figureFrom: '2025-03-01' });
  });
});
