import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COVERAGE_FIGURES,
  COVERAGE_GROUP_BYS,
  coverageListQuery,
  type AssignmentView,
  type CoverageReport,
  type HostOrgView,
} from '@touyan/schemas';
import { createHostOrg, createPartyOrg, hostOrgInput } from '../src/seed/factories';
import { HostOrgsRepository } from '../src/modules/host-orgs/host-orgs.repository';
import type { HostOrgScope } from '../src/modules/host-orgs/host-orgs.policy';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let staff: Session;
let secretary: Session;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  staff = await login(t.app, w.usernames.staff);
  secretary = await login(t.app, w.usernames.secretary);
});
afterAll(() => t.close());

const body = (seed: number, overrides: Record<string, unknown> = {}) => ({
  ...hostOrgInput(new Rng(seed), { regionCode: '210603', managingOrgId: w.a.committee.id }, '丹东'),
  ...overrides,
});

async function create(seed: number, overrides: Record<string, unknown> = {}): Promise<HostOrgView> {
  const res = await call(t.app, staff, 'POST', '/api/host-orgs', body(seed, overrides));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as HostOrgView;
}
const history = async (id: string) =>
  (await call(t.app, staff, 'GET', `/api/host-orgs/${id}/assignments`)).json().items as AssignmentView[];

describe(`the ledger's rules (${TEST_DB})`, () => {
  it('defaults the new fields for an older client and derives "三有" and 应建未建', async () => {
    const old = await create(101, { staffCount: 30 });
    expect(old).toMatchObject({
      orgCoverageKind: 'none',
      hasFixedPremises: false,
      operatingNormally: true,
      threeHas: false,
      coverageStatus: 'uncovered',
    });
    const three = await create(102, { staffCount: 30, hasFixedPremises: true, notFormedReason: 'forming' });
    expect(three).toMatchObject({ threeHas: true, notFormedReason: 'forming', orgCoverageKind: 'none' });
    const small = await create(103, { staffCount: 9, hasFixedPremises: true });
    expect(small.threeHas).toBe(false);
    const res = await call(t.app, staff, 'GET', '/api/host-orgs?threeHas=1&orgCoverageKind=none&limit=200');
    const ids = (res.json().items as HostOrgView[]).map((h) => h.id);
    expect(ids).toContain(three.id);
    expect(ids).not.toContain(old.id);
    expect(ids).not.toContain(small.id);
  });

  it('requires a Party organisation for own/joint coverage and refuses one for none', async () => {
    const noOrg = await call(t.app, staff, 'POST', '/api/host-orgs', body(110, { orgCoverageKind: 'joint' }));
    expect(noOrg.statusCode).toBe(400);
    expect(Object.keys(noOrg.json().fields)).toEqual(['partyOrgId']);
    const none = await call(
      t.app,
      staff,
      'POST',
      '/api/host-orgs',
      body(111, { orgCoverageKind: 'none', partyOrgId: w.a.branch.id }),
    );
    expect(none.statusCode).toBe(400);
    expect(Object.keys(none.json().fields)).toEqual(['orgCoverageKind']);
    const joint = await create(112, {
      orgCoverageKind: 'joint',
      partyOrgId: w.a.branch.id,
      orgFormedOn: '2023-05-04',
      notFormedReason: 'few_members',
    });
    expect(joint).toMatchObject({ orgCoverageKind: 'joint', coverageStatus: 'org_covered', notFormedReason: null });
    expect(joint.orgFormedOn).toBe('2023-05-04');
  });

  it('follows the Party organisation link when an older client sends the record back', async () => {
    const org = await create(125);
    const linked = await call(t.app, staff, 'PATCH', `/api/host-orgs/${org.id}`, { ...org, partyOrgId: w.a.branch.id });
    expect(linked.json()).toMatchObject({ orgCoverageKind: 'own', coverageStatus: 'org_covered' });
    const joint = await call(t.app, staff, 'PATCH', `/api/host-orgs/${org.id}`, {
      ...(linked.json() as HostOrgView),
      orgCoverageKind: 'joint',
    });
    expect(joint.json()).toMatchObject({ orgCoverageKind: 'joint' });
    const unlinked = await call(t.app, staff, 'PATCH', `/api/host-orgs/${org.id}`, {
      ...(joint.json() as HostOrgView),
      partyOrgId: null,
    });
    expect(unlinked.json()).toMatchObject({ orgCoverageKind: 'none', coverageStatus: 'uncovered' });
  });

  it('keeps the ledger fields when an older client updates without them', async () => {
    const org = await create(120, {
      staffCount: 40,
      hasFixedPremises: true,
      liaisonName: '王联络',
      workCoveredSince: '2024-01-02',
    });
    expect(org).toMatchObject({ coverageStatus: 'work_covered', threeHas: true, liaisonName: '王联络' });
    const legacy = body(120, { name: `${org.name}（更名）`, version: org.version });
    const res = await call(t.app, staff, 'PATCH', `/api/host-orgs/${org.id}`, legacy);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      liaisonName: '王联络',
      workCoveredSince: '2024-01-02',
      hasFixedPremises: true,
      threeHas: true,
      coverageStatus: 'work_covered',
    });
  });

  it('closes and opens assignment history rows with each change, audited', async () => {
    const org = await create(130, { instructorId: w.a.instructorId });
    let rows = await history(org.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'instructor', personId: w.a.instructorId, endedOn: null });
    const res = await call(t.app, staff, 'PATCH', `/api/host-orgs/${org.id}`, {
      ...body(130),
      instructorId: null,
      liaisonName: '李联络',
      leaderContactUserId: w.users.staff.id,
      specialistUserId: w.users.specialist.id,
      assignmentReason: '工作调整',
      version: org.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ coverageStatus: 'work_covered', leaderContactName: w.users.staff.displayName });
    rows = await history(org.id);
    const open = rows.filter((r) => r.endedOn === null).map((r) => r.kind);
    expect(open.sort()).toEqual(['leader_contact', 'liaison', 'specialist']);
    const closed = rows.filter((r) => r.endedOn !== null);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ kind: 'instructor' });
    expect(rows.find((r) => r.kind === 'liaison')).toMatchObject({ personName: '李联络', reason: '工作调整' });
    // An update that changes nobody adds no history.
    const saved = res.json() as HostOrgView;
    const again = await call(t.app, staff, 'PATCH', `/api/host-orgs/${org.id}`, saved);
    expect(again.statusCode, again.body).toBe(200);
    expect(await history(org.id)).toHaveLength(rows.length);
    const audit = await call(t.app, staff, 'GET', `/api/audit-logs?entityType=host_org&limit=200`);
    const entries = (audit.json().items as { entityId: string; changes: { field: string }[] }[]).filter(
      (e) => e.entityId === org.id,
    );
    expect(entries.some((e) => e.changes.some((c) => c.field === 'leaderContactName'))).toBe(true);
  });
});

