import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { Page } from '@touyan/schemas';
import { fillPath, request, type Answer, type CallOptions, type GetPath, type QueryValue } from '../../api/client';

/** What the list kit reads from a `useInfiniteQuery` result whose pages carry `items`. */
export interface InfiniteListQuery<T> {
  data?: { pages: readonly { items: readonly T[]; total?: number }[] };
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
  refetch: () => unknown;
}

/** The rows of every page loaded so far. */
export function listRows<T>(query: Pick<InfiniteListQuery<T>, 'data'>): T[] {
  return query.data?.pages.flatMap((p) => p.items) ?? [];
}

/** Busy while the first page loads or the list reloads; loading one more page shows on the button instead. */
export function isListLoading(
  query: Pick<InfiniteListQuery<unknown>, 'isPending' | 'isFetching' | 'isFetchingNextPage'>,
) {
  return query.isPending || (query.isFetching && !query.isFetchingNextPage);
}

export interface CursorListOptions {
  queryKey: QueryKey;
  /** API path without the `/api` prefix, e.g. `/campaigns`. */
  path: string;
  /** Filters sent with every page. */
  query?: Record<string, QueryValue>;
  /** Page size. */
  limit: number;
  /** The first page also asks for the total (`withTotal=1`). */
  withTotal?: boolean;
  /** Keep the rows on screen while changed filters load (default true). */
  keepPrevious?: boolean;
}

/** Keyset pages of a list endpoint (`limit`, `cursor` → `{ items, nextCursor }`). */
export function useCursorList<P extends Pick<Page<unknown>, 'nextCursor'>>({
  queryKey,
  path,
  query,
  limit,
  withTotal = false,
  keepPrevious = true,
}: CursorListOptions) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      request<P>('GET', path, {
        query: { ...query, limit, cursor: pageParam, withTotal: withTotal && !pageParam ? 1 : undefined },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}

/** A GET route that answers keyset pages. */
type ListPath = {
  [P in GetPath]: Answer<'GET', P> extends { nextCursor: string | null } ? P : never;
}[GetPath];

export type RouteListOptions<P extends ListPath> = Omit<CursorListOptions, 'path' | 'query'> & {
  /** A list route of the API, e.g. `/campaigns` (typed: the pages are its answers). */
  path: P;
  /** Filters sent with every page (besides limit and cursor). */
  query?: Omit<NonNullable<CallOptions<'GET', P>['query']>, 'limit' | 'cursor'>;
} & Pick<CallOptions<'GET', P>, 'params'>;

/** Keyset pages of a list route, typed by the route (`useRouteList({ path: '/campaigns', … })`). */
export function useRouteList<P extends ListPath>({
  queryKey,
  path,
  params,
  query,
  limit,
  withTotal = false,
  keepPrevious = true,
}: RouteListOptions<P>) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      request<Answer<'GET', P>>('GET', fillPath(path, params), {
        query: {
          ...(query as Record<string, QueryValue>),
          limit,
          cursor: pageParam,
          withTotal: withTotal && !pageParam ? 1 : undefined,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last as { nextCursor: string | null }).nextCursor ?? undefined,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}
