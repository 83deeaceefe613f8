import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type ChallengePage, type ChallengeView, type ProjectView } from '@touyan/schemas';
import { runWithClock, SimulatedClock } from '../src/core/clock';
import { shanghaiDate } from '../src/core/time';
import { challengeInput, createChallenge } from '../src/seed/challenge-factories';
import { createCampaign, createUser } from '../src/seed/factories';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

/**
 * The challenge board on the two-county world: a city campaign (its board is seen by both
 * counties) and a county-A campaign (seen by county A and the city only).
 */
let t: TestApp;
let w: World;
let cityCampaign: string;
let countyCampaign: string;
let staff: Session;
let secretary: Session;
let member: Session;
let secretaryB: Session;
let staffB: Session;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  cityCampaign = (await createCampaign(t.services, t.admin, { orgId: w.city.id, name: '2025年度新兴领域书记项目' })).id;
  countyCampaign = (await createCampaign(t.services, t.admin, { orgId: w.a.dept.id, name: '振兴区书记项目' })).id;
  await createUser(t.services, t.admin, {
    username: 'ch_b_sec',
    roles: [{ role: 'secretary', orgId: w.b.committee.id }],
  });
  await createUser(t.services, t.admin, { username: 'ch_b_staff', roles: [{ role: 'staff', orgId: w.b.dept.id }] });
  staff = await login(t.app, w.usernames.staff);
  secretary = await login(t.app, w.usernames.secretary);
  member = await login(t.app, w.usernames.member);
  secretaryB = await login(t.app, 'ch_b_sec');
  staffB = await login(t.app, 'ch_b_staff');
});
afterAll(() => t.close());

/** A challenge on the city campaign, posted by the administrator (city level). */
const cityChallenge = (overrides: Partial<Parameters<typeof challengeInput>[0]> = {}) =>
  createChallenge(t.services, t.admin, { campaignId: cityCampaign, ...overrides });

