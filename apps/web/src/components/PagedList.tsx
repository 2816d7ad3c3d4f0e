import type { ReactNode } from 'react';
import type { PagedState } from '../lib/use-paged';
import { AsyncStatus } from './AsyncStatus';
import { DataTable, type DataTableProps } from './DataTable';
import { LoadMore } from './LoadMore';
import { Empty } from './ui';

export interface PagedListProps<T> {
  list: PagedState<T>;
  /** Shown once the first page came back empty; without it, `children` render the empty list (a table keeps its head). */
  empty?: ReactNode;
  /** The items loaded so far, in the page's own markup. */
  children: (items: T[]) => ReactNode;
}

/**
 * Every keyset-paged list of the app (`{items, nextCursor}`): why loading failed, that it is loading, the empty
 * state, the items, and "load more" while the api has a next page.
 */
export function PagedList<T>({ list, empty, children }: PagedListProps<T>) {
  return (
    <>
      <AsyncStatus state={list} />
      {list.loaded && !list.items.length && empty !== undefined ? <Empty>{empty}</Empty> : null}
      {list.loaded && (list.items.length || empty === undefined) ? children(list.items) : null}
      <LoadMore list={list} />
    </>
  );
}

/** A {@link PagedList} shown as the app's table. */
export function PagedTable<T>({
  list,
  empty,
  ...table
}: { list: PagedState<T>; empty?: ReactNode } & Omit<DataTableProps<T>, 'rows' | 'empty'>) {
  return (
    <PagedList list={list} empty={empty}>
      {(items) => <DataTable {...table} rows={items} />}
    </PagedList>
  );
}
