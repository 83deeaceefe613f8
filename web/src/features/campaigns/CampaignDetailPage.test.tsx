// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CampaignView, Role } from '@touyan/schemas';
import { buttonsShown, fakeApi, renderPage } from '../../test/render';
import { sessionAs } from '../../test/fixtures';
import CampaignDetailPage from './CampaignDetailPage';

const campaign = (over: Partial<CampaignView>): CampaignView => ({
  id: 'campaign001',
  name: '2025年度书记项目',
  year: 2025,
  codePrefix: 'ZX',
  orgId: 'o1',
  orgName: '振兴区社工部',
  status: 'published',
  themes: [],
  eligibleOrgTypes: [],
  criteria: [],
  declareFrom: '2025-03-01',
  declareTo: '2025-03-31',
  reviewDates: [],
  reportDueDays: 10,
  reportDueDates: [],
  contestDate: null,
  description: null,
  windowOpen: false,
  counts: { declared: 0, approved: 0, challenges: 0 },
  version: 2,
  abilities: [],
  ...over,
});
const BUTTONS = ['申报项目', '发布', '编辑', '结束活动'];

async function open(roles: Role[], c: CampaignView, extra: Record<string, unknown> = {}) {
  const api = fakeApi({ ...sessionAs(roles), [`GET /campaigns/${c.id}`]: c, ...extra });
  renderPage(<CampaignDetailPage />, { path: `/campaigns/${c.id}`, route: '/campaigns/:id' });
  await screen.findByTestId('campaign-detail');
  return api;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('campaign page: the buttons follow the abilities and the declaration window', { timeout: 60_000 }, () => {
  it('offers staff 发布 and 编辑 on a draft, and nothing to declare', async () => {
    await open(['staff'], campaign({ status: 'draft', abilities: ['publish', 'update'] }));
    expect(buttonsShown(BUTTONS)).toEqual(['发布', '编辑']);
  });

  it('offers 编辑 and 结束活动 on a published campaign, and no 编辑 once it is closed', async () => {
    await open(['staff'], campaign({ abilities: ['update', 'close'] }));
    expect(buttonsShown(BUTTONS)).toEqual(['编辑', '结束活动']);
    cleanup();
    await open(['staff'], campaign({ status: 'closed', abilities: ['update'] }));
    expect(buttonsShown(BUTTONS)).toEqual([]);
  });

  it('offers a secretary 申报项目 only while the declaration window is open', async () => {
    await open(['secretary'], campaign({ windowOpen: true }));
    expect(buttonsShown(BUTTONS)).toEqual(['申报项目']);
    cleanup();
    await open(['secretary'], campaign({ windowOpen: false }));
    expect(buttonsShown(BUTTONS)).toEqual([]);
  });

  it('publishes after confirmation, sending the version shown', async () => {
    const c = campaign({ status: 'draft', abilities: ['publish'] });
    const { calls } = await open(['staff'], c, {
      'POST /campaigns/campaign001/publish': { ...c, status: 'published', version: 3 },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: /发\s*布/ }));
    expect(calls.filter((x) => x.method === 'POST')).toEqual([]);
    const dialog = await screen.findByRole('dialog');
    await user.click([...dialog.querySelectorAll('button')].find((b) => b.className.includes('ant-btn-primary'))!);
    await waitFor(() => expect(document.querySelector('.ant-message')?.textContent).toContain('已发布'));
    expect(calls.filter((x) => x.method === 'POST')).toEqual([
      { method: 'POST', path: '/campaigns/campaign001/publish', body: { version: 2 } },
    ]);
  });
});
