import { useState } from 'preact/hooks';

import type { CreatedInvite } from '../api/types';
import { dateTime } from '../i18n';
import { ts } from '../i18n/staff';
import { api, problemWords } from './api';

const words = ts.worker.relink;

/** A one-time code that moves a young person's account to a new phone. */
export function Relink({ youngPersonId }: { youngPersonId: string }) {
  const [code, setCode] = useState<CreatedInvite | undefined>();
  const [problem, setProblem] = useState('');

  const create = async () => {
    setProblem('');
    try {
      setCode(await api.call<CreatedInvite>('POST', `/young-people/${encodeURIComponent(youngPersonId)}/relink-codes`, {}));
    } catch (error) {
      setProblem(problemWords(error));
    }
  };

  return (
    <section class="card stack" aria-labelledby="relink-title">
      <h2 id="relink-title">{words.title}</h2>
      <p class="hint">{words.hint}</p>
      <button type="button" class="secondary" onClick={create}>
        {words.create}
      </button>
      {code && (
        <div>
          <p class="invite-code" data-testid="relink-code">
            {code.code}
          </p>
          <p class="hint">{words.until(dateTime(code.expires_at))}</p>
        </div>
      )}
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
