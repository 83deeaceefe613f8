// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import type { PartyOrgView } from '@touyan/schemas';
import { buttonsShown, fakeApi, renderPage } from '../../test/render';
import { sessionAs } from '../../test/fixtures';
import { PartyOrgDetail } from './PartyOrgDetail';

const org = (abilities: string[]): PartyOrgView => ({
  id: 'partyorg001',
  name: '振兴区快递行业党委',
  type: 'park_committee',
  parentId: null,
  regionCode: '210603',
  regionName: '振兴区',
  secretaryName: '王书记',
  secretaryUserId: null,
  contactPhoneMasked: '138****1234',
  establishedOn: '2019-07-01',
  memberCount: 35,
  note: null,
  depth: 0,
  childCount: 2,
  version: 1,
  updatedAt: '2025-03-01T02:00:00.000Z',
  abilities,
});
const BUTTONS = ['新增下级', '编辑', '移动', '删除'];

async function open(abilities: string[]) {
  const o = org(abilities);
  fakeApi({ ...sessionAs(['staff']), [`GET /party-orgs/${o.id}`]: o, 'GET /party-orgs/tree': { items: [o] } });
  renderPage(<PartyOrgDetail id={o.id} all={[o]} onSelect={() => undefined} />);
  await screen.findByTestId('party-org-detail');
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Party organisation detail: the buttons follow the abilities', { timeout: 60_000 }, () => {
  it('shows each action the abilities allow, and only those', async () => {
    await open(['createChild', 'update', 'move', 'delete']);
    expect(buttonsShown(BUTTONS)).toEqual(BUTTONS);
    expect(screen.queryByText('您只有查看权限')).toBeNull();
    cleanup();
    await open(['update']);
    expect(buttonsShown(BUTTONS)).toEqual(['编辑']);
  });

  it('says the user can only view when no action is allowed', async () => {
    await open([]);
    expect(buttonsShown(BUTTONS)).toEqual([]);
    expect(screen.getByText('您只有查看权限')).toBeTruthy();
    expect(screen.getByText('138****1234')).toBeTruthy();
  });
});
