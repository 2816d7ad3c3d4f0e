import type { HTMLAttributes, Key, ReactNode } from 'react';
import { Empty } from './ui';

/** One column of a {@link DataTable}: its header, how a row fills its cell, and how that cell is marked up. */
export interface Column<T> {
  /** The column header (`<th scope="col">`); may hold a visually hidden label. */
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** The cell names its row (`<th scope="row">` rather than `<td>`); normally the first column's. */
  rowHeader?: boolean;
  /** Class of the body cells. */
  className?: string;
}

/** Attributes of a body row: a class, `data-*` attributes the styles and the browser tests select on, … */
export type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [attribute: `data-${string}`]: string | number | boolean | undefined };

export interface DataTableProps<T> {
  /** Every table has a caption (screen readers announce it); `captionHidden` keeps it for them only. */
  caption: ReactNode;
  captionHidden?: boolean;
  /** Classes added to `table` (e.g. `inbox-table`). */
  className?: string;
  /** The columns in order; `false`, `null` or `undefined` entries (a column some readers do not get) are skipped. */
  columns: readonly (Column<T> | false | null | undefined)[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  rowProps?: (row: T) => RowAttributes;
  /** Shown (as the app's empty-state paragraph) instead of the table when there are no rows; without it, the table stays. */
  empty?: ReactNode;
}

/** The app's list table: `.table-wrap` (scrolls sideways on narrow screens) around `table.table` with a caption and column headers. */
export function DataTable<T>({ caption, captionHidden = false, className, columns, rows, rowKey, rowProps, empty }: DataTableProps<T>) {
  if (!rows.length && empty !== undefined) return <Empty>{empty}</Empty>;
  const shown = columns.filter((c): c is Column<T> => !!c);
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : 'table'}>
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {shown.map((c, i) => (
              <th key={i} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {shown.map((c, i) =>
                c.rowHeader ? (
                  <th key={i} scope="row" className={c.className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={i} className={c.className}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
