import { useEffect, useState } from 'preact/hooks';

import type { Api } from '../api/client';
import { plural } from '../i18n';
import { ts } from '../i18n/staff';

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
      .catch(() => setMessage(ts.workerMessages.tipsLoadFailed));
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
        sent.sent_to === 0 ? ts.workerMessages.noParents(name) : plural(sent.sent_to, ts.workerMessages.tipSentTo),
      );
    } catch {
      setMessage(ts.workerMessages.sendFailed);
    }
  };

  const topics = [...new Set(tips.map((tip) => tip.topic))];
  return (
    <form class="card stack" onSubmit={send} aria-labelledby="tip-title">
      <h2 id="tip-title">{ts.workerMessages.tipTitle(name)}</h2>
      <div class="field">
        <label for="parent-tip">{ts.workerMessages.tip}</label>
        <select id="parent-tip" value={tipId} onChange={(e) => setTipId(e.currentTarget.value)}>
          {topics.map((topic) => (
            <optgroup key={topic} label={ts.topics[topic] ?? topic.replace(/_/g, ' ')}>
              {tips
                .filter((tip) => tip.topic === topic)
                .map((tip) => (
                  <option key={tip.id} value={tip.id}>
                    {tip.title}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        {ts.workerMessages.sendTip}
      </button>
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
    </form>
  );
}