describe(`交叉任职 and 亮身份党员 (${TEST_DB})`, () => {
  it('creates, updates with the version, deletes, and audits', async () => {
    const id = w.a.hostOrg.id;
    const created = await call(t.app, staff, 'POST', `/api/host-orgs/${id}/cross-posts`, {
      personName: '张书记',
      partyPost: '党支部书记',
      managementPost: '副总经理',
      since: '2024-03-01',
    });
    expect(created.statusCode, created.body).toBe(200);
    const cp = created.json();
    expect(cp).toMatchObject({ personName: '张书记', until: null, version: 1 });
    const bad = await call(t.app, staff, 'PATCH', `/api/host-orgs/${id}/cross-posts/${cp.id}`, {
      ...cp,
      until: '2024-01-01',
    });
    expect(bad.statusCode).toBe(400);
    const upd = await call(t.app, staff, 'PATCH', `/api/host-orgs/${id}/cross-posts/${cp.id}`, {
      ...cp,
      managementPost: '总经理',
    });
    expect(upd.json()).toMatchObject({ managementPost: '总经理', version: 2 });
    const stale = await call(t.app, staff, 'PATCH', `/api/host-orgs/${id}/cross-posts/${cp.id}`, cp);
    expect(stale.statusCode).toBe(409);
    const list = await call(t.app, secretary, 'GET', `/api/host-orgs/${id}/cross-posts`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(cp.id);
    expect((await call(t.app, staff, 'DELETE', `/api/host-orgs/${id}/cross-posts/${cp.id}`)).statusCode).toBe(200);
    expect((await call(t.app, staff, 'DELETE', `/api/host-orgs/${id}/cross-posts/${cp.id}`)).statusCode).toBe(404);

    const pm = await call(t.app, staff, 'POST', `/api/host-orgs/${id}/party-members`, {
      name: '刘党员',
      position: '车间主任',
      shownSince: '2024-07-01',
    });
    expect(pm.statusCode, pm.body).toBe(200);
    expect(pm.json()).toMatchObject({ name: '刘党员', partyPost: null, note: null });
    const audit = await call(t.app, staff, 'GET', '/api/audit-logs?entityType=host_org_cross_post&limit=50');
    const actions = (audit.json().items as { entityId: string; action: string }[])
      .filter((e) => e.entityId === cp.id)
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(['create', 'delete', 'update']);
  });

  it('answers 404 for the sibling county and 403 to a reader who may not write', async () => {
    const b = w.b.hostOrg.id;
    expect((await call(t.app, staff, 'GET', `/api/host-orgs/${b}/cross-posts`)).statusCode).toBe(404);
    expect((await call(t.app, staff, 'GET', `/api/host-orgs/${b}/assignments`)).statusCode).toBe(404);
    const post = { name: '某党员', shownSince: '2024-01-01' };
    expect((await call(t.app, staff, 'POST', `/api/host-orgs/${b}/party-members`, post)).statusCode).toBe(404);
    const a = w.a.hostOrg.id;
    expect((await call(t.app, secretary, 'POST', `/api/host-orgs/${a}/party-members`, post)).statusCode).toBe(403);
    const contact = await login(t.app, w.usernames.contact);
    expect((await call(t.app, contact, 'GET', `/api/host-orgs/${a}/party-members`)).statusCode).toBe(200);
    expect((await call(t.app, contact, 'POST', `/api/host-orgs/${a}/party-members`, post)).statusCode).toBe(403);
  });
});

describe(`coverage rates (${TEST_DB})`, () => {
  beforeAll(async () => {
    const rng = new Rng(7);
    const mix = [
      { orgCoverageKind: 'own', partyOrgId: w.a.branch.id, park: '振兴工业园' },
      { orgCoverageKind: 'joint', partyOrgId: w.a.branch.id, park: '振兴工业园', hasFixedPremises: true },
      { instructorId: w.a.instructorId, hasFixedPremises: true, staffCount: 50 },
      { liaisonName: '赵联络', park: '边境合作区' },
      { hasFixedPremises: true, staffCount: 12 },
      { hasFixedPremises: true, staffCount: 25, operatingNormally: false },
    ];
    for (const m of mix) {
      await createHostOrg(t.services, t.admin, rng, {
        regionCode: '210603',
        managingOrgId: w.a.committee.id,
        ...(m as object),
      });
    }
    await createHostOrg(t.services, t.admin, rng, { regionCode: '210600', managingOrgId: w.a.committee.id });
  });

  it('matches the host-organisation list for every row and every number, by region, park and industry', async () => {
    for (const role of ['staff', 'admin', 'specialist'] as const) {
      const who = role === 'staff' ? staff : await login(t.app, w.usernames[role]);
      for (const groupBy of COVERAGE_GROUP_BYS) {
        for (const region of groupBy === 'region' ? ['', '210600', '210603'] : ['', '210603']) {
          const url = `/api/host-orgs/coverage?groupBy=${groupBy}${region ? `&regionCode=${region}` : ''}`;
          const res = await call(t.app, who, 'GET', url);
          expect(res.statusCode, res.body).toBe(200);
          const report = res.json() as CoverageReport;
          if (role === 'staff' && groupBy === 'region' && region === '210600') {
            expect(report.rows.map((r) => r.key)).toEqual(expect.arrayContaining(['210600!', '210603']));
          }
          for (const row of [...report.rows, report.total]) {
            for (const figure of COVERAGE_FIGURES) {
              const q = new URLSearchParams({ ...coverageListQuery(row.filter, figure), withTotal: '1', limit: '1' });
              const list = await call(t.app, who, 'GET', `/api/host-orgs?${q}`);
              expect(list.statusCode, list.body).toBe(200);
              expect(list.json().total, `${role} ${url} ${row.key} ${figure}`).toBe(row[figure]);
            }
            const org = row.orgCoveredOwn + row.orgCoveredJoint;
            expect(row.total).toBe(org + row.workCoveredOnly + row.uncovered);
            if (row.total) expect(row.coverageRate).toBeCloseTo((org + row.workCoveredOnly) / row.total, 3);
          }
          const sum = report.rows.reduce((n, r) => n + r.total, 0);
          expect(sum).toBe(report.total.total);
        }
      }
    }
  });

  it('counts only what the caller reaches', async () => {
    const admin = await login(t.app, 'admin');
    const all = (await call(t.app, admin, 'GET', '/api/host-orgs/coverage?groupBy=industry')).json() as CoverageReport;
    const mine = (await call(t.app, staff, 'GET', '/api/host-orgs/coverage?groupBy=industry')).json() as CoverageReport;
    expect(all.total.total).toBeGreaterThan(mine.total.total);
    const bad = await call(t.app, staff, 'GET', '/api/host-orgs/coverage?groupBy=region&regionCode=999999');
    expect(bad.statusCode).toBe(400);
  });
});

describe(`the coverage summary behind the report by region (issue 15, ${TEST_DB})`, () => {
  const scopeOf = (...orgIds: string[]): HostOrgScope => ({
    all: false,
    subtree: { all: false, orgIds },
    specialistUserId: null,
    ownHostOrgIds: [],
  });
  /**
   * For every scope (everything, the city, a county, a committee, a firm's own branch — a root reached
   * by neither key column — another county, two roots at once) and region bound, the report from the
   * summary equals the report counted from the firms; the summary equals a recomputation.
   */
  const expectSummaryTrue = async (extra: string[][] = []) => {
    const repo = new HostOrgsRepository(t.services.db);
    const scopes: HostOrgScope[] = [
      { ...scopeOf(), all: true, subtree: { all: true } },
      scopeOf(w.city.id),
      scopeOf(w.a.dept.id),
      scopeOf(w.a.committee.id),
      scopeOf(w.a.branch.id),
      scopeOf(w.b.dept.id),
      scopeOf(w.a.branch.id, w.b.dept.id),
      ...extra.map((ids) => scopeOf(...ids)),
    ];
    for (const scope of scopes)
      for (const [regionCode, level] of [
        [null, 3],
        ['210600', 3],
        ['210603', 4],
      ] as const) {
        const g = { by: 'region' as const, level, regionCode };
        expect(await repo.coverage(scope, g), `${JSON.stringify(scope.subtree)} ${regionCode}`).toEqual(
          await repo.coverage(scope, g, { fromRows: true }),
        );
      }
    expect(await repo.coverageSummaryRows()).toEqual(await repo.recomputedCoverageSummary());
  };

  it('follows a firm’s creation, its new managing organisation and coverage, and its branch moving in the tree', async () => {
    await expectSummaryTrue();
    const general = await createPartyOrg(t.services, t.admin, {
      name: '振兴区某总支',
      type: 'general_branch',
      regionCode: '210603',
      parentId: w.a.committee.id,
    });
    const own = await createPartyOrg(t.services, t.admin, {
      name: '乙公司党支部',
      type: 'branch',
      regionCode: '210603',
      parentId: w.a.committee.id,
    });
    const firm = await createHostOrg(t.services, t.admin, new Rng(71), {
      regionCode: '210603',
      managingOrgId: w.a.committee.id,
      orgCoverageKind: 'own',
      partyOrgId: own.id,
    });
    await expectSummaryTrue([[general.id], [own.id]]);
    // Managed by county B's committee now: county A still reaches it through its own branch.
    const cur = await t.services.hostOrgs.get(t.admin, firm.id);
    await t.services.hostOrgs.update(t.admin, firm.id, { ...cur, managingOrgId: w.b.committee.id });
    await expectSummaryTrue([[general.id], [own.id]]);
    // The branch moves under the general branch: a scope on the general branch reaches the firm now.
    const repo = new HostOrgsRepository(t.services.db);
    const g = { by: 'region' as const, level: 3, regionCode: null };
    const before = (await repo.coverage(scopeOf(general.id), g)).reduce((n, r) => n + r.total, 0);
    const ownNow = (await t.services.partyOrgs.get(t.admin, own.id)) as { version: number };
    await t.services.partyOrgs.move(t.admin, own.id, general.id, ownNow.version);
    await expectSummaryTrue([[general.id], [own.id]]);
    expect((await repo.coverage(scopeOf(general.id), g)).reduce((n, r) => n + r.total, 0)).toBe(before + 1);
    // Uncovered again: the counters move within the key.
    const again = await t.services.hostOrgs.get(t.admin, firm.id);
    await t.services.hostOrgs.update(t.admin, firm.id, { ...again, orgCoverageKind: 'none', partyOrgId: null });
    await expectSummaryTrue([[general.id], [own.id]]);
    const kept = await repo.coverageSummaryRows();
    await repo.rebuildCoverageSummary();
    expect(await repo.coverageSummaryRows()).toEqual(kept);
  });
});
