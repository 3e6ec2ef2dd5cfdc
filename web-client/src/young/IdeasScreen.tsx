import { useEffect, useMemo, useState } from 'preact/hooks';

import {
  localTimestamp,
  newRecordId,
  strategyCatalogue,
  type CheckIn,
  type Strategy,
  type Suggestion,
} from '../core';
import { MOODS } from './moods';
import { rememberUse, suggester } from './learning';

/** Ideas for right now, each with why; try one, then say how you feel. */
export function IdeasScreen({ checkIn, onDone }: { checkIn: CheckIn; onDone: () => void }) {
  const catalogue = useMemo(() => strategyCatalogue(), []);
  const [ideas, setIdeas] = useState<Suggestion[]>([]);
  const [trying, setTrying] = useState<Strategy | undefined>();
  const [thanks, setThanks] = useState('');

  useEffect(() => {
    void suggester().then((engine) => {
      const checked = engine.suggest({
        check_in: checkIn,
        preferences: {
          favourites: [],
          hidden: [],
          personal_learning: true,
          sensitivities: { eating_difficulties: false },
          age: 10,
        },
        now: localTimestamp(),
        seed: crypto.getRandomValues(new Uint32Array(1))[0] ?? 0,
        count: 3,
      });
      if (checked.status === 'valid') setIdeas(checked.value.suggestions);
    });
  }, [checkIn]);

  const rate = async (strategy: Strategy, after: number) => {
    await rememberUse({
      id: newRecordId(),
      strategy_id: strategy.id,
      used_at: localTimestamp(),
      feeling: checkIn.feelings[0]?.feeling,
      before: checkIn.mood,
      after,
    });
    setTrying(undefined);
    setThanks('Thanks. Lantern will remember what helps you.');
  };

  if (trying) {
    return (
      <section class="stack" aria-labelledby="trying-title">
        <h1 id="trying-title">{trying.title}</h1>
        <p>{trying.summary}</p>
        <ol class="steps">
          {trying.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        {trying.caution && <p class="alert">{trying.caution}</p>}
        <fieldset class="field">
          <legend>When you’ve tried it: how do you feel now?</legend>
          <div class="row mood-row">
            {MOODS.map((m) => (
              <button type="button" key={m.value} class="mood secondary" onClick={() => void rate(trying, m.value)}>
                <span aria-hidden="true" class="face">
                  {m.face}
                </span>
                <span>{m.word}</span>
              </button>
            ))}
          </div>
        </fieldset>
        <button type="button" class="secondary" onClick={() => setTrying(undefined)}>
          Back to ideas
        </button>
      </section>
    );
  }

  return (
    <section class="stack" aria-labelledby="ideas-title">
      <h1 id="ideas-title">Ideas for right now</h1>
      {thanks && (
        <p class="status ok" role="status">
          {thanks}
        </p>
      )}
      {ideas.map((idea) => {
        const strategy = catalogue.strategies.find((s) => s.id === idea.strategy_id);
        if (!strategy) return null;
        return (
          <div class="card" key={idea.strategy_id} data-testid="idea">
            <h2>{idea.title}</h2>
            <p>{strategy.summary}</p>
            <p class="hint">{idea.reason}</p>
            <button type="button" onClick={() => setTrying(strategy)}>
              Try this
            </button>
          </div>
        );
      })}
      <button type="button" class="secondary" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
