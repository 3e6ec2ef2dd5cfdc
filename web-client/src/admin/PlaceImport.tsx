import { useState } from 'preact/hooks';

import { ts } from '../i18n/staff';
import type { ValidationError } from '../core';
import { api, problemWords } from '../worker/api';

const words = ts.admin.import;

/** The first line a directory CSV must have (docs/directory.md). */
export const CSV_HEADER = 'name,description,needs,thrive,min_age,max_age,area,phone,text_number,text_keyword,website,self_referral,hours';
/** The server takes files up to this size. */
const MAX_BYTES = 256 * 1024;

interface ImportResult {
  added: number;
  updated: number;
  rejected: { line: number; errors: ValidationError[] }[];
}

/** Imports the service's places from a spreadsheet saved as CSV. Good rows
 * are kept and bad ones named by line, so the admin can mend and re-import. */
export function PlaceImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | undefined>();
  const [result, setResult] = useState<ImportResult | undefined>();
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);

  const send = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    setResult(undefined);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setMessage(words.tooBig);
      return;
    }
    setSending(true);
    try {
      // Spreadsheets label CSV files in several ways; the server wants text/csv.
      const csv = file.slice(0, file.size, 'text/csv');
      setResult(await api.call<ImportResult>('POST', '/admin/directory/import', csv));
      onImported();
    } catch (error) {
      setMessage(problemWords(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <section class="card stack" aria-labelledby="import-title">
      <h2 id="import-title">{words.title}</h2>
      <p class="hint">{words.intro}</p>
      <pre class="csv-header">{CSV_HEADER}</pre>
      <form class="stack" onSubmit={send}>
        <div class="field">
          <label for="import-file">{words.file}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        </div>
        <div>
          <button type="submit" disabled={!file || sending}>
            {words.send}
          </button>
        </div>
      </form>
      <div role="status">
        {message && <p class="alert">{message}</p>}
        {result && <p>{words.result(result.added, result.updated)}</p>}
      </div>
      {result && result.rejected.length > 0 && (
        <div class="stack" data-testid="import-rejected">
          <h3>{words.rejectedTitle}</h3>
          <ul>
            {result.rejected.map((row) => (
              <li key={row.line}>
                <strong>{words.rejected(row.line)}</strong>: {row.errors.map((e) => e.message).join(' ')}
              </li>
            ))}
          </ul>
          <p class="hint">{words.fixAndAgain}</p>
        </div>
      )}
    </section>
  );
}
