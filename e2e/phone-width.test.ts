import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type {
  AssessmentSchemeView,
  AssessmentSheetView,
  ContestListItem,
  ContestView,
  DemandDetailView,
  Me,
  MyFirmList,
  OnlineVisitInvitation,
  Page as ListPage,
  ProjectListItem,
} from '@touyan/schemas';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import {
  PASSWORD,
  PHONE,
  apiLogin,
  call,
  horizontalOverflow,
  openPage,
  poll,
  SHOTS,
  screenshotsOnFailure,
  shot,
  type ApiUser,
} from './support';

const run = browserAvailable();

/** The app's two languages, each with the browser locale that goes with it. */
const LANGUAGES = [
  { name: 'Chinese', app: 'zh-CN', browser: 'zh-CN' },
  { name: 'English', app: 'en', browser: 'en-US' },
] as const;
type Language = (typeof LANGUAGES)[number];

/** A page someone opens on a phone: where it is, and what shows once it has loaded. */
interface PhonePage {
  title: string;
  path: () => string;
  ready: (page: Page) => Locator;
}

/**
 * The pages of the users who work on phones (judges, project secretaries, staff; the rider-facing
 * roles come later) fit a 375 px phone in Chinese and in English: nothing scrolls sideways
 * (`scrollWidth` against the 375 px asked for) and the page raises no uncaught error.
 *
 * 丹东's contest is started and its first presenter called (through the API), so the judge's page
 * shows an open score sheet, the widest thing a judge sees.
 */
