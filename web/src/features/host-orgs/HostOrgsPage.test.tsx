// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { creditCodeCheckChar, hostOrgListItem, type HostOrgView, type Role } from '@touyan/schemas';
import { currentLocation, fakeApi, renderPage, type FakeAnswer, type FetchCall } from '../../test/render';
import { page, sessionAs } from '../../test/fixtures';
import HostOrgsPage from './HostOrgsPage';

const PREFIX = '91210603MA0Y8K3L2';
const CREDIT_CODE = PREFIX + creditCodeCheckChar(PREFIX);

const hostOrg = (over: Partial<HostOrgView>): HostOrgView => ({
  id: 'hostorg0001',
  name: '暖心驿站科技有限公司',
  creditCode: CREDIT_CODE,
  category: 'new_economic',
  type: 'private_enterprise',
  industry: 'I',
  sizeClass: 'below',
  regionCode: '210603',
  regionName: '振兴区',
  park: null,
  address: null,
  staffCount: 40,
  partyMemberCount: 3,
  managingOrgId: 'partyorg001',
  managingOrgName: '振兴区社工部',
  partyOrgId: null,
  partyOrgName: null,
  instructorId: null,
  instructorName: null,
  specialistUserId: null,
  specialistName: null,
  coverageStatus: 'uncovered',
  orgCoverageKind: 'none',
  orgFormedOn: null,
  notFormedReason: null,
  notFormedNote: null,
  liaisonName: null,
  workCoveredSince: null,
  hasFixedPremises: false,
  operatingNormally: true,
  threeHas: false,
  leaderContactUserId: null,
  leaderContactName: null,
  version: 3,
  createdAt: '2025-03-01T02:00:00.000Z',
  updatedAt: '2025-03-01T02:00:00.000Z',
  abilities: [],
  ...over,
});
const EDITABLE = hostOrg({ id: 'hostorg0001', abilities: ['update'] });
const READONLY = hostOrg({ id: 'hostorg0002', name: '红色物业服务中心', abilities: [] });
/** A list row as the server sends it: the table's columns only (the form loads the whole record). */
const row = (h: HostOrgView) => hostOrgListItem.parse(h);

/** The API the page and its form talk to, as `roles` see it; `extra` adds or overrides routes. */
function hostOrgApi(roles: Role[], extra: Record<string, FakeAnswer> = {}) {
  return fakeApi({
    ...sessionAs(roles),
    'GET /host-orgs': page([row(EDITABLE), row(READONLY)], null, 2),
    'GET /host-orgs/hostorg0001': EDITABLE,
    'GET /host-orgs/parks': { items: [] },
    'GET /regions': { items: [] },
    'GET /party-orgs/tree': { items: [] },
    'GET /instructors': { items: [] },
    'GET /users': page([]),
    ...extra,
  });
}

const listQueries = (calls: FetchCall[]) => calls.filter((c) => c.path === '/host-orgs').map((c) => c.query);
/** The message under the form field labelled `label` (empty when there is none). */
const errorUnder = (label: string) => {
  const item = within(drawer()).getByLabelText(label).closest('.ant-form-item') as HTMLElement;
  return [...item.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent).join(' ');
};
const drawer = () => screen.getByRole('dialog');

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('host organisations list', { timeout: 60_000 }, () => {
  it('offers staff 新增组织 and 编辑 on exactly the rows whose abilities allow it', async () => {
    hostOrgApi(['staff']);
    renderPage(<HostOrgsPage />, { path: '/host-orgs' });
    await screen.findByText(EDITABLE.name);
    expect(screen.getByRole('button', { name: /新增组织/ })).toBeTruthy();
    expect(screen.getByLabelText(`编辑 ${EDITABLE.name}`)).toBeTruthy();
    expect(screen.queryByLabelText(`编辑 ${READONLY.name}`)).toBeNull();
    expect(screen.getByTestId('host-org-total').textContent).toBe('共 2 条，已显示 2 条');
  });

  it('offers a member, who may only read, neither 新增组织 nor 编辑', async () => {
    hostOrgApi(['member'], { 'GET /host-orgs': page([row(EDITABLE)], null, 1) });
    renderPage(<HostOrgsPage />, { path: '/host-orgs' });
    await screen.findByText(EDITABLE.name);
    expect(screen.queryByRole('button', { name: /新增组织/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /编辑/ })).toBeNull();
  });

  it('reads its filters from the address, searches into the address and 重置 clears them all', async () => {
    const { calls } = hostOrgApi(['staff']);
    const user = userEvent.setup({ delay: null });
    renderPage(<HostOrgsPage />, { path: '/host-orgs?type=social_group&q=%E9%A9%BF%E7%AB%99' });
    await screen.findByText(EDITABLE.name);
    expect(listQueries(calls)[0]).toEqual({ q: '驿站', type: 'social_group', limit: '20', withTotal: '1' });
    const search = screen.getByRole('searchbox', { name: '搜索组织名称或统一社会信用代码' });
    expect((search as HTMLInputElement).value).toBe('驿站');

    await user.clear(search);
    await user.paste('物业');
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(listQueries(calls).at(-1)).toEqual({ q: '物业', type: 'social_group', limit: '20', withTotal: '1' }),
    );
    expect(decodeURIComponent(currentLocation())).toBe('/host-orgs?q=物业&type=social_group');

    await user.click(screen.getByRole('button', { name: /重\s*置/ }));
    await waitFor(() => expect(currentLocation()).toBe('/host-orgs'));
    await waitFor(() => expect(listQueries(calls).at(-1)).toEqual({ limit: '20', withTotal: '1' }));
    expect((search as HTMLInputElement).value).toBe('');
  });
});

