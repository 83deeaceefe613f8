import type { CSSProperties } from 'react';
import { Button, Typography } from 'antd';
import { useT } from '../../i18n';
import { listRows, type InfiniteListQuery } from './query';

export interface ListFooterOptions {
  /** Say how many rows are shown (default true); without the count the footer is only 加载更多. */
  count?: boolean;
  /** Say the total the first page carries (lists that ask `withTotal`) before the count. */
  total?: boolean;
  /** `data-testid` of the count. */
  countTestId?: string;
  /** Once everything is loaded, say so (`'secondary'`: in the secondary text colour). */
  noMore?: boolean | 'secondary';
  style?: CSSProperties;
}

export interface ListFooterProps extends ListFooterOptions {
  query: Pick<InfiniteListQuery<unknown>, 'data' | 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>;
}

/** Under a keyset list: (共 M 条，)已显示 N 条, and 加载更多 while there are more pages. */
export function ListFooter({ query, count = true, total, countTestId, noMore = false, style }: ListFooterProps) {
  const t = useT();
  if (!count && !query.hasNextPage) return null;
  const shown = listRows(query).length;
  const all = total ? query.data?.pages[0]?.total : undefined;
  const allLoaded = t('common.noMore');
  return (
    <div className="ty-list-footer" style={style}>
      {count && (
        <span data-testid={countTestId}>
          {all !== undefined ? `${t('common.total', { n: all })}，` : ''}
          {t('common.shown', { n: shown })}
        </span>
      )}
      {query.hasNextPage ? (
        <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : (
        noMore &&
        shown > 0 &&
        (noMore === 'secondary' ? (
          <Typography.Text type="secondary">{allLoaded}</Typography.Text>
        ) : (
          <span>{allLoaded}</span>
        ))
      )}
    </div>
  );
}
