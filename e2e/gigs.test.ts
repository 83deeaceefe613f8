import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { GigIntentionPage, GigJobView } from '@touyan/schemas';
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
    expect(pageErrors).toEqual([]);
  });
});
