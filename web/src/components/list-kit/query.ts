import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
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

/** How a list pages: its cache key, page size, and whether it asks for the total. */
export interface ListOptions {
  queryKey: QueryKey;
  /** Page size. */
  limit: number;
  /** The first page also asks for the total (`withTotal=1`). */
  withTotal?: boolean;
  /** Keep the rows on screen while changed filters load (default true). */
  keepPrevious?: boolean;
}

/** A GET route that answers keyset pages. */
type ListPath = {
  [P in GetPath]: Answer<'GET', P> extends { nextCursor: string | null } ? P : never;
}[GetPath];

export type RouteListOptions<P extends ListPath> = ListOptions & {
  /** A list route of the API, e.g. `/campaigns` (typed: the pages are its answers). */
  path: P;
  /** Filters sent with every page (besides limit and cursor). */
  query?: Omit<NonNullable<CallOptions<'GET', P>['query']>, 'limit' | 'cursor'>;
} & Pick<CallOptions<'GET', P>, 'params'>;

/**
 * Keyset pages of a list route (`limit`, `cursor` → `{ items, nextCursor }`), typed by the route
 * (`useRouteList({ path: '/campaigns', … })`).
 */
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
