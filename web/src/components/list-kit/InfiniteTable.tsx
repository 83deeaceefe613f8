import type { ReactNode } from 'react';
import { Table, type TableProps } from 'antd';
import { ErrorState } from '../ErrorState';
import { ListEmpty } from './ListEmpty';
import { ListFooter, type ListFooterOptions } from './ListFooter';
import { isListLoading, listRows, type InfiniteListQuery } from './query';

export type InfiniteTableProps<T> = Omit<
  TableProps<T>,
  'dataSource' | 'loading' | 'pagination' | 'locale' | 'footer'
> & {
  /** The `useInfiniteQuery` result (pages of `{ items }`). */
  query: InfiniteListQuery<T>;
  /** The empty state's text; 暂无数据 by default. */
  empty?: ReactNode;
  /** The footer's options, or false for no footer. */
  footer?: ListFooterOptions | false;
  /** Shown instead of the table (a phone list, cards): gets the rows, the empty state and the busy flag. */
  renderList?: (rows: T[], state: { empty: ReactNode; loading: boolean }) => ReactNode;
};

/**
 * A keyset list as an antd table: the error state with retry when the first page failed, otherwise the
 * rows loaded so far (busy while loading or reloading, no pagination, scrolling sideways) and the
 * footer with the count and 加载更多. Defaults: `rowKey="id"`, `size="middle"`, `scroll={{ x: 'max-content' }}`.
 */
export function InfiniteTable<T extends object>({
  query,
  empty,
  footer = {},
  renderList,
  ...table
}: InfiniteTableProps<T>) {
  if (query.error && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const rows = listRows(query);
  const loading = isListLoading(query);
  const emptyState = <ListEmpty description={empty} />;
  return (
    <>
      {renderList ? (
        renderList(rows, { empty: emptyState, loading })
      ) : (
        <Table<T>
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          {...table}
          dataSource={rows}
          loading={loading}
          pagination={false}
          locale={{ emptyText: emptyState }}
        />
      )}
      {footer && <ListFooter query={query} {...footer} />}
    </>
  );
}
