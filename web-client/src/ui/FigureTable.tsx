import { ts } from '../i18n/staff';

const words = ts.reports;

/** A cell of a report table: a label, a number, or a figure hidden by the
 * small-number rule. */
export type FigureCell = string | number | { hidden: string };

export interface FigureTableData {
  id: string;
  title: string;
  columns: string[];
  rows: FigureCell[][];
}

/** A table of figures from the server: the first cell of a row is its
 * heading; hidden figures say so in words. */
export function FigureTable({ table }: { table: FigureTableData }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) =>
                c === 0 && typeof cell === 'string' ? (
                  <th scope="row" key={c}>
                    {cell}
                  </th>
                ) : (
                  <td key={c}>
                    <CellText cell={cell} />
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

function CellText({ cell }: { cell: FigureCell }) {
  if (typeof cell === 'object') {
    return (
      <span class="hidden-figure" title={words.hiddenExplained}>
        {words.hiddenCell}
        <span class="visually-hidden"> ({words.hiddenExplained})</span>
      </span>
    );
  }
  if (typeof cell === 'number') return <>{Number.isInteger(cell) ? cell : cell.toFixed(1)}</>;
  return <>{cell}</>;
}
