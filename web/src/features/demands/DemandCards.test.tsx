// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DemandView, RoleBindingView } from '@touyan/schemas';
import { buttonsShown, fakeApi, renderPage, type FetchCall } from '../../test/render';
import { lastStep } from './DemandCards';
import DemandsPage from './DemandsPage';

/** The page believes it is on a phone (375 px) unless a test says otherwise. */
const screenSize = vi.hoisted(() => ({ mobile: true }));
vi.mock('../../components/useIsMobile', () => ({ useIsMobile: () => screenSize.mobile }));

const row = (id: string, patch: Partial<DemandView> = {}): DemandView => ({
  id,
  hostOrgId: 'h1000000001',
  hostOrgName: '富顺晨光科技有限公司',
  category: 'policy',
  source: 'contact',
  visitId: null,
  challengeId: null,
  hostOrgRegionCode: '510322',
  challenge: null,
  title: `申请专精特新认定辅导 ${id}`,
  description: '希望经信部门上门辅导',
  amountAskedFen: null,
  amountGrantedFen: null,
  status: 'accepted',
  leadDepartment: { id: 'dep0000001', name: '富顺县经济和信息化局' },
  assistDepartments: [],
  receivedOn: '2025-09-30',
  signDueOn: '2025-10-09',
  replyDueOn: '2025-10-10',
  resolveDueOn: '2025-10-28',
  acceptedAt: '2025-10-08T02:00:00.000Z',
  firstReplyAt: null,
  resolvedAt: null,
  result: null,
  ratedAt: null,
  rating: null,
  closedAt: null,
  reopenedCount: 0,
  escalatedAt: null,
  overdueStep: null,
  createdAt: '2025-09-30T02:00:00.000Z',
  version: 2,
  abilities: [],
  ...patch,
});

const binding = (role: RoleBindingView['role'], hostOrg?: string): RoleBindingView => ({
  id: `rb-${role}`,
  role,
  orgId: 'o1',
  orgName: '富顺县',
  hostOrgId: hostOrg ?? null,
  hostOrgName: hostOrg ? '富顺晨光科技有限公司' : null,
});

const session = (roles: RoleBindingView[], permissions: string[]) => ({
  me: { id: 'u1', username: 'u', displayName: 'U', roles, permissions, csrfToken: 'x' },
});
const CONTACT = session([binding('contact', 'h1000000001')], ['demand.read', 'demand.create', 'demand.rate']);
const HANDLER = session([binding('handler')], ['demand.read', 'demand.handle']);

/** Two pages of the list: the first names a cursor, the second ends it. */
const pages = (call: FetchCall) =>
  call.query?.cursor === 'c2'
    ? { items: [row('d3')], nextCursor: null }
    : {
        items: [row('d1', { overdueStep: 'reply' }), row('d2', { status: 'received', acceptedAt: null })],
        nextCursor: 'c2',
      };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  screenSize.mobile = true;
});