describe.runIf(run)('pages used on phones fit 375 px in Chinese and English', () => {
  let server: RunningServer;
  let browser: Browser;
  const apiUsers: ApiUser[] = [];
  /** One signed-in phone per user and language, reused by that user's pages. */
  const phones = new Map<string, Page>();
  /** The page of the test running now (for the failure screenshot). */
  let current: Page | undefined;
  const pageErrors: string[] = [];

  let contestId: string;
  /** The project on stage in 丹东's contest. */
  let onStage: string;
  let projectId: string;
  let schemeId: string;
  /** The organisation whose assessment sheet the secretary sees. */
  let sheetOrgId: string;
  /** An online-visit link 富顺's specialist sent (the firm's form). */
  let onlineToken: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();

    // Setup, not under test: 丹东's seeded contest (ready) starts and calls its first presenter.
    const ddStaff = await apiLogin(server, 'dd_staff');
    apiUsers.push(ddStaff);
    const contests = await call<ListPage<ContestListItem>>(ddStaff, 'GET', '/api/contests?limit=50');
    const seeded = contests.items.find((c) => c.name === '2025年度新兴领域书记项目比武打擂');
    expect(seeded, 'the seeded 丹东 contest').toBeTruthy();
    contestId = seeded!.id;
    let contest = await call<ContestView>(ddStaff, 'GET', `/api/contests/${contestId}`);
    expect(contest.status).toBe('ready');
    contest = await call<ContestView>(ddStaff, 'POST', `/api/contests/${contestId}/start`, {
      version: contest.version,
    });
    contest = await call<ContestView>(ddStaff, 'POST', `/api/contests/${contestId}/next`, {
      version: contest.version,
    });
    onStage = contest.currentProjectId!;
    expect(onStage).toBeTruthy();

    // 海阳's secretary: one of their projects and their sheet of the published assessment.
    const secretary = await apiLogin(server, 'hy_secretary');
    apiUsers.push(secretary);
    const projects = await call<ListPage<ProjectListItem>>(secretary, 'GET', '/api/projects?limit=10');
    expect(projects.items.length, 'the secretary has projects').toBeGreaterThan(0);
    projectId = projects.items[0]!.id;
    const schemes = await call<ListPage<AssessmentSchemeView>>(secretary, 'GET', '/api/assessment-schemes?limit=50');
    const scheme = schemes.items.find((s) => s.status === 'published');
    expect(scheme, 'a published assessment the secretary sees').toBeTruthy();
    schemeId = scheme!.id;
    const sheets = await call<ListPage<AssessmentSheetView>>(
      secretary,
      'GET',
      `/api/assessment-schemes/${schemeId}/sheets?limit=10`,
    );
    expect(sheets.items.length).toBe(1);
    sheetOrgId = sheets.items[0]!.partyOrgId;

    // 富顺's specialist sends one of their firms an online-visit link.
    const specialist = await apiLogin(server, 'fs_specialist');
    apiUsers.push(specialist);
    const firms = await call<MyFirmList>(specialist, 'GET', '/api/visits/my-firms');
    expect(firms.items.length, 'the specialist has firms').toBeGreaterThan(0);
    const invitation = await call<OnlineVisitInvitation>(specialist, 'POST', '/api/visits/online', {
      hostOrgId: firms.items[0]!.hostOrgId,
      note: null,
    });
    onlineToken = invitation.token;

    // 富顺's enterprise contact raises a demand (政策, routed to fs_handler's 经信局), which the handler
    // signs for, answers and resolves: it awaits the contact's rating.
    const contact = await apiLogin(server, 'fs_contact');
    const handler = await apiLogin(server, 'fs_handler');
    apiUsers.push(contact, handler);
    const { me } = await call<{ me: Me }>(contact, 'GET', '/api/auth/session');
    const firm = me.roles.find((r) => r.role === 'contact' && r.hostOrgId);
    expect(firm, "the contact's firm").toBeTruthy();
    let demand = await call<DemandDetailView>(contact, 'POST', '/api/demands', {
      hostOrgId: firm!.hostOrgId,
      category: 'policy',
      source: 'contact',
      title: '申请专精特新认定辅导',
      description: '希望经信部门上门辅导申报材料。',
    });
    demand = await call<DemandDetailView>(handler, 'POST', `/api/demands/${demand.id}/accept`, {
      version: demand.version,
    });
    demand = await call<DemandDetailView>(handler, 'POST', `/api/demands/${demand.id}/reply`, {
      version: demand.version,
      note: '已联系企业，约定上门时间。',
    });
    demand = await call<DemandDetailView>(handler, 'POST', `/api/demands/${demand.id}/resolve`, {
      version: demand.version,
      note: '已上门辅导，材料已提交。',
    });
    expect(demand.status).toBe('resolved');
  });

  afterEach((ctx) => screenshotsOnFailure(ctx, 'phone-width', { page: current }, pageErrors));

  afterAll(async () => {
    for (const u of apiUsers) await u.api.dispose().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  const USERS: { role: string; username: string; pages: PhonePage[] }[] = [
    {
      role: 'judge',
      username: 'dd_judge',
      pages: [
        { title: 'home', path: () => '/judge', ready: (p) => p.getByTestId(`judge-contest-${contestId}`) },
        {
          title: 'contest, scoring the project on stage',
          path: () => `/judge/contests/${contestId}`,
          ready: (p) => p.getByTestId(`judge-sheet-${onStage}`).getByTestId('sheet-submit'),
        },
      ],
    },
    {
      role: 'secretary',
      username: 'hy_secretary',
      pages: [
        { title: 'home', path: () => '/', ready: (p) => p.getByTestId('welcome') },
        {
          title: 'project list',
          path: () => '/projects',
          ready: (p) => p.locator('.ty-project-table tr.ant-table-row').first(),
        },
        { title: 'project', path: () => `/projects/${projectId}`, ready: (p) => p.getByTestId('project-detail') },
        {
          title: 'assessment',
          path: () => `/assessments/${schemeId}`,
          ready: (p) => p.getByTestId(`sheet-card-${sheetOrgId}`),
        },
      ],
    },
    {
      // 一企一专员: the specialist's home is the visits page; the firm's online-visit form opens without login.
      role: 'specialist',
      username: 'fs_specialist',
      pages: [
        { title: 'home (the visits page)', path: () => '/', ready: (p) => p.getByTestId('log-visit').first() },
        { title: 'online visit form', path: () => `/v/${onlineToken}`, ready: (p) => p.getByTestId('online-contact') },
      ],
    },
    {
      role: 'staff',
      username: 'hy_staff',
      pages: [{ title: 'home', path: () => '/', ready: (p) => p.getByTestId('welcome') }],
    },
    {
      // 新就业群体 (issue 12): the rider's home is their registration; the station manager's, the queue.
      role: 'worker',
      username: 'hs_worker',
      pages: [
        { title: 'home (the registration)', path: () => '/', ready: (p) => p.getByTestId('worker-status') },
        { title: '惠新驿家 finder', path: () => '/stations', ready: (p) => p.getByTestId('pick-place') },
      ],
    },
    {
      role: 'station_manager',
      username: 'hs_station',
      pages: [
        { title: 'home (the station page)', path: () => '/', ready: (p) => p.getByTestId('today-count') },
        {
          title: 'the verification queue',
          path: () => '/worker',
          ready: (p) => p.getByTestId('queue-verify').first(),
        },
      ],
    },
    // 接诉即办: the department's handler and the enterprise contact work their demands as cards.
    {
      role: 'handler',
      username: 'fs_handler',
      pages: [
        { title: 'demands', path: () => '/demands', ready: (p) => p.locator('[data-testid^="demand-card-"]').first() },
      ],
    },
    {
      role: 'contact',
      username: 'fs_contact',
      pages: [{ title: 'demands', path: () => '/demands', ready: (p) => p.getByTestId('demand-create') }],
    },
  ];

  /** A phone in this language (the app's own choice, as the language switch keeps it). */
  async function phone(name: string, language: Language): Promise<Page> {
    const page = await openPage(
      browser,
      `${name} (${language.name})`,
      { ...PHONE, locale: language.browser },
      pageErrors,
    );
    await page.addInitScript((locale) => localStorage.setItem('ty_locale', locale), language.app);
    return page;
  }

  /** The user's phone in this language, signed in (through the API, into the phone's cookies). */
  async function signedIn(username: string, language: Language): Promise<Page> {
    const key = `${username} ${language.app}`;
    let page = phones.get(key);
    if (!page) {
      page = await phone(username, language);
      const res = await page.request.post(`${server.baseUrl}/api/auth/login`, {
        data: { login: username, password: PASSWORD },
      });
      expect(res.status(), `${username} logs in`).toBe(200);
      phones.set(key, page);
    }
    return page;
  }

  /** Opens the page, waits until it has loaded, and checks that it fits and raised no error. */
  async function check(page: Page, language: Language, path: string, ready: Locator, name: string) {
    current = page;
    const errorsBefore = pageErrors.length;
    await page.goto(`${server.baseUrl}${path}`);
    await ready.waitFor();
    await poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang), 'the page is in this language').toBe(language.app);
    expect(await horizontalOverflow(page), `${path} is wider than the phone by`).toBeLessThanOrEqual(0);
    expect(pageErrors.slice(errorsBefore)).toEqual([]);
    await shot(page, `phone-width-${language.app}-${name}`);
  }

  for (const language of LANGUAGES) {
    describe(`in ${language.name}`, () => {
      it('the login page', async () => {
        const page = await phone('anonymous', language);
        try {
          await check(page, language, '/login', page.locator('#login_password'), 'login');
        } finally {
          await page.context().close();
        }
      });

      // The handler opens a demand in progress (答复, 办结, 转办…), the contact one awaiting their rating.
      for (const [username, status] of [
        ['fs_handler', 'in_progress'],
        ['fs_contact', 'resolved'],
      ] as const) {
        it(`${username}: a demand card opens its drawer, which fits too`, async () => {
          const page = await signedIn(username, language);
          await check(
            page,
            language,
            `/demands?status=${status}`,
            page.locator('[data-testid^="demand-card-"]').first(),
            `${username}-demands`,
          );
          if (SHOTS)
            await page.screenshot({ path: `${SHOTS}/phone-width-${language.app}-${username}-demands-top.png` });
          await page.locator('[data-testid^="demand-card-"]').first().click();
          const drawer = page.locator('.ant-drawer-content');
          await drawer.locator('.ant-descriptions').waitFor();
          expect(await horizontalOverflow(page), 'the open drawer is wider than the phone by').toBeLessThanOrEqual(0);
          // Nothing in it scrolls sideways either (long English labels wrap).
          const inner = await drawer.locator('.ant-drawer-body').evaluate((el) => el.scrollWidth - el.clientWidth);
          expect(inner, 'the drawer body is wider than the drawer by').toBeLessThanOrEqual(0);
          const box = await drawer.boundingBox();
          expect(Math.round(box!.width), 'the drawer takes the phone width').toBeLessThanOrEqual(375);
          // Its actions are large touch targets.
          const actions = await drawer.getByTestId('demand-actions').getByRole('button').all();
          expect(actions.length, 'the drawer offers this user actions').toBeGreaterThan(0);
          for (const b of actions) expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(40);
          await shot(page, `phone-width-${language.app}-${username}-demand-drawer`);
          // What the phone shows first (the full-page shot is mostly the list under the drawer).
          if (SHOTS)
            await page.screenshot({ path: `${SHOTS}/phone-width-${language.app}-${username}-demand-drawer-top.png` });
          await page.keyboard.press('Escape');
        });
      }

      for (const user of USERS) {
        for (const p of user.pages) {
          it(`${user.role} (${user.username}): ${p.title}`, async () => {
            const page = await signedIn(user.username, language);
            const name = `${user.role}-${p.title.split(',')[0]!.replace(/\s+/g, '-')}`;
            await check(page, language, p.path(), p.ready(page), name);
          });
        }
      }
    });
  }
});