const board = async (s: Session, query: string): Promise<ChallengePage> => {
  const res = await call(t.app, s, 'GET', `/api/challenges?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const boardIds = async (s: Session, query: string) => (await board(s, query)).items.map((i) => i.id);

const claim = (s: Session, c: ChallengeView, orgId = w.a.committee.id, version = c.version) =>
  call(t.app, s, 'POST', `/api/challenges/${c.id}/claim`, { orgId, version });

describe(`posting and editing challenges (${TEST_DB})`, () => {
  it('lets county staff post on their county campaign, with an audit entry', async () => {
    const res = await call(t.app, staff, 'POST', '/api/challenges', challengeInput({ campaignId: countyCampaign }));
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as ChallengeView;
    expect(c).toMatchObject({
      campaignId: countyCampaign,
      campaignName: '振兴区书记项目',
      status: 'open',
      theme: 'serve_workers',
      themeName: '凝聚服务新就业群体',
      targetGroup: 'new_workers',
      regionName: '振兴区',
      evidenceCount: 43,
      version: 1,
      abilities: ['update'],
      claimOrgs: [],
      deadlinePassed: false,
    });
    const audit = (await call(t.app, staff, 'GET', `/api/audit-logs?entityType=challenge&entityId=${c.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'create', entityLabel: c.title });
    expect(audit.items[0].changes).toContainEqual({ field: 'evidenceCount', before: null, after: 43 });
    const campaign = (await call(t.app, staff, 'GET', `/api/campaigns/${countyCampaign}`)).json();
    expect(campaign.counts.challenges).toBeGreaterThanOrEqual(1);
  });

  it('refuses a theme outside the campaign, an unknown region and a deadline already past', async () => {
    const res = await call(
      t.app,
      staff,
      'POST',
      '/api/challenges',
      challengeInput({
        campaignId: countyCampaign,
        theme: 'not_a_theme',
        regionCode: '999999',
        claimDeadline: addDays(shanghaiDate(), -1),
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.json().fields).sort()).toEqual(['claimDeadline', 'regionCode', 'theme']);
  });

  it('lets county staff read but not post on the city campaign (403), and hides another county’s campaign (404)', async () => {
    // The city's campaign is read by county staff: posting on it is refused (403), not hidden (404).
    const onCity = await call(t.app, staff, 'POST', '/api/challenges', challengeInput({ campaignId: cityCampaign }));
    expect(onCity.statusCode, onCity.body).toBe(403);
    expect(onCity.json().code).toBe('FORBIDDEN');
    const onA = await call(t.app, staffB, 'POST', '/api/challenges', challengeInput({ campaignId: countyCampaign }));
    expect(onA.statusCode).toBe(404);
    const c = await cityChallenge();
    const seen = (await call(t.app, staff, 'GET', `/api/challenges/${c.id}`)).json() as ChallengeView;
    expect(seen.abilities).toEqual([]);
    const patch = await call(t.app, staff, 'PATCH', `/api/challenges/${c.id}`, {
      ...challengeInput({ campaignId: cityCampaign }),
      title: '改不了',
      version: c.version,
    });
    expect(patch.statusCode, patch.body).toBe(403);
    expect(patch.json().code).toBe('FORBIDDEN');
  });

  it('edits an open challenge with its version and refuses a stale copy', async () => {
    const c = (
      await call(t.app, staff, 'POST', '/api/challenges', challengeInput({ campaignId: countyCampaign }))
    ).json() as ChallengeView;
    const body = { ...challengeInput({ campaignId: countyCampaign }), evidenceCount: 57, version: c.version };
    const first = await call(t.app, staff, 'PATCH', `/api/challenges/${c.id}`, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ evidenceCount: 57, version: 2 });
    const stale = await call(t.app, staff, 'PATCH', `/api/challenges/${c.id}`, { ...body, evidenceCount: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const audit = (await call(t.app, staff, 'GET', `/api/audit-logs?entityId=${c.id}&action=update`)).json();
    expect(audit.items[0].changes).toEqual([{ field: 'evidenceCount', before: 43, after: 57 }]);
  });

  it('takes no new challenges on a closed campaign', async () => {
    const closed = await createCampaign(t.services, t.admin, { orgId: w.a.dept.id, name: '已结束活动' });
    await t.services.campaigns.setStatus(t.admin, closed.id, 'close', closed.version);
    const res = await call(t.app, staff, 'POST', '/api/challenges', challengeInput({ campaignId: closed.id }));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CAMPAIGN_NOT_OPEN');
  });
});

