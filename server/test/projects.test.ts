import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectListItem, ProjectView } from '@touyan/schemas';
import type { RequestContext } from '../src/core/actor';
import { runWithClock, SimulatedClock } from '../src/core/clock';
import { actorOf, contextFor, createCampaign, declarationInput } from '../src/seed/factories';
import { Rng } from '../src/seed/random';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let campaignId: string;
let secretary: Session;
let staff: Session;
const rng = new Rng(5);

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  campaignId = (await createCampaign(t.services, t.admin, { orgId: w.city.id, codePrefix: 'DD', year: 2026 })).id;
  secretary = await login(t.app, w.usernames.secretary);
  staff = await login(t.app, w.usernames.staff);
});
afterAll(() => t.close());

async function draft(content = declarationInput(rng)): Promise<ProjectView> {
  const res = await call(t.app, secretary, 'POST', '/api/projects', { campaignId, orgId: w.a.committee.id, content });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function submit(p: ProjectView): Promise<ProjectView> {
  const res = await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: p.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Puts a submitted project on an agenda and applies a decision, as a closing review meeting does. */
async function decide(id: string, decision: 'approve' | 'return' | 'reject', note: string | null) {
  const admin: RequestContext = t.admin;
  await t.services.store.tx(async (repos) => {
    const row = await t.services.projects.row(repos, admin, id);
    await t.services.projects.transition(repos, admin, row, 'schedule', ['staff']);
    await t.services.projectDecisions.apply(repos, admin, id, decision, note);
  });
}

describe(`declaring a project (${TEST_DB})`, () => {
  it('saves a draft that survives a reload, and refuses an outdated copy with 409', async () => {
    const p = await draft();
    expect(p).toMatchObject({
      status: 'draft',
      code: null,
      versionNo: 0,
      abilities: expect.arrayContaining(['update', 'submit']),
    });
    const first = await call(t.app, secretary, 'PUT', `/api/projects/${p.id}/content`, {
      content: { ...p.content, objectives: '第一次修改' },
      version: p.version,
    });
    expect(first.statusCode).toBe(200);
    const stale = await call(t.app, secretary, 'PUT', `/api/projects/${p.id}/content`, {
      content: { ...p.content, objectives: '过期副本' },
      version: p.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
    const reloaded = (await call(t.app, secretary, 'GET', `/api/projects/${p.id}`)).json();
    expect(reloaded.content.objectives).toBe('第一次修改');
  });

  it('refuses to submit an incomplete declaration, naming the missing fields', async () => {
    const p = await draft({ ...declarationInput(rng), problem: '', milestones: [] });
    const res = await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: p.version });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'DECLARATION_INCOMPLETE',
      fields: { problem: '必填', milestones: '必填' },
    });
    expect((await call(t.app, secretary, 'GET', `/api/projects/${p.id}`)).json().status).toBe('draft');
  });

  it('refuses a submission outside the declaration window with a clear message', async () => {
    const p = await draft();
    const late = new SimulatedClock('2027-06-01T02:00:00Z');
    const ctx = contextFor(await actorOf(t.services, w.users.secretary.id));
    await runWithClock(late.now, async () => {
      await expect(t.services.projects.fire(ctx, p.id, 'submit', { version: p.version })).rejects.toMatchObject({
        code: 'DECLARATION_WINDOW_CLOSED',
      });
    });
  });

  it('submits, withdraws before review, and refuses a withdraw once on an agenda', async () => {
    const p = await draft();
    const submitted = (
      await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: p.version })
    ).json();
    expect(submitted).toMatchObject({ status: 'submitted', versionNo: 1 });
    const withdrawn = (
      await call(t.app, secretary, 'POST', `/api/projects/${p.id}/withdraw`, { version: submitted.version })
    ).json();
    expect(withdrawn.status).toBe('draft');
    const again = (
      await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: withdrawn.version })
    ).json();
    expect(again.versionNo).toBe(2);
    await t.services.store.tx(async (repos) => {
      const row = await t.services.projects.row(repos, t.admin, p.id);
      await t.services.projects.transition(repos, t.admin, row, 'schedule', ['staff']);
    });
    const current = (await call(t.app, secretary, 'GET', `/api/projects/${p.id}`)).json();
    const refused = await call(t.app, secretary, 'POST', `/api/projects/${p.id}/withdraw`, {
      version: current.version,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('INVALID_TRANSITION');
  });
});

