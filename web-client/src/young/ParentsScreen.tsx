import { useEffect, useState } from 'preact/hooks';

import { ApiError } from '../api/client';
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
      .catch(() => setMessage('Could not load this. Check your connection.'));

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
      setMessage(`${parent.display_name} is no longer linked. They won’t get anything more from you.`);
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
      setMessage(`Sent to ${sent.sent_to.join(' and ')}. They’ll get your message and a tip on how to help.`);
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

  const parents = linked?.parents ?? [];
  return (
    <section class="stack" aria-labelledby="parents-title">
      <h1 id="parents-title">My parent or carer</h1>
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
      {parents.length > 0 && (
        <form class="card stack" onSubmit={letThemKnow}>
          <h2>Let them know I’m having a hard time</h2>
          <div class="field">
            <label for="nudge-words">Something you want to say (you don’t have to)</label>
            <textarea
              id="nudge-words"
              rows={2}
              maxLength={MESSAGE_MAX}
              value={words}
              onInput={(e) => setWords(e.currentTarget.value)}
            />
          </div>
          <button type="submit">Let my parent know</button>
        </form>
      )}
      <div class="card stack">
        <h2>Who is linked</h2>
        {linked && parents.length === 0 && <p class="hint">Nobody yet.</p>}
        <ul class="check-ins" data-testid="linked-parents">
          {parents.map((parent) => (
            <li key={parent.id}>
              <p>
                <strong>{parent.display_name}</strong>
              </p>
              <p class="hint">They get: {parent.receives.join('; ')}.</p>
              <button type="button" class="secondary small" onClick={() => void remove(parent)}>
                Remove {parent.display_name}
              </button>
            </li>
          ))}
        </ul>
        {linked && <p class="hint">{linked.never}</p>}
      </div>
      <div class="card stack">
        <h2>Link a parent or carer</h2>
        <p class="hint">Give them a code. They use it to sign up and get tips on how to support you.</p>
        <button type="button" class="secondary" onClick={makeCode}>
          Make a code
        </button>
        {code && (
          <>
            <p class="invite-code" data-testid="parent-code">
              {code.code}
            </p>
            <p class="hint">
              It works once, until {new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long' }).format(new Date(code.expires_at))}.
            </p>
          </>
        )}
      </div>
      <button type="button" class="secondary" onClick={onDone}>
        Back to home
      </button>
    </section>
  );
}

function problemWords(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited') return 'You’ve asked a few times today already. If you need help now, tap “Get help now”.';
    if (error.code === 'validation_failed') return error.problem.errors?.[0]?.message ?? error.message;
    return error.message;
  }
  return 'That didn’t work. Check your connection and try again.';
}
