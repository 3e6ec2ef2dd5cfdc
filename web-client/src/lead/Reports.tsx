import { useEffect, useState } from 'preact/hooks';

import { ts } from '../i18n/staff';
import { FigureTable, type FigureTableData } from '../ui/FigureTable';
import { download } from '../young/device';
import { api, problemWords } from '../worker/api';

const words = ts.reports;

type ReportTable = FigureTableData;

interface Report {
  tables: ReportTable[];
}

interface Filters {
  groups: { id: string; name: string; school: string | null }[];
  schools: string[];
}

function month(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The last three months, this one included. */
function defaultRange(): [string, string] {
  const now = new Date();
  return [month(new Date(now.getFullYear(), now.getMonth() - 2, 1)), month(now)];
}

function query(from: string, to: string, who: string): string {
  const params = new URLSearchParams({ from, to });
  const [kind, value] = who.split(':', 2) as [string, string | undefined];
  if (kind === 'group' && value) params.set('group', value);
  if (kind === 'school' && value) params.set('school', value);
  return params.toString();
}

/** The service lead's face: outcome reports, each table downloadable. */
export function Reports() {
  const [initialFrom, initialTo] = defaultRange();
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [who, setWho] = useState('everyone');
  const [filters, setFilters] = useState<Filters>({ groups: [], schools: [] });
  const [report, setReport] = useState<Report | undefined>();
  const [shownFor, setShownFor] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const load = async () => {
    setBusy(true);
    setProblem('');
    try {
      const q = query(from, to, who);
      setReport(await api.call<Report>('GET', `/reports/outcomes?${q}`));
      setShownFor(q);
    } catch (error) {
      setProblem(problemWords(error));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    api
      .call<Filters>('GET', '/reports/filters')
      .then(setFilters)
      .catch(() => undefined);
    void load();
  }, []);

  const downloadTable = async (table: ReportTable) => {
    try {
      const csv = await api.text(`/reports/outcomes.csv?table=${table.id}&${shownFor}`);
      download(`lantern-${table.id}.csv`, csv, 'text/csv');
    } catch (error) {
      setProblem(problemWords(error));
    }
  };

  return (
    <div class="stack">
      <h1>{words.title}</h1>
      <p>{words.intro}</p>
      <form
        class="card row report-filters"
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        <div class="field">
          <label for="report-from">{words.from}</label>
          <input id="report-from" type="month" value={from} onInput={(e) => setFrom(e.currentTarget.value)} required />
        </div>
        <div class="field">
          <label for="report-to">{words.to}</label>
          <input id="report-to" type="month" value={to} onInput={(e) => setTo(e.currentTarget.value)} required />
        </div>
        <div class="field">
          <label for="report-who">{words.who}</label>
          <select id="report-who" value={who} onChange={(e) => setWho(e.currentTarget.value)}>
            <option value="everyone">{words.everyone}</option>
            {filters.groups.map((g) => (
              <option key={g.id} value={`group:${g.id}`}>
                {words.group(g.name)}
              </option>
            ))}
            {filters.schools.map((s) => (
              <option key={s} value={`school:${s}`}>
                {words.school(s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy}>
          {words.show}
        </button>
      </form>
      <details class="card">
        <summary>{words.hiddenTitle}</summary>
        <p>{words.hiddenBody}</p>
      </details>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {busy && <p role="status">{words.loading}</p>}
      {report?.tables.map((table) => (
        <section class="card stack" key={table.id} aria-labelledby={`report-${table.id}`} data-testid={`report-${table.id}`}>
          <h2 id={`report-${table.id}`}>{table.title}</h2>
          <FigureTable table={table} />
          <button type="button" class="secondary" onClick={() => void downloadTable(table)}>
            {words.download(table.title)}
          </button>
        </section>
      ))}
    </div>
  );
}
