import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  DEFAULT_ASSESSMENT_ITEMS,
  DEFAULT_ASSESSMENT_MAPPING,
  DEFAULT_ASSESSMENT_THRESHOLDS,
  type AssessmentSchemeView,
  type ContestBoard,
  type ContestGrade,
  type ContestResultsView,
  type ContestView,
  type Page as ListPage,
  type ContestListItem,
} from '@touyan/schemas';
import { messages, pickOption } from './antd';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import {
  DESKTOP,
  PHONE,
  SCREEN,
  WAIT,
  apiLogin,
  call,
  horizontalOverflow,
  login,
  openPage,
  poll,
  screenshotsOnFailure,
  shot as saveShot,
  type ApiUser,
} from './support';

const run = browserAvailable();
/** The big screen must show a submission this soon after the judge confirms it. */
const LIVE_LIMIT_MS = 2_000;

const CONTEST_NAME = '2025年度新兴领域书记项目比武打擂';

/** Per-criterion scores (DEFAULT_RUBRIC: 20 / 40 / 20 / 20) of the two phone judges. */
const PHONE_SCORES: Record<string, Record<string, number>> = {
  dd_judge: { topic_precision: 18, tackling_results: 35, demonstration: 17, presentation: 16 },
  dd_judge_2: { topic_precision: 16, tackling_results: 32, demonstration: 15, presentation: 18 },
};
const sum = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);

/**
 * 丹东市's contest live (seeded set up, drawn and ready): the host console and the big screen in
 * desktop / projector windows, two judges score on phones, the rest of the panel through the API;
 * the screen follows without reloading, the host publishes, and the year's assessment takes the
 * 书记项目 item from the results.
 */
