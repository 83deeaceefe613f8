import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  DEFAULT_CRITERIA,
  DEFAULT_THEMES,
  campaignCreateBody,
  meetingCreateBody,
  type CampaignView,
} from '@touyan/schemas';
import { SimulatedClock } from '../server/src/core/clock';
import type { RequestContext } from '../server/src/core/actor';
import { actorOf, contextFor, validated } from '../server/src/seed/factories';
import { expectMessage, pickOption, selected } from './antd';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import { DESKTOP, WAIT, login, openPage, poll, screenshotsOnFailure, shot as saveShot } from './support';

const run = browserAvailable();

/**
 * The whole project life in the browser: a secretary declares, a review meeting returns it with
 * the required changes, the secretary revises and resubmits (the comparison shows the change), a
 * second meeting approves it with a code, and the Q4 report is filed and rated.
 *
 * The platform stands on 2026-12-15 (a process clock, set before seeding): the campaign's window
 * is 2026-12-01 … 2026-12-31 and the Q4 2026 report opens on 2026-12-01, due 2027-01-10.
 */
describe.runIf(run)('projects in the browser: declare → return → resubmit → approve → report → rating', () => {
  const clock = new SimulatedClock('2026-12-15T02:00:00Z');
  const TITLE = '“红色驿站”暖心工程——破解新就业群体歇脚难（浏览器测试）';
  const RETURN_NOTE = '请将新建驿站目标值提高到85个，并在主要措施中写明驿站的运维保障。';
  const ADDED_MEASURE = '由属地街道和入驻企业共同承担驿站运维保障。';

  let server: RunningServer;
  let browser: Browser;
  let sec: Page;
  let staff: Page;
  let staffCtx: RequestContext;
  let staffUserId: string;
  let campaign: CampaignView;
  let projectId: string;
  let unreadBefore: number;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ clock: clock.now });
    browser = await launchBrowser();
    sec = await openPage(browser, 'secretary', DESKTOP, pageErrors);
    staff = await openPage(browser, 'staff', DESKTOP, pageErrors);

    // Setup, not under test: a fresh 2026 campaign of the city 社工部, published, open today.
    const { services } = server.t;
    const staffUser = await services.store.repos.users.byLogin('dd_staff', '-');
    staffUserId = staffUser!.id;
    staffCtx = contextFor(await actorOf(services, staffUserId), 'e2e');
    const tree = await services.store.repos.partyOrgs.tree({ all: true });
    const dept = tree.find((o) => o.name === '中共丹东市委社会工作部')!;
    const draft = await services.campaigns.create(
      staffCtx,
      validated(campaignCreateBody, {
        orgId: dept.id,
        name: '2026年度新兴领域书记项目（浏览器测试）',
        year: 2026,
        codePrefix: 'DE',
        themes: DEFAULT_THEMES.map((t) => ({ ...t })),
        eligibleOrgTypes: ['two_new_committee', 'park_committee', 'industry_committee', 'composite_committee'],
        criteria: DEFAULT_CRITERIA.map((c) => ({ ...c })),
        declareFrom: '2026-12-01',
        declareTo: '2026-12-31',
        reviewDates: [],
        reportDueDays: 10,
        contestDate: null,
        description: null,
      }),
    );
    campaign = await services.campaigns.setStatus(staffCtx, draft.id, 'publish', draft.version);
    expect(campaign.windowOpen).toBe(true);

    await login(sec, server, 'dd_secretary');
    await login(staff, server, 'dd_staff');
    unreadBefore = await unread(sec);
  });

  // A failed step leaves both pages' screenshots behind for diagnosis.
  afterEach((ctx) => screenshotsOnFailure(ctx, 'projects', { secretary: sec, staff }, pageErrors));

  afterAll(async () => {
    await browser?.close();
    await server?.close(); // restores the real clock
  });

  const shot = (page: Page, name: string) => saveShot(page, `projects-${name}`);

  async function unread(page: Page): Promise<number> {
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    return Number(await bell.getAttribute('data-unread'));
  }

  /**
   * The secretary's bell, on a fresh page load, shows one new unread notice of this kind about the
   * project; clicking it marks it read and follows its link. Returns the notice's text.
   */
  async function openNotification(page: Page, kind: string, name: string): Promise<string> {
    await page.goto(`${server.baseUrl}/`);
    await poll(() => unread(page)).toBe(unreadBefore + 1);
    await page.getByTestId('notification-bell').click();
    const notice = page
      .getByTestId('notification-panel')
      .getByTestId('notification-item')
      .filter({ hasText: TITLE })
      .filter({ hasText: kind })
      .first();
    await notice.waitFor();
    expect(await notice.getAttribute('data-unread')).toBe('1');
    const text = (await notice.textContent()) ?? '';
    await shot(page, name);
    await notice.click();
    // Under load a click can land while the panel re-renders (its list refetches as the unread count
    // polls) and be lost: open the panel again and click the same notice until the page leaves the home.
    const home = () => new URL(page.url()).pathname === '/';
    for (let i = 0; i < 3 && home(); i++) {
      try {
        await page.waitForURL((u) => u.pathname !== '/', { timeout: 5_000 });
      } catch {
        if (!(await notice.isVisible())) await page.getByTestId('notification-bell').click();
        await notice.click({ timeout: 5_000 }).catch(() => undefined);
      }
    }
    return text;
  }

  /** A review meeting of the campaign with this project on its agenda (setup through the services). */
  async function meetingWithProject(title: string): Promise<string> {
    const { services } = server.t;
    const m = await services.reviews.create(
      staffCtx,
      validated(meetingCreateBody, {
        campaignId: campaign.id,
        title,
        meetingDate: '2026-12-15',
        place: '市委社会工作部三楼会议室',
        chairUserId: staffUserId,
        reviewerIds: [staffUserId],
        note: null,
      }),
    );
    await services.reviews.addItems(staffCtx, m.id, { projectIds: [projectId] });
    return m.id;
  }

  /** Staff decide the only agenda item in the meeting page and close the meeting. */
  async function decideAndClose(meetingId: string, decision: '批准立项' | '退回重新申报', note: string) {
    await staff.goto(`${server.baseUrl}/reviews/${meetingId}`);
    const item = staff.getByTestId('agenda-item-1');
    await item.waitFor();
    expect(await item.textContent()).toContain(TITLE);
    await item.getByRole('tab', { name: '决定', exact: true }).click();
    await item.locator('.ant-radio-button-wrapper', { hasText: decision }).click();
    await item.locator('textarea[id$="_note"]').fill(note);
    await staff.getByTestId('decide-save-1').click();
    await expectMessage(staff, '决定已记录');
    await staff.getByTestId('close-meeting').click();
    const confirm = staff.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(
      decision === '批准立项' ? '批准立项 1 项、退回重新申报 0 项' : '批准立项 0 项、退回重新申报 1 项',
    );
    await confirm.getByRole('button', { name: '结束会议' }).click();
    await expectMessage(staff, '研判会已结束，决定已发布');
    await confirm.waitFor({ state: 'detached' });
    await poll(() => staff.getByTestId('review-meeting').textContent()).toContain('决定已发布，内容已锁定');
    await poll(() => staff.getByTestId('close-meeting').count()).toBe(0);
  }

  it('a secretary declares a project in the browser', async () => {
    await sec.goto(`${server.baseUrl}/projects/new?campaignId=${campaign.id}`);
    await sec.getByTestId('declaration-page').waitFor();
    // The campaign comes from the address, the organisation is the secretary's only one.
    await poll(() => selected(sec, '#declaration_campaignId')).toBe(campaign.name);
    await poll(() => selected(sec, '#declaration_orgId')).toContain('元宝区"两新"工委');

    await sec.fill('#declaration_title', TITLE);
    await pickOption(sec, '#declaration_theme', '凝聚服务新就业群体');
    await pickOption(sec, '#declaration_targetGroup', '新就业群体');
    await sec.fill('#declaration_problem', '外卖骑手、快递员等新就业群体在城区缺少歇脚、饮水、充电的固定场所。');
    await sec.fill('#declaration_reachCount', '3200');
    await sec.fill('#declaration_reachUnit', '人');
    await sec.fill('#declaration_reachRationale', '覆盖城区全部新就业群体，解决一类群体共性难题。');
    await sec.fill('#declaration_objectives', '年内在城区建成一批“红色驿站”，实现重点商圈全覆盖。');
    await sec.fill('#declaration_measures', '摸排骑手聚集点；联合商户和物业建站；发动党员骑手参与管理。');
    await sec.getByRole('button', { name: '添加节点' }).click();
    await sec.fill('#declaration_milestones_0_name', '完成首批驿站建设');
    await sec.click('#declaration_milestones_0_dueDate');
    await sec.keyboard.type('2026-12-28');
    await sec.keyboard.press('Enter');
    await sec.getByRole('button', { name: '添加指标' }).click();
    await sec.fill('#declaration_indicators_0_name', '新建驿站');
    await sec.fill('#declaration_indicators_0_unit', '个');
    await sec.fill('#declaration_indicators_0_baseline', '0');
    await sec.fill('#declaration_indicators_0_target', '40');
    await shot(sec, '01-declaration');

    await sec.getByRole('button', { name: '提交申报' }).click();
    await sec.locator('.ant-modal-confirm').getByRole('button', { name: '确认提交' }).click();
    await sec.waitForURL(/\/projects\/[0-9A-Z]{26}$/, { timeout: WAIT });
    projectId = new URL(sec.url()).pathname.split('/').pop()!;
    await poll(() => sec.getByTestId('project-status').textContent()).toBe('已申报');
    expect(await sec.getByTestId('project-title').textContent()).toBe(TITLE);
    expect(await sec.getByTestId('project-code').textContent()).toBe('未立项');
    // What the browser sent is what was stored.
    const stored = await server.t.services.projects.get(staffCtx, projectId);
    expect(stored.content.milestones).toEqual([{ name: '完成首批驿站建设', dueDate: '2026-12-28' }]);
    // Typed by hand in the form: a manual indicator, bound to no service figure.
    expect(stored.content.indicators).toEqual([
      {
        name: '新建驿站',
        unit: '个',
        baseline: 0,
        target: 40,
        figure: null,
        figureFrom: null,
        figureTo: null,
        figureOrgId: null,
      },
    ]);
    await shot(sec, '02-submitted');
  });

  it('staff return it at a review meeting with the required changes', async () => {
    const meetingId = await meetingWithProject('2026年度书记项目第一次研判会');
    await decideAndClose(meetingId, '退回重新申报', RETURN_NOTE);
    expect(await staff.getByTestId('agenda-item-1').textContent()).toContain(RETURN_NOTE);
    await shot(staff, '03-meeting-returned');
  });

  it('the secretary is notified and sees the status and the required changes', async () => {
    const text = await openNotification(sec, '申报被退回', '04-notification');
    expect(text).toContain(`修改要求：${RETURN_NOTE}`);
    await sec.waitForURL(`**/projects/${projectId}`);
    await poll(() => sec.getByTestId('project-status').textContent()).toBe('退回重新申报');
    expect(await sec.getByTestId('decision-note').textContent()).toContain(RETURN_NOTE);
    await poll(() => unread(sec)).toBe(unreadBefore);
    await shot(sec, '05-returned');
  });

  it('the secretary revises and resubmits; the comparison shows the change', async () => {
    await sec.getByRole('button', { name: '编辑申报书' }).click();
    await sec.waitForURL(`**/projects/${projectId}/edit`);
    await poll(() => sec.getByTestId('declaration-status').textContent()).toBe('退回重新申报');
    expect(await sec.getByTestId('decision-note').textContent()).toContain(RETURN_NOTE);
    await poll(() => sec.inputValue('#declaration_indicators_0_target')).toBe('40');
    await sec.fill('#declaration_indicators_0_target', '85');
    const measures = await sec.inputValue('#declaration_measures');
    await sec.fill('#declaration_measures', `${measures}${ADDED_MEASURE}`);

    await sec.getByRole('button', { name: '重新申报' }).click();
    await sec.locator('.ant-modal-confirm').getByRole('button', { name: '确认重新申报' }).click();
    await sec.waitForURL(`**/projects/${projectId}`);
    await poll(() => sec.getByTestId('project-status').textContent()).toBe('已申报');
    expect(await sec.getByTestId('decision-note').count()).toBe(0);

    await sec.goto(`${server.baseUrl}/projects/${projectId}?tab=versions`);
    const diff = sec.getByTestId('version-diff');
    await diff.waitFor();
    expect(await sec.getByTestId('project-versions').textContent()).toContain('第1版与第2版对比');
    const indicators = sec.getByTestId('diff-indicators');
    expect(await indicators.locator('.ty-diff-del').textContent()).toBe('新建驿站：0 → 40 个');
    expect(await indicators.locator('.ty-diff-add').textContent()).toBe('新建驿站：0 → 85 个');
    expect(await sec.getByTestId('diff-measures').locator('.ty-diff-add').textContent()).toBe(ADDED_MEASURE);
    // Only what the secretary changed differs.
    expect(await diff.locator('tr[data-testid^="diff-"]').count()).toBe(2);
    // The first version carries the meeting's decision and its note.
    const v1 = sec.getByTestId('version-row-1');
    expect(await v1.textContent()).toContain('退回重新申报');
    expect(await v1.textContent()).toContain(RETURN_NOTE);
    await shot(sec, '06-diff');
  });

  it('staff approve it at a second meeting; the project gets its code', async () => {
    const meetingId = await meetingWithProject('2026年度书记项目第二次研判会');
    await decideAndClose(meetingId, '批准立项', '按修改后的申报书组织实施。');
    await poll(() =>
      staff.getByTestId('agenda-item-1').locator('.ty-rv-agenda-meta .ant-tag-green').textContent(),
    ).toMatch(/^DE-2026-\d{3}$/);
    await shot(staff, '07-meeting-approved');

    const text = await openNotification(sec, '项目已立项', '08-notification-approved');
    await sec.waitForURL(`**/projects/${projectId}`);
    await poll(() => sec.getByTestId('project-status').textContent()).toBe('已立项（实施中）');
    const code = await sec.getByTestId('project-code').textContent();
    expect(code).toMatch(/^DE-2026-\d{3}$/);
    expect(text).toContain(`项目编号 ${code}`);
    expect(await sec.getByTestId('project-detail').textContent()).toContain('当前申报版本：第2版');

    await sec.goto(`${server.baseUrl}/projects/${projectId}?tab=timeline`);
    const timeline = sec.getByTestId('project-timeline');
    await timeline.waitFor();
    const events = await timeline.locator('.ty-timeline-event').allTextContents();
    for (const e of ['提交申报', '列入研判会', '退回重新申报', '重新申报', '批准立项']) expect(events).toContain(e);
    expect(await timeline.textContent()).toContain(`修改要求：${RETURN_NOTE}`);
    await shot(sec, '09-approved-timeline');
  });

  it('staff see every column of the project list without scrolling sideways, at 1366 and 1440 px', async () => {
    await staff.goto(`${server.baseUrl}/projects`);
    await staff.locator('.ty-project-table tr.ant-table-row').first().waitFor();
    for (const width of [1366, 1440]) {
      await staff.setViewportSize({ width, height: 900 });
      await poll(() =>
        staff.evaluate(() => {
          const el = document.querySelector<HTMLElement>('.ty-project-table .ant-table-content');
          return el ? el.scrollWidth - el.clientWidth : -1;
        }),
      ).toBe(0);
      const heads = await staff.locator('.ty-project-table thead th').allTextContents();
      for (const h of ['负责书记', '版本', '最近评定', '逾期报告']) expect(heads, `${width}px`).toContain(h);
    }
    // Approved projects first, by code; the one approved here is among them.
    const codes = (await staff.locator('.ty-project-table tr.ant-table-row .ty-mono').allTextContents()).filter((c) =>
      /^[A-Z]+-\d{4}-\d{3}$/.test(c),
    );
    expect(codes).toEqual([...codes].sort());
    await shot(staff, '09b-project-list-1440');
    await staff.setViewportSize(DESKTOP.viewport);
  });

  it('the secretary files the Q4 2026 report', async () => {
    await sec.goto(`${server.baseUrl}/projects/${projectId}?tab=reports`);
    const row = sec.getByTestId('report-2026-4');
    await row.waitFor();
    expect(await row.textContent()).toContain('待报送');
    // Only Q4 is scheduled: the project was approved in December.
    expect(await sec.locator('[data-testid^="report-2026-"]').count()).toBe(1);
    expect(await sec.getByTestId('project-reports-tab').textContent()).toContain('应报 2027-01-10');

    await sec.getByTestId('file-report').click();
    const drawer = sec.locator('.ant-drawer-content');
    await drawer.waitFor();
    expect(await drawer.locator('.ant-drawer-title').textContent()).toContain('2026年第四季度');
    await drawer.locator('textarea#progress').fill('已建成“红色驿站”32个，覆盖城区主要商圈。');
    await drawer.locator('input[id^="values_"]').fill('32');
    await drawer.locator('textarea#crux').fill('部分商圈物业配合度不高，选址进度偏慢。');
    await drawer.locator('textarea#nextPlan').fill('协调物业企业再建设驿站53个，完成年度目标。');
    await drawer.getByTestId('drawer-save').click();
    await expectMessage(sec, '季度报告已报送');
    await drawer.waitFor({ state: 'detached' });
    await poll(() => row.textContent()).toContain('已报送');
    expect(await sec.getByTestId('project-reports-tab').textContent()).toContain('等待评定');
    await shot(sec, '10-report-filed');
  });

  it('staff rate the report 进展顺利 and the secretary sees the rating', async () => {
    await staff.goto(`${server.baseUrl}/projects/${projectId}?tab=reports`);
    const row = staff.getByTestId('report-2026-4');
    await row.waitFor();
    expect(await row.textContent()).toContain('已报送');
    // The rate button of this quarter's panel (its name also carries the icon's label).
    await staff
      .locator('.ant-collapse-item', { has: row })
      .locator('button', { hasText: /^评定$/ })
      .click();
    const modal = staff.locator('.ant-modal-content', { hasText: '评定2026年第四季度报告' });
    await modal.waitFor();
    await modal.locator('.ant-radio-button-wrapper', { hasText: '进展顺利' }).click();
    await modal.locator('textarea#comment').fill('推进有力，下季度重点解决物业配合问题。');
    await modal.getByRole('button', { name: '保存' }).click();
    await expectMessage(staff, '评定已保存');
    await modal.waitFor({ state: 'detached' });
    await poll(() => row.textContent()).toContain('已评定');
    expect(await row.textContent()).toContain('进展顺利');
    await shot(staff, '11-report-rated');

    const text = await openNotification(sec, '季度报告已评定', '12-notification-rated');
    expect(text).toContain('2026年第四季度：进展顺利。');
    await sec.waitForURL(`**/projects/${projectId}?tab=reports`);
    const mine = sec.getByTestId('report-2026-4');
    await mine.waitFor();
    expect(await mine.textContent()).toContain('进展顺利');
    expect(await sec.getByTestId('project-reports-tab').textContent()).toContain(
      '推进有力，下季度重点解决物业配合问题。',
    );
    await shot(sec, '13-rating-seen');
  });

  it('raised no uncaught error in either browser page', () => {
    expect(pageErrors).toEqual([]);
  });
});
