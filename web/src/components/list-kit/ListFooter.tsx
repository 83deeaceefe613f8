import type { CSSProperties } from 'react';
import { Button, Typography } from 'antd';
import { useT } from '../../i18n';
import type { InfiniteListQuery } from './query';

export interface ListFooterOptions {
  /** The server's total (asked with the first page), said before the count. */
  total?: number;
  /** `data-testid` of the count. */
  countTestId?: string;
  /** Once everything is loaded, say so (`'secondary'`: in the secondary text colour). */
  noMore?: boolean | 'secondary';
  style?: CSSProperties;
}

export interface ListFooterProps extends ListFooterOptions {
  query: Pick<InfiniteListQuery<unknown>, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>;
  /** Rows shown so far; without it the footer is only the 加载更多 button (and nothing once all is loaded). */
  shown?: number;
}

/** Under a keyset list: 已显示 N 条 (共 M 条) and 加载更多 while there are more pages. */
export function ListFooter({ query, shown, total, countTestId, noMore = false, style }: ListFooterProps) {
  const t = useT();
  if (shown === undefined && !query.hasNextPage) return null;
  const allLoaded = t('common.noMore');
  return (
    <div className="ty-list-footer" style={style}>
      {shown !== undefined && (
        <span data-testid={countTestId}>
          {total !== undefined ? `${t('common.total', { n: total })}，` : ''}
          {t('common.shown', { n: shown })}
        </span>
      )}
      {query.hasNextPage ? (
        <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : (
        noMore &&
        !!shown &&
        (noMore === 'secondary' ? (
          <Typography.Text type="secondary">{allLoaded}</Typography.Text>
        ) : (
          <span>{allLoaded}</span>
        ))
      )}
    </div>
  );
}
