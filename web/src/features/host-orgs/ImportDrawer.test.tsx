// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { HostOrgImportView } from '@touyan/schemas';
import { fakeApi, renderPage } from '../../test/render';
import { page, sessionAs } from '../../test/fixtures';
import { ImportDrawer } from './ImportDrawer';

const ID = 'import00000001';
const view = (over: Partial<HostOrgImportView>): HostOrgImportView => ({
  id: ID,
  filename: '台账.xlsx',
  status: 'validated',
  mode: null,
  failureCode: null,
  failureMessage: null,
  total: 3,
  valid: 2,
  invalid: 1,
  created: 0,
  updated: 0,
  unchanged: 0,
  progressDone: 3,
  progressTotal: 3,
  errorCount: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  abilities: ['commit'],
  ...over,
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ledger import drawer', { timeout: 60_000 }, () => {
  it('uploads, lists the bad rows with their reasons, and commits the valid rows', async () => {
    let state = view({});
    const { calls, fetchMock } = fakeApi({
      ...sessionAs(['staff']),
      'POST /host-orgs/imports': () => state,
      [`GET /host-orgs/imports/${ID}`]: () => state,
      [`GET /host-orgs/imports/${ID}/errors`]: page(
        [{ row: 3, column: '统一社会信用代码', code: 'credit_code_check', message: 'x', value: '9121' }],
        null,
      ),
      [`POST /host-orgs/imports/${ID}/commit`]: () => {
        state = view({ status: 'done', mode: 'valid_only', created: 2, abilities: [] });
        return state;
      },
    });
    // The multipart upload goes through fetch with a FormData body, which the fake does not parse.
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      fetchMock(input, init?.body instanceof FormData ? { ...init, body: undefined } : init),
    );
    renderPage(<ImportDrawer open onClose={() => undefined} />);
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    await userEvent.upload(input, new File([new Uint8Array([0x50, 0x4b, 3, 4])], '台账.xlsx'));
    expect(await screen.findByText('统一社会信用代码校验位不正确')).toBeTruthy();
    expect(screen.getByTestId('host-org-import-counts').textContent).toBe('共 3 行：无误 2 行，有误 1 行');
    expect((screen.getByRole('radio', { name: '全部无误才导入' }) as HTMLInputElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: '确认导入' }));
    await waitFor(() =>
      expect(calls.some((c) => c.path === `/host-orgs/imports/${ID}/commit` && c.method === 'POST')).toBe(true),
    );
    expect(calls.find((c) => c.path.endsWith('/commit'))!.body).toEqual({ mode: 'valid_only' });
    expect(await screen.findByText('导入完成：新增 2，更新 0，未变化 0')).toBeTruthy();
  });

  it('says when an import expired (not committed in time, its file deleted) and offers no commit', async () => {
    const { fetchMock } = fakeApi({
      ...sessionAs(['staff']),
      'POST /host-orgs/imports': () => view({ status: 'expired', abilities: [], errorCount: 0 }),
      [`GET /host-orgs/imports/${ID}`]: () => view({ status: 'expired', abilities: [], errorCount: 0 }),
    });
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      fetchMock(input, init?.body instanceof FormData ? { ...init, body: undefined } : init),
    );
    renderPage(<ImportDrawer open onClose={() => undefined} />);
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    await userEvent.upload(input, new File([new Uint8Array([0x50, 0x4b, 3, 4])], '台账.xlsx'));
    expect((await screen.findByTestId('host-org-import-expired')).textContent).toContain('上传的文件已删除');
    expect(screen.getByText('已过期')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '确认导入' })).toBeNull();
  });
});