describe(`re-declaration, versions and approval (${TEST_DB})`, () => {
  it('keeps every version, compares them field by field, and gives an approved project its code', async () => {
    const p = await draft();
    const v1 = (await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: p.version })).json();
    await decide(p.id, 'return', '请细化量化指标，明确覆盖企业数量');

    const returned = (await call(t.app, secretary, 'GET', `/api/projects/${p.id}`)).json() as ProjectView;
    expect(returned).toMatchObject({ status: 'returned', lastDecisionNote: '请细化量化指标，明确覆盖企业数量' });
    expect(returned.abilities).toEqual(expect.arrayContaining(['update', 'resubmit']));
    const notes = (await call(t.app, secretary, 'GET', '/api/notifications?unread=1')).json();
    expect(notes.items[0]).toMatchObject({ kind: 'project_returned', link: `/projects/${p.id}` });

    const revised = { ...returned.content, indicators: [{ name: '新建驿站', unit: '个', baseline: 0, target: 85 }] };
    const saved = (
      await call(t.app, secretary, 'PUT', `/api/projects/${p.id}/content`, {
        content: revised,
        version: returned.version,
      })
    ).json();
    const v2 = (
      await call(t.app, secretary, 'POST', `/api/projects/${p.id}/resubmit`, { version: saved.version })
    ).json();
    expect(v2).toMatchObject({ status: 'submitted', versionNo: 2 });

    const versions = (await call(t.app, staff, 'GET', `/api/projects/${p.id}/versions`)).json().items;
    expect(versions.map((v: { versionNo: number; decision: string | null }) => [v.versionNo, v.decision])).toEqual([
      [1, 'return'],
      [2, null],
    ]);
    const diff = (await call(t.app, staff, 'GET', `/api/projects/${p.id}/versions/compare?a=1&b=2`)).json();
    expect(diff.changes).toEqual([
      {
        field: 'indicators',
        before: v1.content.indicators,
        // A manual indicator (no service figure bound).
        after: [
          {
            name: '新建驿站',
            unit: '个',
            baseline: 0,
            target: 85,
            figure: null,
            figureFrom: null,
            figureTo: null,
            figureOrgId: null,
          },
        ],
      },
    ]);

    await decide(p.id, 'approve', null);
    const approved = (await call(t.app, staff, 'GET', `/api/projects/${p.id}`)).json();
    expect(approved.status).toBe('approved');
    expect(approved.code).toMatch(/^DD-2026-\d{3}$/);
    const indicators = await t.services.store.repos.projects.indicators(p.id);
    expect(indicators.map((i) => [i.name, i.baseline, i.target])).toEqual([['新建驿站', 0, 85]]);

    const timeline = (await call(t.app, secretary, 'GET', `/api/projects/${p.id}/timeline`)).json().items;
    expect(timeline.map((e: { event: string }) => e.event)).toEqual([
      'create',
      'submit',
      'schedule',
      'return',
      'resubmit',
      'schedule',
      'approve',
    ]);
    expect(timeline.find((e: { event: string }) => e.event === 'return').reason).toBe(
      '请细化量化指标，明确覆盖企业数量',
    );
  });

  it('numbers approved projects within the campaign without gaps or duplicates', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await draft();
      await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: p.version });
      await decide(p.id, 'approve', null);
      codes.push((await call(t.app, staff, 'GET', `/api/projects/${p.id}`)).json().code);
    }
    const seqs = codes.map((c) => Number(c.slice(-3)));
    expect(new Set(codes).size).toBe(3);
    expect(seqs[1]! - seqs[0]!).toBe(1);
    expect(seqs[2]! - seqs[1]!).toBe(1);
  });

  it('rejects with a reason, and nothing leaves the rejected state', async () => {
    const p = await draft();
    const s = (await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: p.version })).json();
    await decide(p.id, 'reject', '选题与本次活动范围不符');
    const r = (await call(t.app, secretary, 'GET', `/api/projects/${p.id}`)).json();
    expect(r).toMatchObject({ status: 'rejected', abilities: [] });
    const res = await call(t.app, secretary, 'POST', `/api/projects/${p.id}/resubmit`, { version: s.version + 2 });
    expect([409]).toContain(res.statusCode);
  });

  it('terminates only with a reason, and completes with final indicator values', async () => {
    const p = await draft();
    await call(t.app, secretary, 'POST', `/api/projects/${p.id}/submit`, { version: p.version });
    await decide(p.id, 'approve', null);
    const a = (await call(t.app, staff, 'GET', `/api/projects/${p.id}`)).json();
    const noReason = await call(t.app, staff, 'POST', `/api/projects/${p.id}/terminate`, { version: a.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields.reason).toBe('必填');
    const indicators = await t.services.store.repos.projects.indicators(p.id);
    const done = await call(t.app, secretary, 'POST', `/api/projects/${p.id}/complete`, {
      version: a.version,
      summary: '全部目标完成',
      finalValues: indicators.map((i) => ({ indicatorId: i.id, value: i.target })),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', completionSummary: '全部目标完成' });
  });
});

describe(`project list (${TEST_DB})`, () => {
  it('filters by status, theme and text, pages by keyset, and exports exactly the filtered rows', async () => {
    const marker = `同频共振${rng.int(1000, 9999)}`;
    for (let i = 0; i < 5; i++)
      await draft({ ...declarationInput(rng), title: `${marker}项目${i}`, theme: 'lead_development' });
    const byText = (
      await call(t.app, secretary, 'GET', `/api/projects?q=${encodeURIComponent(marker)}&withTotal=1`)
    ).json();
    expect(byText.total).toBe(5);
    expect(byText.items.every((p: ProjectListItem) => p.themeName === '党建引领发展' && p.status === 'draft')).toBe(
      true,
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        t.app,
        secretary,
        'GET',
        `/api/projects?q=${encodeURIComponent(marker)}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      const page = res.json() as { items: ProjectListItem[]; nextCursor: string | null };
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);

    const approved = (await call(t.app, staff, 'GET', '/api/projects?status=approved&withTotal=1')).json();
    expect(approved.items.every((p: ProjectListItem) => p.status === 'approved')).toBe(true);

    const xlsx = await call(t.app, secretary, 'GET', `/api/projects/export.xlsx?q=${encodeURIComponent(marker)}`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('项目名称');
    expect(sheet.rowCount).toBe(6);
    const titles = [2, 3, 4, 5, 6].map((r) => String(sheet.getRow(r).getCell(2).value));
    expect(titles.every((x) => x.startsWith(marker))).toBe(true);
  });

  it('shows a county user none of a sibling county’s projects, and a judge only assigned ones', async () => {
    const judge = await login(t.app, w.usernames.judge);
    expect((await call(t.app, judge, 'GET', '/api/projects?withTotal=1')).json().total).toBe(0);
    const p = await draft();
    expect((await call(t.app, judge, 'GET', `/api/projects/${p.id}`)).statusCode).toBe(404);
  });
});

describe(`list order (${TEST_DB})`, () => {
  it('lists approved projects by code first, then the others newest first, and pages through them all', async () => {
    const marker = `序号${rng.int(1000, 9999)}`;
    const made: ProjectView[] = [];
    for (let i = 0; i < 5; i++) made.push(await draft({ ...declarationInput(rng), title: `${marker}项目${i}` }));
    for (const p of made.slice(0, 3)) await submit(p);
    // Approved in the order 2, 0: codes follow the approval, not the creation.
    await decide(made[2]!.id, 'approve', null);
    await decide(made[0]!.id, 'approve', null);
    const code = async (p: ProjectView) => (await call(t.app, secretary, 'GET', `/api/projects/${p.id}`)).json().code;
    const [c2, c0] = [await code(made[2]!), await code(made[0]!)];
    expect(c2 < c0).toBe(true);
    const expected = [made[2]!.id, made[0]!.id, made[4]!.id, made[3]!.id, made[1]!.id];

    const first = (await call(t.app, secretary, 'GET', `/api/projects?q=${encodeURIComponent(marker)}`)).json();
    expect(first.items.map((p: ProjectListItem) => p.id)).toEqual(expected);
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await call(
          t.app,
          secretary,
          'GET',
          `/api/projects?q=${encodeURIComponent(marker)}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as { items: ProjectListItem[]; nextCursor: string | null };
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(expected);
    }
    const xlsx = await call(t.app, secretary, 'GET', `/api/projects/export.xlsx?q=${encodeURIComponent(marker)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const codes = [2, 3].map((r) => String(wb.worksheets[0]!.getRow(r).getCell(1).value));
    expect(codes).toEqual([c2, c0]);
  });

  it('refuses a cursor that is neither `code|id` nor an id', async () => {
    for (const cursor of ['1.5|01JABCDEFGHJKM', 'dd-2026-001|01JABCDEFGHJKM', "x'|01JABCDEFGHJKM"]) {
      const res = await call(t.app, secretary, 'GET', `/api/projects?cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json()).toMatchObject({ fields: { cursor: '格式不正确' } });
    }
  });
});

