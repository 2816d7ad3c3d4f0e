import { useEffect, useState } from 'react';
import { ApiError, api, query } from './api';
import type { Page } from './types';
import { useAsync } from './use-async';

export interface PagedState<T> {
  /** Every item loaded so far: the first page, then each page "load more" fetched. */
  items: T[];
  /** The first page has arrived (possibly empty). */
  loaded: boolean;
  loading: boolean;
  error: ApiError | undefined;
  /** A failed "load more" (the items already shown stay). */
  moreError: ApiError | null;
  hasMore: boolean;
  loadMore: () => Promise<void>;
  reload: () => void;
}

type Params = Record<string, string | number | boolean | undefined | null>;

/**
 * A keyset-paged list endpoint (`{items, nextCursor}`): loads the first page whenever `deps` change, and appends
 * the next page on `loadMore` with the same filters and the cursor the previous page returned.
 */
export function usePaged<T, P extends Page<T> = Page<T>>(
  path: string,
  params: Params,
  deps: unknown[],
): PagedState<T> & { page: P | undefined } {
  const first = useAsync((signal) => api.get<P>(`${path}${query(params)}`, { signal }), deps);
  const [extra, setExtra] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  useEffect(() => {
    setExtra([]);
    setMoreError(null);
    setCursor(first.data?.nextCursor ?? null);
  }, [first.data]);

  async function loadMore() {
    if (!cursor) return;
    try {
      const more = await api.get<P>(`${path}${query({ ...params, cursor })}`);
      setExtra((x) => [...x, ...more.items]);
      setCursor(more.nextCursor);
      setMoreError(null);
    } catch (err) {
      setMoreError(err as ApiError);
    }
  }

  return {
    items: [...(first.data?.items ?? []), ...extra],
    page: first.data,
    loaded: first.data !== undefined,
    loading: first.loading,
    error: first.error,
    moreError,
    hasMore: cursor !== null,
    loadMore,
    reload: first.reload,
  };
}
