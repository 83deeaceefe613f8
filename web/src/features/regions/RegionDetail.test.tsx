// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import type { RegionView, Role } from '@touyan/schemas';
import { buttonsShown, fakeApi, renderPage } from '../../test/render';
import { sessionAs } from '../../test/fixtures';
import { RegionDetail } from './RegionDetail';

const region = (abilities: string[]): RegionView => ({
  code: '210603',
  name: '振兴区',
  parentCode: null,
  level: 3,
  fullName: '辽宁省丹东市振兴区',
  hasChildren: true,
  version: 1,
  abilities,
});
const BUTTONS = ['修改名称', '新增下级', '调整上级'];

async function open(roles: Role[], abilities: string[]) {
  fakeApi({ ...sessionAs(roles), 'GET /regions/210603': region(abilities) });
  renderPage(<RegionDetail code="210603" onChanged={() => undefined} onSelect={() => undefined} />);
  await screen.findByTestId('region-detail');
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe(
  'region detail: the buttons need both the abilities and the region.write permission',
  { timeout: 60_000 },
  () => {
    it('offers the administrator the actions the record allows', async () => {
      await open(['admin'], ['update', 'createChild', 'move']);
      expect(buttonsShown(BUTTONS)).toEqual(BUTTONS);
      cleanup();
      await open(['admin'], ['createChild']);
      expect(buttonsShown(BUTTONS)).toEqual(['新增下级']);
    });

    it('offers nothing and says so to staff, who lack region.write, whatever the record says', async () => {
      await open(['staff'], ['update', 'createChild', 'move']);
      expect(buttonsShown(BUTTONS)).toEqual([]);
      expect(screen.getByText('您只有查看权限')).toBeTruthy();
    });
  },
);
