// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { JobView } from '@touyan/schemas';
import { fakeApi, renderPage } from '../../test/render';
import JobsPage from './JobsPage';

const job = (over: Partial<JobView>): JobView => ({
  id: '01JOBFAILED0000000000000000',
  name: 'report-reminders',
  state: 'failed',
  retryCount: 3,
  retryLimit: 3,
  singletonKey: 'schedule:report-reminders',
  createdAt: '2026-03-01T02:00:00.000Z',
  startAfter: '2026-03-01T02:00:00.000Z',
  startedAt: '2026-03-01T02:08:00.000Z',
  completedAt: '2026-03-01T02:08:01.000Z',
  progress: null,
  error: '数据库连接中断',
  ...over,
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('JobsPage', { timeout: 40_000 }, () => {
  it('lists the failed jobs with their failure, and retries one after confirmation', async () => {
    const { calls } = fakeApi({
      'GET /admin/jobs': { items: [job({})] },
      'POST /admin/jobs/01JOBFAILED0000000000000000/retry': job({ state: 'retry', retryLimit: 4 }),
    });
    // antd's table fades its spinner out (pointer-events: none for a moment): not what is tested here.
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    renderPage(<JobsPage />);
    expect(await screen.findByText('季度报告提醒')).toBeTruthy();
    expect(screen.getByText('数据库连接中断')).toBeTruthy();
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/admin/jobs', query: { state: 'failed', limit: '100' } });
    await user.click(await screen.findByRole('button', { name: /重\s*试/ }));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    await user.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await screen.findByText('已重新排队');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/admin/jobs/01JOBFAILED0000000000000000/retry',
    ]);
  });

  it('offers no retry for a job that has not failed', async () => {
    fakeApi({ 'GET /admin/jobs': { items: [job({ state: 'completed', error: null, name: 'upload-cleanup' })] } });
    renderPage(<JobsPage />);
    expect(await screen.findByText('清理未关联附件')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /重\s*试/ })).toBeNull();
  });
});
