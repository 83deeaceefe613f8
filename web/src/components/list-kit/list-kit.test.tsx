// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CAMPAIGN_STATUSES, type CampaignStatus, type CampaignView } from '@touyan/schemas';
import { currentLocation, fakeApi, renderPage, type FetchCall } from '../../test/render';
import { page } from '../../test/fixtures';
import { I18nProvider } from '../../i18n';
import { InfiniteTable } from './InfiniteTable';
import { FilterAlert } from './FilterAlert';
import { ListFooter } from './ListFooter';
import { useRouteList } from './query';
import { StatusSegmented, useStatusParam } from './StatusFilter';

interface Row {
  id: string;
  name: string;
}
const ROWS: Row[] = [
  { id: 'r1', name: '红色物业' },
  { id: 'r2', name: '暖心驿站' },
  { id: 'r3', name: '快递小哥之家' },
];

/** A list page as the features build it: a status filter in the address bar over a keyset table of a list route. */
function ThingsList({ empty }: { empty?: string }) {
  const [status, setStatus] = useStatusParam<CampaignStatus>();
  const list = useRouteList({
    queryKey: ['things', status],
    path: '/campaigns',
    query: { status },
    limit: 2,
    withTotal: true,
  });
  return (
    <>
      <StatusSegmented value={status} onChange={setStatus} dict={CAMPAIGN_STATUSES} codes={['draft', 'published']} />
      <InfiniteTable<CampaignView>
        query={list}
        columns={[{ title: '名称', dataIndex: 'name' }]}
        empty={empty}
        footer={{ total: true, noMore: true, countTestId: 'count' }}
      />
    </>
  );
}

/** Two rows per page over ROWS (filtered by status: `draft` has only the last row); cursors are row ids. */
function pagedThings(call: FetchCall) {
  const q = call.query ?? {};
  const rows = q.status === 'draft' ? ROWS.slice(2) : ROWS;
  const start = q.cursor ? rows.findIndex((r) => r.id === q.cursor) + 1 : 0;
  const items = rows.slice(start, start + Number(q.limit));
  const more = start + items.length < rows.length;
  return page(items, more ? items[items.length - 1]!.id : null, q.withTotal ? rows.length : undefined);
}

const names = () =>
  screen
    .queryAllByRole('row')
    .slice(1)
    .map((r) => r.textContent);
const listCalls = (calls: FetchCall[]) => calls.filter((c) => c.path === '/campaigns').map((c) => c.query);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('list kit: keyset pages, filters in the address bar, empty and error states', { timeout: 20_000 }, () => {
  it('shows the first page with the total, loads the next page on 加载更多 and then says everything is loaded', async () => {
    const { calls } = fakeApi({ 'GET /campaigns': pagedThings });
    const user = userEvent.setup({ delay: null });
    renderPage(<ThingsList />);
    await waitFor(() => expect(names()).toEqual(['红色物业', '暖心驿站']));
    expect(screen.getByTestId('count').textContent).toBe('共 3 条，已显示 2 条');
    expect(screen.queryByText('已全部加载')).toBeNull();

    await user.click(screen.getByRole('button', { name: '加载更多' }));
    await waitFor(() => expect(names()).toEqual(['红色物业', '暖心驿站', '快递小哥之家']));
    expect(screen.getByTestId('count').textContent).toBe('共 3 条，已显示 3 条');
    expect(screen.getByText('已全部加载')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
    // The total is asked once, with the first page; the next page continues after the last row shown.
    expect(listCalls(calls)).toEqual([
      { limit: '2', withTotal: '1' },
      { limit: '2', cursor: 'r2' },
    ]);
  });

  it('keeps the status filter in the address bar, asks the server for it and starts again from the first page', async () => {
    const { calls } = fakeApi({ 'GET /campaigns': pagedThings });
    const user = userEvent.setup({ delay: null });
    renderPage(<ThingsList />, { path: '/things' });
    await waitFor(() => expect(names()).toHaveLength(2));

    await user.click(screen.getByText('筹备中'));
    await waitFor(() => expect(names()).toEqual(['快递小哥之家']));
    expect(currentLocation()).toBe('/things?status=draft');
    expect(screen.getByTestId('count').textContent).toBe('共 1 条，已显示 1 条');
    expect(listCalls(calls).at(-1)).toEqual({ status: 'draft', limit: '2', withTotal: '1' });

    await user.click(screen.getByText('全部'));
    await waitFor(() => expect(names()).toEqual(['红色物业', '暖心驿站']));
    expect(currentLocation()).toBe('/things');
  });

  it('opens with the filter a shared link carries', async () => {
    const { calls } = fakeApi({ 'GET /campaigns': pagedThings });
    renderPage(<ThingsList />, { path: '/things?status=draft' });
    await waitFor(() => expect(names()).toEqual(['快递小哥之家']));
    expect(listCalls(calls)).toEqual([{ status: 'draft', limit: '2', withTotal: '1' }]);
    const selected = document.querySelector('.ant-segmented-item-selected');
    expect(selected?.textContent).toBe('筹备中');
  });

  it('shows the empty state with the page’s own words, and no “everything loaded” under nothing', async () => {
    fakeApi({ 'GET /campaigns': page([], null, 0) });
    renderPage(<ThingsList empty="还没有活动" />);
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('共 0 条，已显示 0 条'));
    expect(screen.getByText('还没有活动')).toBeTruthy();
    expect(screen.queryByText('已全部加载')).toBeNull();
  });

  it('shows the server’s message when the first page fails, and the rows once 重试 succeeds', async () => {
    let fail = true;
    fakeApi({
      'GET /campaigns': (call: FetchCall) =>
        fail ? { status: 500, body: { code: 'INTERNAL', message: '服务器开小差了' } } : pagedThings(call),
    });
    const user = userEvent.setup({ delay: null });
    renderPage(<ThingsList />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('服务器开小差了')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();

    fail = false;
    await user.click(within(alert).getByRole('button', { name: /重\s*试/ }));
    await waitFor(() => expect(names()).toEqual(['红色物业', '暖心驿站']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a footer without the count shows only 加载更多, and nothing once every page is in', () => {
    const query = (hasNextPage: boolean) => ({
      data: { pages: [{ items: ROWS }] },
      hasNextPage,
      isFetchingNextPage: false,
      fetchNextPage: vi.fn(),
    });
    const more = query(true);
    const { container, rerender } = render(
      <I18nProvider>
        <ListFooter query={more} count={false} />
      </I18nProvider>,
    );
    expect(container.textContent).toBe('加载更多');
    rerender(
      <I18nProvider>
        <ListFooter query={query(false)} count={false} />
      </I18nProvider>,
    );
    expect(container.textContent).toBe('');
  });
});

describe('list kit: a filter that came with the address', () => {
  it('says the filter and drops it on its one button', async () => {
    const onClear = vi.fn();
    render(
      <FilterAlert testId="area-filter" message="只显示从驾驶舱带来的地区" clearLabel="显示全部" onClear={onClear} />,
    );
    const alert = screen.getByTestId('area-filter');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(within(alert).getByText('只显示从驾驶舱带来的地区')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: '显示全部' }));
    expect(onClear).toHaveBeenCalledTimes(1);
  });
});