describe(`claiming a challenge (揭榜) (${TEST_DB})`, () => {
  it('offers the claim to an eligible secretary and opens a linked draft declaration', async () => {
    const c = await cityChallenge({ title: '快递员子女暑期托管难', targetGroup: 'new_workers' });
    const seen = (await call(t.app, secretary, 'GET', `/api/challenges/${c.id}`)).json() as ChallengeView;
    expect(seen.abilities).toEqual(['claim']);
    expect(seen.claimOrgs).toEqual([{ id: w.a.committee.id, name: w.a.committee.name }]);
    const asMember = (await call(t.app, member, 'GET', `/api/challenges/${c.id}`)).json() as ChallengeView;
    expect(asMember.abilities).toEqual([]);

    const res = await claim(secretary, seen);
    expect(res.statusCode, res.body).toBe(200);
    const claimed = res.json() as ChallengeView;
    expect(claimed).toMatchObject({
      status: 'claimed',
      claimedByOrgId: w.a.committee.id,
      claimedByOrgName: w.a.committee.name,
      version: 2,
      abilities: [],
    });
    expect(claimed.projectId).toBeTruthy();
    expect(claimed.claimedAt).toBeTruthy();

    const project = (await call(t.app, secretary, 'GET', `/api/projects/${claimed.projectId}`)).json() as ProjectView;
    expect(project).toMatchObject({
      status: 'draft',
      campaignId: cityCampaign,
      orgId: w.a.committee.id,
      title: '快递员子女暑期托管难',
      theme: 'serve_workers',
      targetGroup: 'new_workers',
      challengeTitle: '快递员子女暑期托管难',
    });
    expect(project.content).toMatchObject({ challengeId: c.id, problem: c.description });
    expect(project.abilities).toContain('update');

    const admin = await login(t.app, 'admin');
    const audit = (await call(t.app, admin, 'GET', `/api/audit-logs?entityType=challenge&entityId=${c.id}`)).json();
    expect(audit.items[0].changes).toContainEqual({ field: 'status', before: 'open', after: 'claimed' });

    const again = await claim(secretaryB, claimed, w.b.committee.id);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CHALLENGE_NOT_OPEN', message: '该难题已被揭榜或已截止' });
    const edit = await call(t.app, admin, 'PATCH', `/api/challenges/${c.id}`, {
      ...challengeInput({ campaignId: cityCampaign }),
      version: claimed.version,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('CHALLENGE_NOT_OPEN');
  });

  it('lets exactly one of two racing secretaries win, keeping no draft for the loser', async () => {
    const c = await cityChallenge({ title: '网约车司机就餐难' });
    const [r1, r2] = await Promise.all([claim(secretary, c), claim(secretaryB, c, w.b.committee.id)]);
    const codes = [r1.statusCode, r2.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = r1.statusCode === 409 ? r1 : r2;
    expect(['CHALLENGE_NOT_OPEN', 'VERSION_CONFLICT']).toContain(loser.json().code);
    const linked = await t.services.db.selectFrom('projects').select('id').where('challengeId', '=', c.id).execute();
    expect(linked).toHaveLength(1);
    const winner = (r1.statusCode === 200 ? r1 : r2).json() as ChallengeView;
    expect(linked[0]!.id).toBe(winner.projectId);
  });

  it('refuses a claim after the deadline', async () => {
    const today = shanghaiDate();
    const clock = new SimulatedClock(`${addDays(today, -20)}T02:00:00Z`);
    const c = await runWithClock(clock.now, () => cityChallenge({ claimDeadline: addDays(today, -1) }));
    const seen = (await call(t.app, secretary, 'GET', `/api/challenges/${c.id}`)).json() as ChallengeView;
    expect(seen).toMatchObject({ status: 'open', deadlinePassed: true, abilities: [] });
    const res = await claim(secretary, seen);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CHALLENGE_NOT_OPEN');
    expect(
      await t.services.db.selectFrom('projects').select('id').where('challengeId', '=', c.id).execute(),
    ).toHaveLength(0);
  });

  it('refuses a stale copy, an ineligible organisation, another county’s organisation and non-secretaries', async () => {
    const c = await cityChallenge({ title: '园区企业党员流动管理难' });
    const edited = await t.services.challenges.update(t.admin, c.id, {
      ...challengeInput({ campaignId: cityCampaign }),
      title: '园区企业流动党员管理难',
      version: c.version,
    });
    const stale = await claim(secretary, c);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const branch = await claim(secretary, edited, w.a.branch.id);
    expect(branch.statusCode).toBe(400);
    expect(branch.json().code).toBe('ORG_NOT_ELIGIBLE');
    const otherCounty = await claim(secretary, edited, w.b.committee.id);
    expect(otherCounty.statusCode).toBe(404);
    expect((await claim(member, edited)).statusCode).toBe(403);
    expect((await claim(staff, edited)).statusCode).toBe(403);
    const admin = await login(t.app, 'admin');
    expect((await claim(admin, edited)).statusCode).toBe(403);
    const still = (await call(t.app, secretary, 'GET', `/api/challenges/${c.id}`)).json() as ChallengeView;
    expect(still).toMatchObject({ status: 'open', version: 2, projectId: null });
  });

  it('refuses a claim while the campaign is not published', async () => {
    const draft = await createCampaign(t.services, t.admin, { orgId: w.city.id, name: '筹备中活动' }, false);
    const c = await createChallenge(t.services, t.admin, { campaignId: draft.id });
    const seen = (await call(t.app, secretary, 'GET', `/api/challenges/${c.id}`)).json() as ChallengeView;
    expect(seen.abilities).toEqual([]);
    const res = await claim(secretary, seen);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CAMPAIGN_NOT_OPEN');
  });
});

describe(`board visibility and filters (${TEST_DB})`, () => {
  let open: ChallengeView;
  let claimed: ChallengeView;
  let solved: ChallengeView;
  let countyOnly: ChallengeView;
  let cityCampaignForFilters: string;

  beforeAll(async () => {
    const f = await createCampaign(t.services, t.admin, { orgId: w.city.id, name: '筛选用活动' });
    open = await createChallenge(t.services, t.admin, {
      campaignId: f.id,
      title: '园区企业党组织覆盖不足',
      theme: 'park_quality',
      targetGroup: 'new_economic',
      regionCode: '210602',
    });
    const toClaim = await createChallenge(t.services, t.admin, {
      campaignId: f.id,
      title: '社会组织党建工作薄弱',
      theme: 'two_coverages',
      targetGroup: 'new_social',
    });
    const toSolve = await createChallenge(t.services, t.admin, { campaignId: f.id, title: '骑手权益保障难' });
    claimed = (await claim(secretary, toClaim)).json();
    const s = (await claim(secretary, toSolve)).json() as ChallengeView;
    await t.services.store.repos.challenges.markSolved(s.id);
    solved = (await call(t.app, secretary, 'GET', `/api/challenges/${s.id}`)).json();
    countyOnly = await createChallenge(t.services, t.admin, { campaignId: countyCampaign, title: '县级难题' });
    cityCampaignForFilters = f.id;
  });

  it('lists open / claimed / solved with counts per status', async () => {
    const q = `campaignId=${cityCampaignForFilters}`;
    const all = await board(secretary, q);
    expect(all.counts).toEqual({ open: 1, claimed: 1, solved: 1 });
    expect(solved.status).toBe('solved');
    expect(await boardIds(secretary, `${q}&status=open`)).toEqual([open.id]);
    expect(await boardIds(secretary, `${q}&status=claimed`)).toEqual([claimed.id]);
    expect(await boardIds(secretary, `${q}&status=solved`)).toEqual([solved.id]);
    const onlyOpen = await board(secretary, `${q}&status=open`);
    expect(onlyOpen.counts).toEqual({ open: 1, claimed: 1, solved: 1 });
  });

  it('filters by theme, target group, region and text, and pages by keyset', async () => {
    const q = `campaignId=${cityCampaignForFilters}`;
    expect(await boardIds(staff, `${q}&theme=park_quality`)).toEqual([open.id]);
    expect(await boardIds(staff, `${q}&targetGroup=new_social`)).toEqual([claimed.id]);
    expect(await boardIds(staff, `${q}&regionCode=210602`)).toEqual([open.id]);
    expect(await boardIds(staff, `${q}&q=${encodeURIComponent('权益')}`)).toEqual([solved.id]);
    const first = await board(staff, `${q}&limit=2`);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = await board(staff, `${q}&limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((i) => i.id).sort()).toEqual([open.id, claimed.id, solved.id].sort());
    const bad = await call(t.app, staff, 'GET', '/api/challenges?targetGroup=nobody');
    expect(bad.statusCode).toBe(400);
  });

  it('shows a city campaign’s board to both counties but a county campaign’s board to that county only', async () => {
    const fromB = await boardIds(secretaryB, 'limit=200');
    expect(fromB).toContain(open.id);
    expect(fromB).not.toContain(countyOnly.id);
    expect((await call(t.app, secretaryB, 'GET', `/api/challenges/${countyOnly.id}`)).statusCode).toBe(404);
    expect((await claim(secretaryB, countyOnly, w.b.committee.id)).statusCode).toBe(404);
    expect((await call(t.app, staffB, 'GET', `/api/challenges/${countyOnly.id}`)).statusCode).toBe(404);
    const fromA = await boardIds(secretary, 'limit=200');
    expect(fromA).toEqual(expect.arrayContaining([open.id, countyOnly.id]));
    const countyOnlySeen = (await call(t.app, secretary, 'GET', `/api/challenges/${countyOnly.id}`)).json();
    expect(countyOnlySeen.abilities).toEqual(['claim']);
  });
});
