// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { HostOrgView } from '@touyan/schemas';
import { fakeApi, renderPage } from '../../test/render';
import { sessionAs } from '../../test/fixtures';
import HostOrgDetailPage from './HostOrgDetailPage';

const org: HostOrgView = {
  id: 'hostorg0001',
  name: '富顺恒信昌纺织有限公司',
  creditCode: '91510322MA0000000X',
  category: 'new_economic',
  type: 'private_enterprise',
  industry: 'C',
  sizeClass: 'above',
  regionCode: '510322',
  regionName: '富顺县',
  park: null,
  address: null,
  staffCount: 320,
  partyMemberCount: 2,
  managingOrgId: 'partyorg001',
  managingOrgName: '富顺县"两新"工委',
  partyOrgId: null,
  partyOrgName: null,
  instructorId: null,
  instructorName: null,
  specialistUserId: null,
  specialistName: null,
  coverageStatus: 'work_covered',
  orgCoverageKind: 'none',
  orgFormedOn: null,
  notFormedReason: 'few_members',
  notFormedNote: null,
  liaisonName: '王联络',
  workCoveredSince: '2024-01-02',
  hasFixedPremises: true,
  operatingNormally: true,
  threeHas: true,
  leaderContactUserId: null,
  leaderContactName: null,
  version: 2,
  createdAt: '2025-03-01T02:00:00.000Z',
  updatedAt: '2025-03-01T02:00:00.000Z',
  abilities: ['update'],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the host organisation ledger tabs', () => {
  it('shows the two coverages, 交叉任职 and the assignment history', { timeout: 20_000 }, async () => {
    fakeApi({
      ...sessionAs(['staff']),
      'GET /host-orgs/hostorg0001': org,
      'GET /host-orgs/hostorg0001/cross-posts': {
        items: [
          {
            id: 'crosspost01',
            hostOrgId: org.id,
            personName: '张书记',
            partyPost: '党支部书记',
            managementPost: '副总经理',
            since: '2024-03-01',
            until: null,
            version: 1,
            createdAt: org.createdAt,
            updatedAt: org.updatedAt,
          },
        ],
      },
      'GET /host-orgs/hostorg0001/assignments': {
        items: [
          {
            id: 'assignment1',
            kind: 'liaison',
            personId: null,
            personName: '王联络',
            startedOn: '2024-01-02',
            endedOn: null,
            assignedBy: null,
            assignedByName: '县社工部',
            reason: null,
            createdAt: org.createdAt,
          },
        ],
      },
    });
    renderPage(<HostOrgDetailPage />, { path: '/host-orgs/hostorg0001', route: '/host-orgs/:id' });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('tab', { name: '两个覆盖' }));
    const tab = await screen.findByTestId('coverage-tab');
    expect(within(tab).getByText('应建未建')).toBeTruthy();
    expect(within(tab).getByText('党员人数不足3人')).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: '交叉任职' }));
    expect(await screen.findByText('张书记')).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: '分配记录' }));
    expect(await screen.findByText('县社工部')).toBeTruthy();
    expect(screen.getByText('在任')).toBeTruthy();
  });
});