describe.runIf(run)('contest in the browser: judges on phones → big screen live → publish → assessment', () => {
  let server: RunningServer;
  let browser: Browser;
  let host: Page;
  let screen: Page;
  let judge1: Page;
  let judge2: Page;
  const apiUsers: ApiUser[] = [];
  let staffApi: ApiUser;
  let contest: ContestView;
  /** Project ids in drawn order. */
  let order: string[] = [];
  let screenNavigations = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    host = await openPage(browser, 'host', DESKTOP, pageErrors);
    screen = await openPage(browser, 'screen', SCREEN, pageErrors);
    judge1 = await openPage(browser, 'judge1', PHONE, pageErrors);
    judge2 = await openPage(browser, 'judge2', PHONE, pageErrors);

    staffApi = await apiLogin(server, 'dd_staff');
    const list = await call<ListPage<ContestListItem>>(staffApi, 'GET', '/api/contests?limit=50');
    const item = list.items.find((c) => c.name === CONTEST_NAME);
    expect(item, 'the seeded 丹东 contest').toBeTruthy();
    contest = await call<ContestView>(staffApi, 'GET', `/api/contests/${item!.id}`);
    expect(contest.status).toBe('ready');
    order = [...contest.projects].sort((a, b) => a.position! - b.position!).map((p) => p.projectId);
    expect(order.length).toBe(8);
    for (const u of ['dd_judge_3', 'dd_judge_4', 'dd_judge_5']) apiUsers.push(await apiLogin(server, u));

    await login(host, server, 'dd_staff', `/contests/${contest.id}/host`);
    await host.getByTestId('host-start').waitFor();
    await login(screen, server, 'dd_staff', `/screen/contests/${contest.id}`);
    await screen.getByTestId('screen-name').filter({ hasText: CONTEST_NAME }).waitFor();
    // From here on the big screen must never load again: a mark on its window proves it.
    await screen.evaluate(() => ((window as unknown as { e2eMark: string }).e2eMark = 'no-reload'));
    screen.on('framenavigated', (f) => {
      if (f === screen.mainFrame()) screenNavigations++;
    });
    await login(judge1, server, 'dd_judge', `/judge/contests/${contest.id}`);
    await login(judge2, server, 'dd_judge_2', `/judge/contests/${contest.id}`);
    for (const j of [judge1, judge2]) await j.getByTestId(`judge-sheet-${order[0]}`).waitFor();
  });

  afterEach((ctx) => screenshotsOnFailure(ctx, 'contest', { host, screen, judge1, judge2 }, pageErrors));

  afterAll(async () => {
    for (const u of [staffApi, ...apiUsers]) await u?.api.dispose().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => saveShot(page, `contest-${name}`);

  const board = () => call<ContestBoard>(staffApi, 'GET', `/api/contests/${contest.id}/board`);
  const title = (projectId: string) => contest.projects.find((p) => p.projectId === projectId)!.title;

  /** Every API judge eligible for the project submits a sheet (varied, within the maxima). */
  async function apiJudgesSubmit(projectId: string, judges: ApiUser[], salt: number) {
    for (const [i, j] of judges.entries()) {
      const view = await call<ContestView>(j, 'GET', `/api/contests/${contest.id}`);
      if (!view.projects.find((p) => p.projectId === projectId)?.mine?.eligible) continue;
      const f = 0.6 + ((salt * 7 + i * 3) % 10) / 30;
      const scores = Object.fromEntries(
        contest.rubric.criteria.map((c) => [c.code, Math.min(c.maxPoints, Math.round(c.maxPoints * f))]),
      );
      await call(j, 'PUT', `/api/contests/${contest.id}/projects/${projectId}/sheet`, { scores });
    }
  }

  /** The host clicks a console button once it is ready (not loading). */
  async function hostClick(testId: string) {
    const button = host.getByTestId(testId);
    await poll(() =>
      button.evaluate((b) => b.classList.contains('ant-btn-loading') || (b as HTMLButtonElement).disabled),
    ).toBe(false);
    await button.click();
  }

  /** The host calls the next presenter and the console and the big screen show it. */
  async function callNext(projectId: string) {
    await hostClick('host-next');
    await poll(() => host.getByTestId('host-current').textContent()).toBe(title(projectId));
    await host.getByTestId('host-close').waitFor();
    await poll(() => screen.locator('.ty-screen-title').first().textContent()).toBe(title(projectId));
  }

  /** A phone judge fills the open sheet of the project on stage, submits and confirms; returns the click time. */
  async function scoreOnPhone(page: Page, username: string, projectId: string): Promise<() => Promise<void>> {
    const card = page.getByTestId(`judge-sheet-${projectId}`);
    await card.locator('[data-testid="sheet-submit"]').waitFor();
    const scores = PHONE_SCORES[username]!;
    for (const c of contest.rubric.criteria) {
      const input = card.locator(`#score-${projectId}-${c.code}`);
      await input.fill(String(scores[c.code]));
    }
    await poll(() => card.getByTestId('sheet-total').textContent()).toBe(String(sum(scores)));
    await card.getByTestId('sheet-submit').click();
    const confirm = page.getByTestId('sheet-confirm');
    await confirm.waitFor();
    expect(await page.getByTestId('sheet-confirm-dialog').textContent()).toContain(String(sum(scores)));
    return () => confirm.click();
  }

  it('the host starts the contest and calls the first presenter; the big screen follows', async () => {
    await poll(() => screen.getByTestId('screen-submitted').textContent()).toBe('—');
    await hostClick('host-start');
    await host.getByTestId('host-next').waitFor();
    await callNext(order[0]!);
    const cur = (await board()).current!;
    expect(cur.projectId).toBe(order[0]);
    await poll(() => screen.getByTestId('screen-submitted').textContent()).toBe(`0 / ${cur.eligibleJudges}`);
    await poll(() => screen.getByTestId('screen-countdown').textContent()).toMatch(/^\d+:\d\d$/);
    // Both phones open the project on stage by themselves, with an empty sheet.
    for (const j of [judge1, judge2]) {
      const card = j.getByTestId(`judge-sheet-${order[0]}`);
      await card.locator('[data-testid="sheet-submit"]').waitFor();
      expect(await card.getByTestId('sheet-total').textContent()).toBe('0');
    }
    expect(await horizontalOverflow(judge1), 'the judge page fits a 375 px phone').toBeLessThanOrEqual(0);
    await shot(judge1, '01-judge-phone');
    await shot(screen, '02-screen-presenting');
  });

  it('scores typed on a phone but not submitted survive a reload of the page', async () => {
    const first = order[0]!;
    const card = () => judge1.getByTestId(`judge-sheet-${first}`);
    const typed = { topic_precision: 18, tackling_results: 35 };
    for (const [code, v] of Object.entries(typed)) await card().locator(`#score-${first}-${code}`).fill(String(v));
    await poll(() => card().getByTestId('sheet-total').textContent()).toBe('53');
    expect(await card().getByTestId('draft-restored').count()).toBe(0);
    // Kept on the phone under this judge, this contest and this project.
    const me = (await (await judge1.request.get(`${server.baseUrl}/api/auth/me`)).json()) as { id: string };
    const key = `ty_judge_draft:${me.id}:${contest.id}:${first}`;
    await poll(() => judge1.evaluate((k) => localStorage.getItem(k), key)).toContain('"tackling_results":35');

    await judge1.reload();
    await card().locator('[data-testid="sheet-submit"]').waitFor();
    await card().getByTestId('draft-restored').waitFor();
    expect(await card().getByTestId('draft-restored').textContent()).toContain('已恢复未提交的评分草稿');
    for (const [code, v] of Object.entries(typed)) {
      expect(await card().locator(`#score-${first}-${code}`).inputValue()).toBe(String(v));
    }
    expect(await card().locator(`#score-${first}-demonstration`).inputValue()).toBe('');
    expect(await card().getByTestId('sheet-total').textContent()).toBe('53');
    // Nothing reached the server: the sheet is still open.
    expect((await board()).current!.submitted).toBe(0);
    await shot(judge1, '01b-judge-draft-restored');
  });

  it('a score above its criterion’s maximum stays as typed, says why, and is not submitted', async () => {
    const first = order[0]!;
    const card = judge2.getByTestId(`judge-sheet-${first}`);
    const crit = contest.rubric.criteria.find((c) => c.maxPoints === 20)!;
    const input = card.locator(`#score-${first}-${crit.code}`);
    await input.fill('25');
    // Kept as typed (it used to turn into 20 silently), with the reason next to it.
    expect(await input.inputValue()).toBe('25');
    await poll(() => card.getByTestId(`score-error-${crit.code}`).textContent()).toBe('最高 20 分');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await shot(judge2, '01c-judge-over-max');
    // Submitting is refused on the phone: no confirmation, the box gets the focus, nothing is sent.
    await card.getByTestId('sheet-submit').click();
    await poll(() => judge2.getByTestId('toast').allTextContents()).toContain('请先改正标红的评分项');
    expect(await judge2.getByTestId('sheet-confirm-dialog').count()).toBe(0);
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await board()).current!.submitted).toBe(0);
    // Corrected (emptied), the message goes; the judge scores for real in the next step.
    await input.fill('');
    await card.getByTestId(`score-error-${crit.code}`).waitFor({ state: 'detached' });
    expect(await horizontalOverflow(judge2), 'the judge page fits a 375 px phone').toBeLessThanOrEqual(0);
  });

  it('two judges score on their phones; the big screen counts each within 2 s, without reloading', async () => {
    const first = order[0]!;
    const eligible = (await board()).current!.eligibleJudges;
    const delays: number[] = [];
    for (const [n, [page, username]] of (
      [
        [judge1, 'dd_judge'],
        [judge2, 'dd_judge_2'],
      ] as const
    ).entries()) {
      const confirm = await scoreOnPhone(page, username, first);
      const expected = `${n + 1} / ${eligible}`;
      // Watch the screen from before the click, so the delay is measured, not polled coarsely.
      const seen = screen.waitForFunction(
        (want) => document.querySelector('[data-testid="screen-submitted"]')?.textContent === want,
        expected,
        { timeout: WAIT, polling: 'raf' },
      );
      const t0 = Date.now();
      await confirm();
      await seen;
      const delay = Date.now() - t0;
      delays.push(delay);
      console.log(`big screen showed ${expected} ${delay} ms after ${username} confirmed`);
      const card = page.getByTestId(`judge-sheet-${first}`);
      await card.getByTestId('sheet-locked').waitFor();
      await page.getByTestId('sheet-confirm-dialog').waitFor({ state: 'detached' });
      expect(await card.getByTestId('sheet-total').textContent()).toBe(String(sum(PHONE_SCORES[username]!)));
      // The submitted sheet's draft is gone from the phone.
      await poll(() =>
        page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ty_judge_draft:'))),
      ).toEqual([]);
      await poll(() => host.getByTestId('host-submitted').textContent()).toBe(expected);
      if (n === 0) {
        // The second judge's phone shows nothing of the first judge's sheet.
        const other = judge2.getByTestId(`judge-sheet-${first}`);
        expect(await other.getByTestId('sheet-locked').count()).toBe(0);
        expect(await other.getByTestId('sheet-total').textContent()).toBe('0');
        for (const c of contest.rubric.criteria) {
          expect(await other.locator(`#score-${first}-${c.code}`).inputValue()).toBe('');
        }
        await shot(judge1, '03-judge-locked');
      }
    }
    for (const d of delays) expect(d).toBeLessThanOrEqual(LIVE_LIMIT_MS);
    expect(screenNavigations).toBe(0);
  });

  it('the rest of the panel submits, the host closes scoring, the big screen shows the score', async () => {
    const first = order[0]!;
    await apiJudgesSubmit(first, apiUsers, 1);
    const cur = (await board()).current!;
    expect(cur.submitted).toBe(cur.eligibleJudges);
    await poll(() => screen.getByTestId('screen-submitted').textContent()).toBe(
      `${cur.eligibleJudges} / ${cur.eligibleJudges}`,
    );
    await poll(() => host.getByTestId('host-submitted').textContent()).toBe(
      `${cur.eligibleJudges} / ${cur.eligibleJudges}`,
    );
    await hostClick('host-close');
    await host.getByTestId('host-close').waitFor({ state: 'detached' });
    const score = (await board()).projects.find((p) => p.projectId === first)!.score;
    expect(score).not.toBeNull();
    await poll(() => screen.getByTestId(`screen-score-${first}`).textContent()).toBe(score!.toFixed(2));
    expect(screenNavigations).toBe(0);
    expect(await screen.evaluate(() => (window as unknown as { e2eMark?: string }).e2eMark)).toBe('no-reload');
    await shot(screen, '04-screen-score');
  });

  it('a judge never sees scores (others’ or final) before publication', async () => {
    const first = order[0]!;
    // The judge's own page: only their own locked sheet, no final score.
    const card = judge1.getByTestId(`judge-sheet-${first}`);
    await card.getByTestId('sheet-locked').waitFor();
    const score = (await board()).projects.find((p) => p.projectId === first)!.score!;
    expect(await judge1.locator('body').textContent()).not.toContain(score.toFixed(2));
    // What the judge's browser may ask the API for.
    const asJudge = (url: string) => judge1.request.get(`${server.baseUrl}${url}`);
    const b = (await (await asJudge(`/api/contests/${contest.id}/board`)).json()) as ContestBoard;
    expect(b.projects.find((p) => p.projectId === first)!.phase).toBe('closed');
    expect(b.projects.every((p) => p.score === null && p.rank === null && p.grade === null)).toBe(true);
    expect((await asJudge(`/api/contests/${contest.id}/results`)).ok()).toBe(false);
    expect((await asJudge(`/api/contests/${contest.id}/sheets`)).ok()).toBe(false);
    // Another judge's sheet is not theirs to read: the sheet endpoint answers for the caller only.
    const mine = (await (await asJudge(`/api/contests/${contest.id}/projects/${first}/sheet`)).json()) as {
      total: number | null;
    };
    expect(mine.total).toBe(sum(PHONE_SCORES.dd_judge!));
    // The judge's big screen (if they open one) shows no score either.
    const peek = await judge1.context().newPage();
    await peek.goto(`${server.baseUrl}/screen/contests/${contest.id}`);
    await poll(() => peek.getByTestId('screen-name').textContent()).toBe(CONTEST_NAME);
    await poll(() => peek.locator('.ty-screen-row').count()).toBe(order.length);
    expect(await peek.locator(`[data-testid="screen-score-${first}"]`).textContent()).toBe('—');
    await peek.close();
  });

  it('the host runs the remaining presenters and finishes; the big screen keeps up', async () => {
    // The phone judges' later sheets go through the API too, to keep the run short.
    apiUsers.push(await apiLogin(server, 'dd_judge'), await apiLogin(server, 'dd_judge_2'));
    const all = [...apiUsers];
    for (const [i, projectId] of order.slice(1).entries()) {
      await callNext(projectId);
      await apiJudgesSubmit(projectId, all, i + 2);
      const cur = (await board()).current!;
      expect(cur.submitted).toBe(cur.eligibleJudges);
      await poll(() => host.getByTestId('host-submitted').textContent()).toBe(
        `${cur.eligibleJudges} / ${cur.eligibleJudges}`,
      );
      await hostClick('host-close');
      await host.getByTestId('host-close').waitFor({ state: 'detached' });
      await poll(() => screen.getByTestId(`screen-score-${projectId}`).textContent()).toMatch(/^\d+\.\d\d$/);
    }
    await poll(() => host.getByTestId('host-next').textContent()).toContain('结束比武');
    await hostClick('host-next');
    await host.getByTestId('host-publish').waitFor();
    await poll(() => screen.locator('.ty-screen-title').first().textContent()).toBe('比武结束');
    expect(screenNavigations).toBe(0);
  });

  it('the host publishes; the results page ranks and grades every project', async () => {
    await hostClick('host-publish');
    const confirm = host.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '发布结果' }).click();
    await host.getByTestId('host-publish').waitFor({ state: 'detached' });
    await poll(async () => (await board()).status).toBe('published');
    // The big screen turns into the ranking, still without reloading.
    await poll(() => screen.locator('.ty-screen-grade').count()).toBe(order.length);
    expect(screenNavigations).toBe(0);
    expect(await screen.evaluate(() => (window as unknown as { e2eMark?: string }).e2eMark)).toBe('no-reload');
    await shot(screen, '05-screen-published');

    const results = await call<ContestResultsView>(staffApi, 'GET', `/api/contests/${contest.id}/results`);
    expect(results.status).toBe('published');
    await host.goto(`${server.baseUrl}/contests/${contest.id}/results`);
    for (const r of results.rows) {
      expect(r.rank).not.toBeNull();
      expect(r.grade).not.toBeNull();
      const row = host.getByTestId(`result-row-${r.projectId}`);
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      expect(cells.join('|')).toContain(r.title);
      expect(cells).toContain(String(r.rank));
    }
    await shot(host, '06-results');
    // Now the judge sees the results.
    const asJudge = await judge1.request.get(`${server.baseUrl}/api/contests/${contest.id}/results`);
    expect(asJudge.ok()).toBe(true);
  });

  it('the year’s assessment fills each organisation’s 书记项目 item from the results', async () => {
    const tree = await server.t.services.store.repos.partyOrgs.tree({ all: true });
    const dept = tree.find((o) => o.name === '中共丹东市委社会工作部')!;
    const scheme = await call<AssessmentSchemeView>(staffApi, 'POST', '/api/assessment-schemes', {
      orgId: dept.id,
      year: 2025,
      name: '2025年度丹东市新兴领域党建工作考核（浏览器测试）',
      items: DEFAULT_ASSESSMENT_ITEMS,
      mapping: DEFAULT_ASSESSMENT_MAPPING,
      thresholds: DEFAULT_ASSESSMENT_THRESHOLDS,
    });
    await host.goto(`${server.baseUrl}/assessments/${scheme.id}`);
    await host.getByRole('button', { name: '从比武结果填入' }).click();
    const modal = host.locator('.ant-modal', { hasText: '从比武结果填入书记项目得分' });
    await modal.waitFor();
    const option = `${contest.name}（${contest.contestDate}）`;
    await pickOption(host, 'input[aria-label="选择已发布结果的比武"]', option);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await poll(() => messages(host)).toEqual(expect.arrayContaining([expect.stringContaining('已填入：新建')]));
    await modal.waitFor({ state: 'hidden' });

    // Expected: per organisation, the best grade's points under the mapping.
    const results = await call<ContestResultsView>(staffApi, 'GET', `/api/contests/${contest.id}/results`);
    const points = (g: ContestGrade | null) =>
      g && DEFAULT_ASSESSMENT_MAPPING.mode === 'grade' ? DEFAULT_ASSESSMENT_MAPPING.points[g] : null;
    const best = new Map<string, number>();
    for (const r of results.rows) {
      const p = points(r.grade);
      if (p !== null) best.set(r.orgName, Math.max(p, best.get(r.orgName) ?? -1));
    }
    expect(best.size).toBeGreaterThan(0);
    for (const [orgName, pts] of best) {
      const row = host.locator('.ant-table-tbody tr.ant-table-row', { hasText: orgName }).first();
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      expect(cells[0]).toContain(orgName);
      expect(cells[1], `${orgName}'s 书记项目`).toBe(String(pts));
    }
    await shot(host, '07-assessment');
    expect(pageErrors).toEqual([]);
  });
});
