import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { GigFairCodeView, GigFairPage, GigFairView, GigIntentionPage, GigJobView } from '@touyan/schemas';
import { browserAvailable, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import {
  DESKTOP,
  PHONE,
  apiLogin,
  call,
  horizontalOverflow,
  login,
  openPage,
  screenshotsOnFailure,
  shot,
  type ApiUser,
} from './support';

const run = browserAvailable();
const day = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

/**
 * 零工快招 end to end (issue 13): fs_employer posts a job; fs_worker sees it on a 375 px phone with
 * its match reasons and applies in one tap; fs_employer opens the applicants and marks them hired.
 * At a job fair held today, fs_worker opens the fair's page on the phone, signs in by the fair's code
 * and applies to a position there; the staff's figures count one more attendant and intention.
 */
describe.runIf(run)('零工快招: post, match on the phone, apply, hire', () => {
  let server: RunningServer;
  let browser: Browser;
  let current: Page | undefined;
  const pageErrors: string[] = [];
  let employer: ApiUser;
  let job: GigJobView;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    employer = await apiLogin(server, 'fs_employer');
  });
  afterEach((ctx) => screenshotsOnFailure(ctx, 'gigs', { page: current }, pageErrors));
  afterAll(async () => {
    await employer?.api.dispose().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('the employer posts a job and the worker sees it on the phone with its reasons, then applies in one tap', async () => {
    job = await call<GigJobView>(employer, 'POST', '/api/gig-jobs', {
      title: '端到端叉车装卸工',
      kind: 'loading',
      payFen: 23_000,
      payUnit: 'day',
      regionCode: '510322',
      address: '富世街道西湖路66号',
      lat: 29.1805,
      lng: 104.9725,
      startOn: day(2),
      endOn: day(40),
      weekdays: [1, 2, 3, 4, 5],
      dayStart: '08:00',
      dayEnd: '17:00',
      skills: ['forklift'],
      headcount: 2,
      closingOn: day(10),
      contactName: '王经理',
      contactPhone: '13981230000',
    });
    expect(job.status).toBe('open');
    const page = await openPage(browser, 'fs_worker', PHONE, pageErrors);
    current = page;
    await login(page, server, 'fs_worker', '/gigs');
    const card = page.getByTestId('gig-job').filter({ hasText: '端到端叉车装卸工' });
    await card.waitFor();
    const reasons = (await card.getByTestId('gig-reasons').textContent()) ?? '';
    expect(reasons).toMatch(/距离 0\.\d km/);
    expect(reasons).toContain('时间吻合');
    expect(reasons).toContain('技能：叉车证');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'gigs-for-me');
    await card.getByTestId('gig-apply').click();
    await card.getByText('已报名').waitFor();
    await page.context().close();
  });

  it('the employer sees the applicant with the reasons, masked, and marks them hired', async () => {
    const page = await openPage(browser, 'fs_employer', DESKTOP, pageErrors);
    current = page;
    await login(page, server, 'fs_employer', '/gigs/jobs');
    await page.getByTestId('gig-job-title').filter({ hasText: '端到端叉车装卸工' }).click();
    const row = page.locator('.ant-drawer').getByRole('row').filter({ hasText: '技能：叉车证' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/\*\*/);
    await shot(page, 'gigs-applicants');
    await row.getByTestId('gig-hire').click();
    await row.getByText('已录用').waitFor();
    const list = await call<GigIntentionPage>(employer, 'GET', `/api/gig-intentions?jobId=${job.id}`);
    expect(list.items.map((i) => i.status)).toEqual(['hired']);
    const after = await call<GigJobView>(employer, 'GET', `/api/gig-jobs/${job.id}`);
    expect(after.hiredCount).toBe(1);
    await page.context().close();
  });

  it('at a fair held today the worker signs in on the phone by its code and applies there; staff see attendance +1', async () => {
    const staff = await apiLogin(server, 'fs_staff');
    try {
      // Today's fair, organised like the demo's upcoming one, with fs_employer's firm and one position.
      const demo = await call<GigFairPage>(staff, 'GET', `/api/gig-fairs?q=${encodeURIComponent('冬季零工专场')}`);
      const fair = await call<GigFairView>(staff, 'POST', '/api/gig-fairs', {
        title: '端到端现场招聘会',
        mode: 'onsite',
        heldOn: day(0),
        startTime: '00:00',
        endTime: '23:59',
        regionCode: '510322',
        address: '富世街道西湖路零工市场',
        organiserOrgId: demo.items[0]!.organiserOrgId,
        employerIds: [job.hostOrgId],
      });
      await call<GigJobView>(employer, 'POST', '/api/gig-jobs', {
        title: '端到端招聘会普工',
        kind: 'general',
        payFen: 2_000,
        payUnit: 'hour',
        regionCode: '510322',
        address: '富世街道西湖路零工市场',
        lat: 29.181,
        lng: 104.975,
        startOn: day(2),
        endOn: day(30),
        weekdays: [1, 2, 3, 4, 5],
        dayStart: '08:00',
        dayEnd: '17:00',
        skills: [],
        headcount: 3,
        closingOn: day(10),
        contactName: '王经理',
        contactPhone: '13981230000',
        fairId: fair.id,
      });
      const { code } = await call<GigFairCodeView>(staff, 'GET', `/api/gig-fairs/${fair.id}/code`);

      const page = await openPage(browser, 'fs_worker', PHONE, pageErrors);
      current = page;
      await login(page, server, 'fs_worker', `/gigs/fair/${fair.id}`);
      await page.getByTestId('fair-scan').click();
      // Headless Chromium has no camera: the page says so and the code is typed.
      await page.getByTestId('no-camera').waitFor();
      await page.getByTestId('fair-code-input').fill(code);
      await page.getByRole('button', { name: '签到', exact: true }).click();
      await page.getByTestId('fair-signed-in').waitFor();
      const position = page.getByTestId('fair-position').filter({ hasText: '端到端招聘会普工' });
      await position.getByTestId('fair-apply').click();
      await position.getByText('已报名').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'gigs-fair-phone');
      await page.context().close();

      const after = await call<GigFairView>(staff, 'GET', `/api/gig-fairs/${fair.id}`);
      expect([fair.attendance, after.attendance]).toEqual([0, 1]);
      expect([fair.intentions, after.intentions]).toEqual([0, 1]);
    } finally {
      await staff.api.dispose().catch(() => undefined);
    }
    expect(pageErrors).toEqual([]);
  });
});