describe(`drafts never submitted stay with the declaring side (${TEST_DB})`, () => {
  const listed = async (s: Session, marker: string) =>
    (await call(t.app, s, 'GET', `/api/projects?q=${encodeURIComponent(marker)}&withTotal=1`)).json() as {
      items: ProjectListItem[];
      total: number;
    };
  const exported = async (s: Session, marker: string) => {
    const xlsx = await call(t.app, s, 'GET', `/api/projects/export.xlsx?q=${encodeURIComponent(marker)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    return wb.worksheets[0]!.rowCount - 1;
  };
  const draftCount = async (s: Session) =>
    (await call(t.app, s, 'GET', '/api/home')).json().staff.figures.projectsByStatus.draft as number;

  it('hides a new draft from staff (list, count, export, 404 by id, home count) but not from its secretary and member', async () => {
    const marker = `草稿可见${rng.int(1000, 9999)}`;
    const before = await draftCount(staff);
    const p = await draft({ ...declarationInput(rng), title: `${marker}项目` });

    expect((await listed(staff, marker)).total).toBe(0);
    expect((await listed(staff, marker)).items).toEqual([]);
    expect(await exported(staff, marker)).toBe(0);
    expect((await call(t.app, staff, 'GET', `/api/projects/${p.id}`)).statusCode).toBe(404);
    expect((await call(t.app, staff, 'GET', `/api/projects/${p.id}/timeline`)).statusCode).toBe(404);
    expect(await draftCount(staff)).toBe(before);

    const member = await login(t.app, w.usernames.member);
    for (const s of [secretary, member]) {
      expect((await listed(s, marker)).total).toBe(1);
      expect(await exported(s, marker)).toBe(1);
      expect((await call(t.app, s, 'GET', `/api/projects/${p.id}`)).statusCode).toBe(200);
    }
    const admin = await login(t.app, 'admin');
    expect((await listed(admin, marker)).total).toBe(1);
  });

  it('shows staff a draft once it was submitted: withdrawn back to draft, or returned for re-declaration', async () => {
    const marker = `曾提交${rng.int(1000, 9999)}`;
    const withdrawn = await submit(await draft({ ...declarationInput(rng), title: `${marker}撤回` }));
    const back = await call(t.app, secretary, 'POST', `/api/projects/${withdrawn.id}/withdraw`, {
      version: withdrawn.version,
    });
    expect(back.json().status).toBe('draft');
    const returned = await submit(await draft({ ...declarationInput(rng), title: `${marker}退回` }));
    await decide(returned.id, 'return', '请细化措施');

    const seen = await listed(staff, marker);
    expect(seen.total).toBe(2);
    expect(seen.items.map((i) => i.status).sort()).toEqual(['draft', 'returned']);
    expect((await call(t.app, staff, 'GET', `/api/projects/${withdrawn.id}`)).statusCode).toBe(200);
    expect(await exported(staff, marker)).toBe(2);
  });
});
