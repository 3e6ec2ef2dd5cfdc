import { useEffect, useState } from 'preact/hooks';

import { ApiError, type Api } from '../api/client';
import { EncouragementForm } from './EncouragementForm';

interface SentMessage {
  id: string;
  text: string;
  shows_at: string;
  shown: boolean;
  reply: { words: string; at: string } | null;
}

/** Encouragement to one young person: from the service's list or in the
 * worker's own words, now or later; what was sent, and the one-tap replies. */
export function Encourage({ api, youngPersonId, name }: { api: Api; youngPersonId: string; name: string }) {
  const [sent, setSent] = useState<SentMessage[]>([]);
  const [message, setMessage] = useState('');

  const loadSent = () =>
    api
      .call<{ messages: SentMessage[] }>('GET', `/encouragements?young_person_id=${encodeURIComponent(youngPersonId)}`)
      .then((list) => setSent(list.messages))
      .catch(() => setMessage('Could not load the messages you sent.'));

  useEffect(() => {
    void loadSent();
  }, [youngPersonId]);

  const takeBack = async (id: string) => {
    try {
      await api.call('DELETE', `/encouragements/${encodeURIComponent(id)}`);
      await loadSent();
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

  return (
    <section class="card stack" aria-labelledby="encourage-title">
      <h2 id="encourage-title">Send {name} some encouragement</h2>
      <EncouragementForm
        recipients={() => [youngPersonId]}
        onSent={(_, scheduled) => {
          setMessage(scheduled ? 'Scheduled.' : 'Sent.');
          void loadSent();
        }}
      />
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
      {sent.length > 0 && (
        <>
          <h3>Sent</h3>
          <ul class="check-ins" data-testid="sent-messages">
            {sent.map((m) => (
              <li key={m.id}>
                <p>{m.text}</p>
                <p class="hint">
                  {m.shown ? `Shown ${formatTime(m.shows_at)}` : `Shows ${formatTime(m.shows_at)}`}
                  {m.reply ? ` · ${m.reply.words}` : ''}
                </p>
                {!m.shown && (
                  <button type="button" class="secondary small" onClick={() => void takeBack(m.id)}>
                    Take back
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function problemWords(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited') return 'That is as many messages as one day allows. Try again tomorrow.';
    if (error.code === 'validation_failed') return error.problem.errors?.[0]?.message ?? error.message;
    return error.message;
  }
  return 'Could not send. Check your connection and try again.';
}

function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}
