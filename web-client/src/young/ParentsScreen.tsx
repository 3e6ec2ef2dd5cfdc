import { useEffect, useState } from 'preact/hooks';

import { ApiError } from '../api/client';
import { day, list, t } from '../i18n';
import { api } from './session';

interface LinkedParent {
  id: string;
  display_name: string;
  since: string;
  receives: string[];
}

interface Parents {
  parents: LinkedParent[];
  never: string;
}

const MESSAGE_MAX = 200;

/** Parents and carers: the young person links them with a code, sees what
 * they get, removes them, and can ask them for support. */
export function ParentsScreen({ onDone }: { onDone: () => void }) {
  const [linked, setLinked] = useState<Parents | undefined>();
  const [code, setCode] = useState<{ code: string; expires_at: string } | undefined>();
  const [words, setWords] = useState('');
  const [message, setMessage] = useState('');

  const load = () =>
    api
      .call<Parents>('GET', '/me/parents')
      .then(setLinked)
      .catch(() => setMessage(t.parents.loadFailed));

  useEffect(() => {
    void load();
  }, []);

  const makeCode = async () => {
    setMessage('');
    try {
      setCode(await api.call<{ code: string; expires_at: string }>('POST', '/me/parent-codes'));
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

  const remove = async (parent: LinkedParent) => {
    setMessage('');
    try {
      await api.call('DELETE', `/me/parents/${encodeURIComponent(parent.id)}`);
      setMessage(t.parents.removed(parent.display_name));
      await load();
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

  const letThemKnow = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    try {
      const sent = await api.call<{ sent_to: string[] }>('POST', '/me/parent-nudges', {
        message: words.trim() || undefined,
      });
      setWords('');
      setMessage(t.parents.sentTo(list(sent.sent_to)));
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

  const parents = linked?.parents ?? [];
  return (
    <section class="stack" aria-labelledby="parents-title">
      <h1 id="parents-title">{t.parents.title}</h1>
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
      {parents.length > 0 && (
        <form class="card stack" onSubmit={letThemKnow}>
          <h2>{t.parents.letThemKnowTitle}</h2>
          <div class="field">
            <label for="nudge-words">{t.parents.somethingToSay}</label>
            <textarea
              id="nudge-words"
              rows={2}
              maxLength={MESSAGE_MAX}
              value={words}
              onInput={(e) => setWords(e.currentTarget.value)}
            />
          </div>
          <button type="submit">{t.parents.letThemKnow}</button>
        </form>
      )}
      <div class="card stack">
        <h2>{t.parents.whoIsLinked}</h2>
        {linked && parents.length === 0 && <p class="hint">{t.parents.nobodyYet}</p>}
        <ul class="check-ins" data-testid="linked-parents">
          {parents.map((parent) => (
            <li key={parent.id}>
              <p>
                <strong>{parent.display_name}</strong>
              </p>
              <p class="hint">{t.parents.theyGet(parent.receives)}</p>
              <button type="button" class="secondary small" onClick={() => void remove(parent)}>
                {t.parents.remove(parent.display_name)}
              </button>
            </li>
          ))}
        </ul>
        {linked && <p class="hint">{linked.never}</p>}
      </div>
      <div class="card stack">
        <h2>{t.parents.linkTitle}</h2>
        <p class="hint">{t.parents.linkHint}</p>
        <button type="button" class="secondary" onClick={makeCode}>
          {t.parents.makeCode}
        </button>
        {code && (
          <>
            <p class="invite-code" data-testid="parent-code">
              {code.code}
            </p>
            <p class="hint">{t.parents.codeWorksUntil(day(code.expires_at, { month: 'long' }))}</p>
          </>
        )}
      </div>
      <button type="button" class="secondary" onClick={onDone}>
        {t.common.backHome}
      </button>
    </section>
  );
}

function problemWords(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited') return t.parents.askedOften;
    if (error.code === 'validation_failed') return error.problem.errors?.[0]?.message ?? error.message;
    return error.message;
  }
  return t.parents.failed;
}