describe('host organisation form', { timeout: 60_000 }, () => {
  it('saving an empty new organisation says under each required field what is missing and sends nothing', async () => {
    const { calls } = hostOrgApi(['staff']);
    const user = userEvent.setup({ delay: null });
    renderPage(<HostOrgsPage creating />, { path: '/host-orgs/new' });
    expect(await within(drawer()).findByText('新增两新组织')).toBeTruthy();
    await user.click(screen.getByTestId('drawer-save'));
    await waitFor(() => expect(errorUnder('组织名称')).toBe('必填'));
    expect(errorUnder('统一社会信用代码')).toBe('必填');
    expect(errorUnder('所在行政区划')).toBe('必填');
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('refuses a credit code with a wrong check character as soon as the field is left', async () => {
    hostOrgApi(['staff']);
    const user = userEvent.setup({ delay: null });
    renderPage(<HostOrgsPage creating />, { path: '/host-orgs/new' });
    const wrong = PREFIX + (CREDIT_CODE.endsWith('0') ? '1' : '0');
    await user.click(await screen.findByLabelText('统一社会信用代码'));
    await user.paste(wrong);
    await user.tab();
    await waitFor(() => expect(errorUnder('统一社会信用代码')).toBe('统一社会信用代码校验位不正确，请核对营业执照'));
  });

  it('saves an edit with the version it was shown, then closes and says 已保存', async () => {
    const { calls } = hostOrgApi(['staff'], {
      'PATCH /host-orgs/hostorg0001': (call: FetchCall) => ({ ...EDITABLE, ...(call.body as object), version: 4 }),
    });
    const user = userEvent.setup({ delay: null });
    renderPage(<HostOrgsPage />, { path: '/host-orgs' });
    await user.click(await screen.findByLabelText(`编辑 ${EDITABLE.name}`));
    // The form opens on the whole record, loaded from GET /host-orgs/:id (the list row has only the columns).
    await waitFor(() =>
      expect((within(drawer()).getByLabelText('组织名称') as HTMLInputElement).value).toBe(EDITABLE.name),
    );
    expect(calls.some((c) => c.method === 'GET' && c.path === '/host-orgs/hostorg0001')).toBe(true);
    const name = within(drawer()).getByLabelText('组织名称');
    await user.clear(name);
    await user.paste('暖心驿站（振兴）科技有限公司');
    await user.click(screen.getByTestId('drawer-save'));
    await screen.findByText('已保存');
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toMatchObject({
      name: '暖心驿站（振兴）科技有限公司',
      creditCode: CREDIT_CODE,
      managingOrgId: 'partyorg001',
      staffCount: 40,
      version: 3,
    });
    await waitFor(() => expect(screen.queryByText('编辑两新组织')).toBeNull());
  });

  it('shows the server’s “already registered” under the credit code and keeps the drawer open', async () => {
    hostOrgApi(['staff'], {
      'PATCH /host-orgs/hostorg0001': {
        status: 409,
        body: { code: 'CREDIT_CODE_DUPLICATE', message: '该统一社会信用代码已登记' },
      },
    });
    const user = userEvent.setup({ delay: null });
    renderPage(<HostOrgsPage />, { path: '/host-orgs' });
    await user.click(await screen.findByLabelText(`编辑 ${EDITABLE.name}`));
    await waitFor(() =>
      expect((within(drawer()).getByLabelText('组织名称') as HTMLInputElement).value).toBe(EDITABLE.name),
    );
    await user.click(screen.getByTestId('drawer-save'));
    await waitFor(() => expect(errorUnder('统一社会信用代码')).toBe('该统一社会信用代码已登记'));
    expect(screen.getByText('编辑两新组织')).toBeTruthy();
  });

  it('on a version conflict offers to load the latest version and shows it in the form', async () => {
    const { calls } = hostOrgApi(['staff'], {
      'PATCH /host-orgs/hostorg0001': {
        status: 409,
        body: { code: 'VERSION_CONFLICT', message: '该记录已被他人修改，请刷新后重新编辑' },
      },
      // Opening the form loads the record; after the conflict, 加载最新版本 loads the other's version.
      'GET /host-orgs/hostorg0001': (call: FetchCall) =>
        calls.filter((c) => c.path === call.path).length > 1
          ? { ...EDITABLE, name: '他人改过的名称', version: 4 }
          : EDITABLE,
    });
    const user = userEvent.setup({ delay: null });
    renderPage(<HostOrgsPage />, { path: '/host-orgs' });
    await user.click(await screen.findByLabelText(`编辑 ${EDITABLE.name}`));
    await waitFor(() =>
      expect((within(drawer()).getByLabelText('组织名称') as HTMLInputElement).value).toBe(EDITABLE.name),
    );
    await user.click(screen.getByTestId('drawer-save'));
    expect(await screen.findByText('该记录已被他人修改，请刷新后重新编辑')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '加载最新版本' }));
    await waitFor(() =>
      expect((within(drawer()).getByLabelText('组织名称') as HTMLInputElement).value).toBe('他人改过的名称'),
    );
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
  });
});
