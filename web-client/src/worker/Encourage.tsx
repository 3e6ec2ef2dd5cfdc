import { useEffect, useState } from 'preact/hooks';

import { ApiError, type Api } from '../api/client';
import { dateTime, t } from '../i18n';

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
      .catch(() => setMessage(t.workerMessages.sentLoadFailed));

  useEffect(() => {
    api
      .call<{ templates: Template[] }>('GET', '/encouragement-templates')
      .then((list) => {
        const usable = list.templates.filter((template) => !template.retired);
        setTemplates(usable);
        setTemplateId(usable[0]?.id ?? '');
      })
      .catch(() => setMessage(t.workerMessages.listLoadFailed));
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
      setMessage(later ? t.workerMessages.scheduled : t.workerMessages.sent);
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
      <h2 id="encourage-title">{t.workerMessages.encourageTitle(name)}</h2>
      <form class="stack" onSubmit={send}>
        <fieldset>
          <legend>{t.workerMessages.message}</legend>
          <label class="choice">
            <input type="radio" name="source" checked={source === 'template'} onChange={() => setSource('template')} />
            {t.workerMessages.fromList}
          </label>
          <label class="choice">
            <input type="radio" name="source" checked={source === 'own'} onChange={() => setSource('own')} />
            {t.workerMessages.ownWords}
          </label>
        </fieldset>
        {source === 'template' ? (
          <div class="field">
            <label for="template">{t.workerMessages.chooseMessage}</label>
            <select id="template" value={templateId} onChange={(e) => setTemplateId(e.currentTarget.value)}>
              {templates.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.text}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div class="field">
            <label for="own-words">{t.workerMessages.yourMessage}</label>
            <textarea
              id="own-words"
              rows={3}
              maxLength={MAX_TEXT}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              required
            />
            <p class="hint">{t.workerMessages.length(text.length, MAX_TEXT)}</p>
          </div>
        )}
        <label class="choice">
          <input type="checkbox" checked={later} onChange={(e) => setLater(e.currentTarget.checked)} />
          {t.workerMessages.sendLater}
        </label>
        {later && (
          <div class="field">
            <label for="send-at">{t.workerMessages.when}</label>
            <input id="send-at" type="datetime-local" value={sendAt} required onInput={(e) => setSendAt(e.currentTarget.value)} />
          </div>
        )}
        <button type="submit">{later ? t.workerMessages.schedule : t.workerMessages.send}</button>
        {message && (
          <p class="status" role="status">
            {message}
          </p>
        )}
      </form>
      {sent.length > 0 && (
        <>
          <h3>{t.workerMessages.sentTitle}</h3>
          <ul class="check-ins" data-testid="sent-messages">
            {sent.map((m) => (
              <li key={m.id}>
                <p>{m.text}</p>
                <p class="hint">{sentStatus(m)}</p>
                {!m.shown && (
                  <button type="button" class="secondary small" onClick={() => void takeBack(m.id)}>
                    {t.workerMessages.takeBack}
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
    if (error.code === 'rate_limited') return t.workerMessages.dailyLimit;
    if (error.code === 'validation_failed') return error.problem.errors?.[0]?.message ?? error.message;
    return error.message;
  }
  return t.workerMessages.sendFailed;
}

/** When it shows (or showed), and the young person's answer if any. */
function sentStatus(message: SentMessage): string {
  const when = dateTime(message.shows_at);
  const status = message.shown ? t.workerMessages.shown(when) : t.workerMessages.shows(when);
  return message.reply ? t.workerMessages.withReply(status, message.reply.words) : status;
}
