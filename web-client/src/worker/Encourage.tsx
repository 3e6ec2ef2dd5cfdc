import { useEffect, useState } from 'preact/hooks';

import { ApiError, type Api } from '../api/client';

interface Template {
  id: string;
  text: string;
  retired: boolean;
}

interface SentMessage {
  id: string;
  text: string;
  shows_at: string;
  shown: boolean;
  reply: { words: string; at: string } | null;
}

const MAX_TEXT = 500;

/** Encouragement to one young person: from the service's list or in the
 * worker's own words, now or later; what was sent, and the one-tap replies. */
export function Encourage({ api, youngPersonId, name }: { api: Api; youngPersonId: string; name: string }) {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [sent, setSent] = useState<SentMessage[]>([]);
  const [source, setSource] = useState<'template' | 'own'>('template');
  const [templateId, setTemplateId] = useState('');
  const [text, setText] = useState('');
  const [later, setLater] = useState(false);
  const [sendAt, setSendAt] = useState('');
  const [message, setMessage] = useState('');

  const loadSent = () =>
    api
      .call<{ messages: SentMessage[] }>('GET', `/encouragements?young_person_id=${encodeURIComponent(youngPersonId)}`)
      .then((list) => setSent(list.messages))
      .catch(() => setMessage('Could not load the messages you sent.'));

  useEffect(() => {
    api
      .call<{ templates: Template[] }>('GET', '/encouragement-templates')
      .then((list) => {
        const usable = list.templates.filter((t) => !t.retired);
        setTemplates(usable);
        setTemplateId(usable[0]?.id ?? '');
      })
      .catch(() => setMessage('Could not load the message list.'));
    void loadSent();
  }, [youngPersonId]);

  const send = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    const body: Record<string, unknown> = { young_person_ids: [youngPersonId] };
    if (source === 'template') body.template_id = templateId;
    else body.text = text;
    if (later && sendAt) body.send_at = new Date(sendAt).toISOString();
    try {
      await api.call('POST', '/encouragements', body);
      setText('');
      setMessage(later ? 'Scheduled.' : 'Sent.');
      await loadSent();
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

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
      <form class="stack" onSubmit={send}>
        <fieldset>
          <legend>Message</legend>
          <label class="choice">
            <input type="radio" name="source" checked={source === 'template'} onChange={() => setSource('template')} />
            From our list
          </label>
          <label class="choice">
            <input type="radio" name="source" checked={source === 'own'} onChange={() => setSource('own')} />
            In my own words
          </label>
        </fieldset>
        {source === 'template' ? (
          <div class="field">
            <label for="template">Choose a message</label>
            <select id="template" value={templateId} onChange={(e) => setTemplateId(e.currentTarget.value)}>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.text}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div class="field">
            <label for="own-words">Your message</label>
            <textarea
              id="own-words"
              rows={3}
              maxLength={MAX_TEXT}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              required
            />
            <p class="hint">
              {text.length}/{MAX_TEXT}. Keep it warm and short; it is not a chat.
            </p>
          </div>
        )}
        <label class="choice">
          <input type="checkbox" checked={later} onChange={(e) => setLater(e.currentTarget.checked)} />
          Send later
        </label>
        {later && (
          <div class="field">
            <label for="send-at">When</label>
            <input id="send-at" type="datetime-local" value={sendAt} required onInput={(e) => setSendAt(e.currentTarget.value)} />
          </div>
        )}
        <button type="submit">{later ? 'Schedule message' : 'Send message'}</button>
        {message && (
          <p class="status" role="status">
            {message}
          </p>
        )}
      </form>
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
