// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DemandDetailView } from '@touyan/schemas';
import { buttonsShown, fakeApi, renderPage } from '../../test/render';
import { DemandDrawer } from './DemandsPage';

const demand = (abilities: DemandDetailView['abilities']): DemandDetailView => ({
  id: 'd1000000001',
  hostOrgId: 'h1000000001',
  hostOrgName: '富顺晨光科技有限公司',
  category: 'policy',
  source: 'contact',
  visitId: null,
  challengeId: null,
  hostOrgRegionCode: '210603',
  challenge: null,
  title: '申请专精特新认定辅导',
  description: '希望经信部门上门辅导',
  amountAskedFen: null,
  amountGrantedFen: null,
  status: 'received',
  leadDepartment: { id: 'dep0000001', name: '富顺县经济和信息化局' },
  assistDepartments: [],
  receivedOn: '2025-09-30',
  signDueOn: '2025-10-09',
  replyDueOn: '2025-10-10',
  resolveDueOn: '2025-10-28',
  acceptedAt: null,
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
  abilities,
  timeline: [
    {
      id: 'e1',
      kind: 'route',
      actorName: '企业联系人',
      note: null,
      fromDepartmentName: null,
      toDepartmentName: '富顺县经济和信息化局',
      at: '2025-09-30T02:00:00.000Z',
    },
  ],
});

const ACTIONS = ['签收', '首次答复', '办结', '转办', '退回', '评价', '重新分办', '关闭（未评价）'];

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('DemandDrawer', { timeout: 20_000 }, () => {
  it('shows the timeline and exactly the buttons the abilities allow', async () => {
    fakeApi({ 'GET /demands/d1000000001': demand(['accept', 'transfer', 'return']) });
    renderPage(<DemandDrawer id="d1000000001" onClose={() => undefined} />);
    await screen.findByText('富顺晨光科技有限公司');
    expect(buttonsShown(ACTIONS)).toEqual(['签收', '转办', '退回']);
    expect(screen.getByText('分办')).toBeTruthy();
  });

  it('shows the challenge the demand backs and the escalation to the leader contact; posting is not a drawer button', async () => {
    fakeApi({
      'GET /demands/d1000000001': {
        ...demand(['reroute', 'post_to_board']),
        challengeId: 'c1000000001',
        challenge: { id: 'c1000000001', title: '园区企业用工招聘难', status: 'open' },
        timeline: [
          ...demand([]).timeline,
          {
            id: 'e2',
            kind: 'escalate',
            actorName: null,
            note: 'sign',
            fromDepartmentName: null,
            toDepartmentName: null,
            at: '2025-10-10T02:00:00.000Z',
          },
          {
            id: 'e3',
            kind: 'escalate_leader',
            actorName: null,
            note: '王县长',
            fromDepartmentName: null,
            toDepartmentName: null,
            at: '2025-10-10T02:00:00.000Z',
          },
        ],
      },
    });
    renderPage(<DemandDrawer id="d1000000001" onClose={() => undefined} />);
    await screen.findByText('园区企业用工招聘难');
    expect(screen.getByText('已提级至联系领导 王县长')).toBeTruthy();
    expect(screen.getByText('签收超期')).toBeTruthy();
    expect(buttonsShown(ACTIONS)).toEqual(['重新分办']);
    expect(screen.queryByRole('button', { name: '发布到揭榜' })).toBeNull();
  });

  it('links a demand raised on a visit to that visit (/visits?visit=<id>) for whoever reads visits', async () => {
    fakeApi({
      'GET /demands/d1000000001': { ...demand([]), source: 'visit', visitId: 'v1000000001' },
      'GET /auth/session': { me: { permissions: ['demand.read', 'visit.read'], csrfToken: 'x' } },
    });
    renderPage(<DemandDrawer id="d1000000001" onClose={() => undefined} />);
    const link = await screen.findByTestId('demand-visit');
    expect(link.getAttribute('href')).toBe('/visits?visit=v1000000001');
    expect(screen.getByText('来源走访')).toBeTruthy();
  });

  it('signs for the demand with the version it was shown', async () => {
    const { calls } = fakeApi({
      'GET /demands/d1000000001': demand(['accept']),
      'POST /demands/d1000000001/accept': { ...demand([]), status: 'accepted', version: 3 },
    });
    const user = userEvent.setup({ delay: null });
    renderPage(<DemandDrawer id="d1000000001" onClose={() => undefined} />);
    await screen.findByText('富顺晨光科技有限公司');
    await user.click(screen.getByRole('button', { name: /签\s*收/ }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        { method: 'POST', path: '/demands/d1000000001/accept', body: { version: 2 } },
      ]),
    );
  });
});
