import { useEffect, useState } from 'preact/hooks';

import type { Api } from '../api/client';

interface CatalogueTip {
  id: string;
  topic: string;
  title: string;
}

/** A worker picks a coping tip for the parents or carers linked to a young
 * person. The worker learns only how many it reached, nothing about them. */
export function TipToParents({ api, youngPersonId, name }: { api: Api; youngPersonId: string; name: string }) {
  const [tips, setTips] = useState<CatalogueTip[]>([]);
  const [tipId, setTipId] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    api
      .call<{ tips: CatalogueTip[] }>('GET', '/tip-catalogue')
      .then((catalogue) => {
        setTips(catalogue.tips);
        setTipId(catalogue.tips[0]?.id ?? '');
      })
      .catch(() => setMessage('Could not load the tips.'));
  }, [api]);

  const send = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    try {
      const sent = await api.call<{ sent_to: number }>(
        'POST',
        `/young-people/${encodeURIComponent(youngPersonId)}/parent-tips`,
        { tip_id: tipId },
      );
      setMessage(
        sent.sent_to === 0
          ? `No parent or carer is linked to ${name} yet, so nobody got it.`
          : `Sent to ${sent.sent_to === 1 ? 'one parent or carer' : `${sent.sent_to} parents or carers`}.`,
      );
    } catch {
      setMessage('Could not send. Check your connection and try again.');
    }
  };

  const topics = [...new Set(tips.map((t) => t.topic))];
  return (
    <form class="card stack" onSubmit={send} aria-labelledby="tip-title">
      <h2 id="tip-title">A tip for {name}’s parent or carer</h2>
      <div class="field">
        <label for="parent-tip">Tip</label>
        <select id="parent-tip" value={tipId} onChange={(e) => setTipId(e.currentTarget.value)}>
          {topics.map((topic) => (
            <optgroup key={topic} label={topic.replace(/_/g, ' ')}>
              {tips
                .filter((t) => t.topic === topic)
                .map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        Send tip
      </button>
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
    </form>
  );
}
