import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { ApiError } from '../api/client';
import { ts } from '../i18n/staff';
import { api, problemWords } from './api';

interface Template {
  id: string;
  text: string;
  retired: boolean;
}

const MAX_TEXT = 500;
const words = ts.worker.message;

/** A message from the service's list or in the worker's own words, now or
 * later, to the young people `recipients()` names when it is sent.
 * `children` go at the top of the form (who it is for). */
export function EncouragementForm({
  recipients,
  onSent,
  children,
}: {
  recipients: () => string[] | string;
  onSent: (count: number, scheduled: boolean) => void;
  children?: ComponentChildren;
}) {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [source, setSource] = useState<'template' | 'own'>('template');
  const [templateId, setTemplateId] = useState('');
  const [text, setText] = useState('');
  const [later, setLater] = useState(false);
  const [sendAt, setSendAt] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    api
      .call<{ templates: Template[] }>('GET', '/encouragement-templates')
      .then((list) => {
        const usable = list.templates.filter((template) => !template.retired);
        setTemplates(usable);
        setTemplateId(usable[0]?.id ?? '');
      })
      .catch(() => setProblem(words.listFailed));
  }, []);

  const send = async (event: Event) => {
    event.preventDefault();
    setProblem('');
    const ids = recipients();
    // A string is the reason nobody can be sent to yet.
    if (typeof ids === 'string') {
      setProblem(ids);
      return;
    }
    const body: Record<string, unknown> = { young_person_ids: ids };
    if (source === 'template') body.template_id = templateId;
    else body.text = text;
    if (later && sendAt) body.send_at = new Date(sendAt).toISOString();
    try {
      await api.call('POST', '/encouragements', body);
      setText('');
      onSent(ids.length, later);
    } catch (error) {
      setProblem(error instanceof ApiError && error.code === 'rate_limited' ? words.dayLimit : problemWords(error));
    }
  };

  return (
    <form class="stack" onSubmit={send}>
      {children}
      <fieldset>
        <legend>{words.legend}</legend>
        <label class="choice">
          <input type="radio" name="source" checked={source === 'template'} onChange={() => setSource('template')} />
          {words.fromList}
        </label>
        <label class="choice">
          <input type="radio" name="source" checked={source === 'own'} onChange={() => setSource('own')} />
          {words.ownWords}
        </label>
      </fieldset>
      {source === 'template' ? (
        <div class="field">
          <label for="template">{words.choose}</label>
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
          <label for="own-words">{words.yours}</label>
          <textarea
            id="own-words"
            rows={3}
            maxLength={MAX_TEXT}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            required
          />
          <p class="hint">{words.counter(text.length, MAX_TEXT)}</p>
        </div>
      )}
      <label class="choice">
        <input type="checkbox" checked={later} onChange={(e) => setLater(e.currentTarget.checked)} />
        {words.later}
      </label>
      {later && (
        <div class="field">
          <label for="send-at">{words.when}</label>
          <input id="send-at" type="datetime-local" value={sendAt} required onInput={(e) => setSendAt(e.currentTarget.value)} />
        </div>
      )}
      <button type="submit">{later ? words.schedule : words.send}</button>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
