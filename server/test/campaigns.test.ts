import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, DEFAULT_THEMES, type CampaignView, type Page } from '@touyan/schemas';
import { shanghaiDate } from '../src/core/time';
import {
  actorOf,
  campaignInput,
  contextFor,
  createCampaign,
  createProject,
  createUser,
  declarationInput,
} from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let admin: Session;
let staff: Session;
let staffB: Session;
let secretary: Session;
const rng = new Rng(17);
const today = shanghaiDate();

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  await createUser(t.services, t.admin, { username: 'cp_b_staff', roles: [{ role: 'staff', orgId: w.b.dept.id }] });
  admin = await login(t.app, 'admin');
  staff = await login(t.app, w.usernames.staff);
  staffB = await login(t.app, 'cp_b_staff');
  secretary = await login(t.app, w.usernames.secretary);
});
afterAll(() => t.close());

const post = (s: Session, body: unknown) => call(t.app, s, 'POST', '/api/campaigns', body);

describe(`campaigns: lifecycle and validation (${TEST_DB})`, () => {
  it('creates a draft with the article’s defaults, computes the quarterly due dates and audits it', async () => {
    const res = await post(staff, campaignInput({ orgId: w.a.dept.id, year: 2025, name: '2025年度新兴领域书记项目' }));
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as CampaignView;
    expect(c).toMatchObject({
      status: 'draft',
      year: 2025,
      orgId: w.a.dept.id,
      orgName: w.a.dept.name,
      codePrefix: 'DD',
      reportDueDays: 10,
      reportDueDates: ['2025-04-10', '2025-07-10', '2025-10-10', '2026-01-10'],
      windowOpen: false,
      counts: { declared: 0, approved: 0, challenges: 0 },
      version: 1,
    });
    expect(c.themes.map((x) => x.name)).toEqual(DEFAULT_THEMES.map((x) => x.name));
    expect(c.abilities).toEqual(expect.arrayContaining(['update', 'publish', 'postChallenge']));
    expect(c.abilities).not.toContain('close');
    const audit = (await call(t.app, staff, 'GET', `/api/audit-logs?entityType=campaign&entityId=${c.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'create', entityLabel: '2025年度新兴领域书记项目' });
  });

  it('publishes, then closes, and refuses steps out of order, stale copies and edits once closed', async () => {
    const c = (await post(staff, campaignInput({ orgId: w.a.dept.id }))).json() as CampaignView;
    const closeEarly = await call(t.app, staff, 'POST', `/api/campaigns/${c.id}/close`, { version: c.version });
    expect(closeEarly.statusCode).toBe(409);
    expect(closeEarly.json().code).toBe('INVALID_TRANSITION');
    const published = await call(t.app, staff, 'POST', `/api/campaigns/${c.id}/publish`, { version: c.version });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', windowOpen: true, version: 2 });
    expect(published.json().abilities).toContain('close');
    const stale = await call(t.app, staff, 'PATCH', `/api/campaigns/${c.id}`, {
      ...campaignInput({ orgId: w.a.dept.id }),
      name: '过期副本',
      version: c.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const edited = await call(t.app, staff, 'PATCH', `/api/campaigns/${c.id}`, {
      ...campaignInput({ orgId: w.a.dept.id }),
      reportDueDays: 15,
      version: 2,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().reportDueDates[0]).toBe(`${c.year}-04-15`);
    const closed = await call(t.app, staff, 'POST', `/api/campaigns/${c.id}/close`, { version: 3 });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', windowOpen: false });
    // Its abilities agree with the refusal below: no more edits.
    expect(closed.json().abilities).not.toContain('update');
    const afterClose = await call(t.app, staff, 'PATCH', `/api/campaigns/${c.id}`, {
      ...campaignInput({ orgId: w.a.dept.id }),
      version: 4,
    });
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json().code).toBe('CAMPAIGN_NOT_OPEN');
  });

  it('refuses a window that ends before it starts, duplicate theme codes and a node that is not a 社工部', async () => {
    const backwards = await post(
      staff,
      campaignInput({ orgId: w.a.dept.id, declareFrom: '2025-05-01', declareTo: '2025-04-01' }),
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { declareTo: expect.any(String) } });
    const twice = DEFAULT_THEMES[0];
    const dup = await post(
      staff,
      campaignInput({ orgId: w.a.dept.id, themes: [{ ...twice }, { ...twice, name: '同码选题' }] }),
    );
    expect(dup.statusCode).toBe(400);
    expect(dup.json().fields).toHaveProperty('themes');
    const notDept = await post(staff, campaignInput({ orgId: w.a.committee.id }));
    expect(notDept.statusCode).toBe(400);
    expect(notDept.json().fields).toHaveProperty('orgId');
    const noThemes = await post(staff, campaignInput({ orgId: w.a.dept.id, themes: [] }));
    expect(noThemes.statusCode).toBe(400);
    const list = (await call(t.app, admin, 'GET', '/api/campaigns?limit=200')).json() as Page<CampaignView>;
    expect(list.items.some((c) => c.name === '同码选题')).toBe(false);
  });
});

describe(`campaigns: the declaration window (${TEST_DB})`, () => {
  const secretaryCtx = async () => contextFor(await actorOf(t.services, w.users.secretary.id));

  async function draftIn(window: { declareFrom: string; declareTo: string }) {
    const c = await createCampaign(t.services, t.admin, { orgId: w.city.id, ...window });
    const p = await createProject(t.services, await secretaryCtx(), {
      campaignId: c.id,
      orgId: w.a.committee.id,
      content: declarationInput(rng),
    });
    return { c, p };
  }

  it('refuses a submission after the window with a clear message', async () => {
    const { c, p } = await draftIn({ declareFrom: addDays(today, -60), declareTo: addDays(today, -1) });
    expect(c.windowOpen).toBe(false);
    const res = await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: p.version });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DECLARATION_WINDOW_CLOSED', message: '不在申报时间内，不能提交申报' });
    const still = (await call(t.app, secretary, 'GET', `/api/projects/${p.id}`)).json();
    expect(still.status).toBe('draft');
  });

  it('refuses a submission before the window opens', async () => {
    const { p } = await draftIn({ declareFrom: addDays(today, 1), declareTo: addDays(today, 30) });
    const res = await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: p.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DECLARATION_WINDOW_CLOSED');
  });

  it('accepts a submission on the last day of the window', async () => {
    const { c, p } = await draftIn({ declareFrom: addDays(today, -10), declareTo: today });
    expect(c.windowOpen).toBe(true);
    const res = await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: p.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('submitted');
    const after = (await call(t.app, secretary, 'GET', `/api/campaigns/${c.id}`)).json() as CampaignView;
    expect(after.counts.declared).toBe(1);
  });
});

describe(`campaigns: who sees and edits what (${TEST_DB})`, () => {
  let city: CampaignView;
  let countyA: CampaignView;

  beforeAll(async () => {
    city = await createCampaign(t.services, t.admin, { orgId: w.city.id, name: '市级活动' }, false);
    countyA = await createCampaign(t.services, t.admin, { orgId: w.a.dept.id, name: '振兴区活动' });
  });

  it('shows the city campaign to a county’s staff and secretary, and refuses county staff’s writes on it (403)', async () => {
    const list = (await call(t.app, staff, 'GET', '/api/campaigns?limit=200')).json() as Page<CampaignView>;
    const seen = list.items.find((c) => c.id === city.id);
    expect(seen).toBeDefined();
    expect(seen!.abilities).toEqual([]);
    const got = await call(t.app, staff, 'GET', `/api/campaigns/${city.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().abilities).toEqual([]);
    const patch = await call(t.app, staff, 'PATCH', `/api/campaigns/${city.id}`, {
      ...campaignInput({ orgId: w.city.id }),
      version: city.version,
    });
    // County staff read the city's campaign, so a write on it is refused (403), not hidden (404).
    expect(patch.statusCode, patch.body).toBe(403);
    expect(patch.json().code).toBe('FORBIDDEN');
    const publish = await call(t.app, staff, 'POST', `/api/campaigns/${city.id}/publish`, { version: city.version });
    expect(publish.statusCode).toBe(403);
    const close = await call(t.app, staff, 'POST', `/api/campaigns/${city.id}/close`, { version: city.version });
    expect(close.statusCode).toBe(403);
    expect((await call(t.app, secretary, 'GET', `/api/campaigns/${city.id}`)).statusCode).toBe(200);
    const mine = (await call(t.app, staff, 'GET', `/api/campaigns/${countyA.id}`)).json() as CampaignView;
    expect(mine.abilities).toContain('update');
    const asAdmin = (await call(t.app, admin, 'GET', `/api/campaigns/${countyA.id}`)).json() as CampaignView;
    expect(asAdmin.abilities).toContain('update');
  });

  it('hides one county’s campaign from the sibling county', async () => {
    const list = (await call(t.app, staffB, 'GET', '/api/campaigns?limit=200')).json() as Page<CampaignView>;
    expect(list.items.map((c) => c.id)).toContain(city.id);
    expect(list.items.map((c) => c.id)).not.toContain(countyA.id);
    expect((await call(t.app, staffB, 'GET', `/api/campaigns/${countyA.id}`)).statusCode).toBe(404);
    const patch = await call(t.app, staffB, 'PATCH', `/api/campaigns/${countyA.id}`, {
      ...campaignInput({ orgId: w.a.dept.id }),
      version: countyA.version,
    });
    expect(patch.statusCode).toBe(404);
    const onA = await post(staffB, campaignInput({ orgId: w.a.dept.id }));
    expect(onA.statusCode).toBe(404);
    expect(onA.json().fields).toHaveProperty('orgId');
  });

  it('refuses campaign writes to a secretary', async () => {
    expect((await post(secretary, campaignInput({ orgId: w.a.dept.id }))).statusCode).toBe(403);
  });

  it('filters the list by year and status', async () => {
    const drafts = (await call(t.app, admin, 'GET', '/api/campaigns?status=draft&limit=200')).json();
    expect(drafts.items.every((c: CampaignView) => c.status === 'draft')).toBe(true);
    expect(drafts.items.map((c: CampaignView) => c.id)).toContain(city.id);
    const year = Number(today.slice(0, 4));
    const other = (await call(t.app, admin, 'GET', `/api/campaigns?year=${year - 3}`)).json();
    expect(other.items).toHaveLength(0);
  });
});
