import { useEffect, useState } from 'preact/hooks';

import type { Api } from '../api/client';
import { dateTime } from '../i18n';
import { ts } from '../i18n/staff';
import { problemWords } from './api';
import { EncouragementForm } from './EncouragementForm';

const words = ts.worker.message;

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
      .catch(() => setMessage(words.sentFailed));

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
      <h2 id="encourage-title">{words.toOne(name)}</h2>
      <EncouragementForm
        recipients={() => [youngPersonId]}
        onSent={(_, scheduled) => {
          setMessage(scheduled ? words.scheduledOne : words.sentOne);
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
          <h3>{words.sentTitle}</h3>
          <ul class="check-ins" data-testid="sent-messages">
            {sent.map((m) => (
              <li key={m.id}>
                <p>{m.text}</p>
                <p class="hint">
                  {m.shown ? words.shown(dateTime(m.shows_at)) : words.shows(dateTime(m.shows_at))}
                  {m.reply ? ` · ${m.reply.words}` : ''}
                </p>
                {!m.shown && (
                  <button type="button" class="secondary small" onClick={() => void takeBack(m.id)}>
                    {words.takeBack}
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