describe('the demands list at phone width', { timeout: 40_000 }, () => {
  it('shows cards (title, status, category, firm, due date, last step), no table, and loads more by cursor', async () => {
    const { calls } = fakeApi({ 'GET /auth/session': HANDLER, 'GET /demands': pages });
    const user = userEvent.setup({ delay: null });
    renderPage(<DemandsPage />, { path: '/demands' });
    const card = await screen.findByTestId('demand-card-d1');
    expect(within(card).getByText('申请专精特新认定辅导 d1')).toBeTruthy();
    expect(within(card).getByText('已签收')).toBeTruthy();
    expect(within(card).getByText('超期')).toBeTruthy();
    expect(within(card).getByText('政策')).toBeTruthy();
    expect(within(card).getByText('富顺晨光科技有限公司')).toBeTruthy();
    expect(within(card).getByText(/办结期限 2025-10-28 · 最近：签收 2025-10-08/)).toBeTruthy();
    // Not yet signed for: the sign-off date is the one that matters.
    expect(within(screen.getByTestId('demand-card-d2')).getByText(/签收期限 2025-10-09 · 最近：受理登记/)).toBeTruthy();
    expect(document.querySelector('.ant-table')).toBeNull();
    expect(screen.queryByTestId('demand-card-d3')).toBeNull();

    await user.click(screen.getByRole('button', { name: /加载更多/ }));
    await screen.findByTestId('demand-card-d3');
    expect(calls.filter((c) => c.path === '/demands').map((c) => c.query?.cursor)).toEqual([undefined, 'c2']);
    expect(screen.queryByRole('button', { name: /加载更多/ })).toBeNull();
  });

  it('filters by status (segmented) and by search, in the query sent', async () => {
    const { calls } = fakeApi({ 'GET /auth/session': HANDLER, 'GET /demands': pages });
    const user = userEvent.setup({ delay: null });
    renderPage(<DemandsPage />, { path: '/demands' });
    await screen.findByTestId('demand-card-d1');
    await user.click(within(screen.getByTestId('demand-status-filter')).getByText('待签收'));
    await waitFor(() => expect(calls.some((c) => c.path === '/demands' && c.query?.status === 'received')).toBe(true));
    await user.type(screen.getByRole('searchbox', { name: '搜索诉求标题、内容或企业名称' }), '辅导{Enter}');
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/demands' && c.query?.q === '辅导' && c.query.status === 'received')).toBe(
        true,
      ),
    );
  });

  it('opens the drawer from a card, with the actions as large full-width buttons', async () => {
    fakeApi({
      'GET /auth/session': HANDLER,
      'GET /demands': pages,
      'GET /demands/d1': { ...row('d1'), abilities: ['reply', 'transfer'], timeline: [] },
    });
    const user = userEvent.setup({ delay: null });
    renderPage(<DemandsPage />, { path: '/demands' });
    await user.click(await screen.findByTestId('demand-card-d1'));
    await screen.findByText('希望经信部门上门辅导');
    const actions = screen.getByTestId('demand-actions');
    const buttons = within(actions).getAllByRole('button');
    expect(buttons.map((b) => b.textContent?.replace(/\s+/g, ''))).toEqual(['首次答复', '转办']);
    for (const b of buttons) expect(b.className).toMatch(/ant-btn-lg.*ant-btn-block|ant-btn-block.*ant-btn-lg/);
  });

  it('the enterprise contact sees 提交诉求 and no export or figures; the handler neither 提交诉求', async () => {
    fakeApi({ 'GET /auth/session': CONTACT, 'GET /demands': pages });
    renderPage(<DemandsPage />, { path: '/demands' });
    await screen.findByTestId('demand-card-d1');
    await waitFor(() => expect(buttonsShown(['提交诉求', '导出', '接诉即办指标'])).toEqual(['提交诉求']));
    expect(screen.queryByRole('link', { name: /导\s*出/ })).toBeNull();
    cleanup();

    fakeApi({ 'GET /auth/session': HANDLER, 'GET /demands': pages });
    renderPage(<DemandsPage />, { path: '/demands' });
    await screen.findByTestId('demand-card-d1');
    expect(screen.queryByTestId('demand-create')).toBeNull();
  });

  it('on a desktop the contact still sees neither export nor figures; the handler sees both', async () => {
    screenSize.mobile = false;
    fakeApi({ 'GET /auth/session': CONTACT, 'GET /demands': pages });
    renderPage(<DemandsPage />, { path: '/demands' });
    await screen.findByText('申请专精特新认定辅导 d1');
    expect(document.querySelector('.ant-table')).not.toBeNull();
    await waitFor(() => expect(screen.queryByTestId('demand-create')).not.toBeNull());
    expect(buttonsShown(['导出', '接诉即办指标'])).toEqual([]);
    expect(screen.queryByRole('link', { name: /导\s*出/ })).toBeNull();
    cleanup();

    fakeApi({ 'GET /auth/session': HANDLER, 'GET /demands': pages });
    renderPage(<DemandsPage />, { path: '/demands' });
    await screen.findByText('申请专精特新认定辅导 d1');
    await waitFor(() => expect(buttonsShown(['接诉即办指标'])).toEqual(['接诉即办指标']));
    expect(screen.getByRole('link', { name: /导\s*出/ }).getAttribute('href')).toBe('/api/demands/export.xlsx');
  });

  it('the contact raises a demand for their own firm (source contact)', async () => {
    const { calls } = fakeApi({
      'GET /auth/session': CONTACT,
      'GET /demands': pages,
      'POST /demands': { ...row('d9'), timeline: [] },
      'GET /demands/d9': { ...row('d9'), timeline: [] },
    });
    const user = userEvent.setup({ delay: null });
    renderPage(<DemandsPage />, { path: '/demands' });
    await user.click(await screen.findByTestId('demand-create'));
    const drawer = await screen.findByRole('dialog');
    await user.click(within(drawer).getByRole('combobox', { name: '类别' }));
    await user.click(await screen.findByTitle('政策'));
    await user.type(within(drawer).getByRole('textbox', { name: '诉求' }), '申请用电增容');
    await user.type(within(drawer).getByRole('textbox', { name: '诉求内容' }), '新产线需要增容');
    await user.click(screen.getByTestId('demand-create-submit'));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        {
          method: 'POST',
          path: '/demands',
          body: {
            hostOrgId: 'h1000000001',
            category: 'policy',
            title: '申请用电增容',
            description: '新产线需要增容',
            source: 'contact',
            amountAskedFen: null,
            visitId: null,
            leadDepartmentId: null,
            assistDepartmentIds: [],
          },
        },
      ]),
    );
  });
});

describe('lastStep', () => {
  it('is the latest timestamp among the steps, else the registration', () => {
    expect(lastStep(row('a', { acceptedAt: null }))).toEqual({ kind: 'create', at: '2025-09-30T02:00:00.000Z' });
    expect(
      lastStep(row('a', { resolvedAt: '2025-10-20T02:00:00.000Z', firstReplyAt: '2025-10-09T02:00:00.000Z' })).kind,
    ).toBe('resolve');
  });
});
