import { useEffect, useState } from 'preact/hooks';

import type { Learned } from '../core';
import { t } from '../i18n';
import { forgetAll, learned } from './learning';
import { loadChoices, saveChoices, type Choices } from './preferences';

const w = t.toolbox;

/** What Lantern has learned about what helps, in the core's plain words;
 * start again, or switch learning off. */
export function LearnedScreen({ onDone }: { onDone: () => void }) {
  const [items, setItems] = useState<Learned[]>([]);
  const [choices, setChoices] = useState<Choices | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [cleared, setCleared] = useState(false);

  useEffect(() => {
    void learned().then(setItems);
    void loadChoices().then(setChoices);
  }, []);

  const setLearning = (on: boolean) => {
    if (!choices) return;
    const next = { ...choices, personalLearning: on };
    setChoices(next);
    void saveChoices(next);
  };

  const startAgain = async () => {
    await forgetAll();
    setItems(await learned());
    setConfirming(false);
    setCleared(true);
  };

  return (
    <section class="stack" aria-labelledby="learned-title">
      <h1 id="learned-title">{w.learnedTitle}</h1>
      <p>{w.learnedIntro}</p>
      {items.length === 0 ? (
        <p class="hint">{w.learnedNothing}</p>
      ) : (
        <ul class="check-ins" data-testid="learned">
          {items.map((item) => (
            <li key={item.strategy_id}>{item.sentence}</li>
          ))}
        </ul>
      )}
      {cleared && (
        <p class="status ok" role="status">
          {w.cleared}
        </p>
      )}
      {choices && (
        <div class="card">
          <label class="choice">
            <input
              type="checkbox"
              role="switch"
              checked={choices.personalLearning}
              onChange={(e) => setLearning(e.currentTarget.checked)}
            />
            {w.learningSwitch}
          </label>
          <p class="hint">{choices.personalLearning ? w.learningOnHint : w.learningOffHint}</p>
        </div>
      )}
      {confirming ? (
        <div class="card" role="group" aria-labelledby="start-again-question">
          <p id="start-again-question">{w.startAgainQuestion}</p>
          <div class="row">
            <button type="button" onClick={() => void startAgain()}>
              {w.yesStartAgain}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)} autoFocus>
              {w.keepThem}
            </button>
          </div>
        </div>
      ) : (
        items.length > 0 && (
          <div>
            <button type="button" class="secondary" onClick={() => setConfirming(true)}>
              {w.startAgain}
            </button>
          </div>
        )
      )}
      <button type="button" class="secondary" onClick={onDone}>
        {t.common.backHome}
      </button>
    </section>
  );
}
