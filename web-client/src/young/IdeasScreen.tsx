import { useEffect, useMemo, useState } from 'preact/hooks';

import { localTimestamp, strategyCatalogue, type CheckIn, type Strategy, type Suggestion } from '../core';
import { t } from '../i18n';
import { suggester } from './learning';
import { lazily } from '../ui/lazily';
import { profile } from './device';
import { forCore, loadChoices, type Choices } from './preferences';

// The guided screens (pacer, grounding, urge timer) load when an idea is opened.
const StrategyScreen = lazily(() => import('./StrategyScreen').then((m) => m.StrategyScreen));

const w = t.toolbox;

/** Ideas for right now, each with why; try one, rating how you feel before and after. */
export function IdeasScreen({ checkIn, onDone }: { checkIn: CheckIn; onDone: () => void }) {
  const catalogue = useMemo(() => strategyCatalogue(), []);
  // Undefined until the core has picked: nothing it decides shows before.
  const [ideas, setIdeas] = useState<Suggestion[] | undefined>();
  const [choices, setChoices] = useState<Choices | undefined>();
  const [trying, setTrying] = useState<{ strategy: Strategy; reason: string } | undefined>();

  useEffect(() => {
    void Promise.all([suggester(), loadChoices(), profile.ageBand()]).then(([engine, loaded, band]) => {
      setChoices(loaded);
      const checked = engine.suggest({
        check_in: checkIn,
        preferences: forCore(loaded, band),
        now: localTimestamp(),
        seed: crypto.getRandomValues(new Uint32Array(1))[0] ?? 0,
        count: 3,
      });
      setIdeas(checked.status === 'valid' ? checked.value.suggestions : []);
    });
  }, [checkIn]);

  if (trying && choices) {
    // The strongest feeling (the last of equals), as the core's reasons pick it.
    const strongest = checkIn.feelings.reduce<(typeof checkIn.feelings)[number] | undefined>(
      (best, f) => (!best || f.intensity >= best.intensity ? f : best),
      undefined,
    );
    return (
      <StrategyScreen
        strategy={trying.strategy}
        reason={trying.reason}
        feeling={strongest?.feeling}
        learning={choices.personalLearning}
        backLabel={w.backToIdeas}
        onBack={() => setTrying(undefined)}
      />
    );
  }

  return (
    <section class="stack" aria-labelledby="ideas-title">
      <h1 id="ideas-title">{w.ideasTitle}</h1>
      {ideas === undefined && (
        <p class="hint" role="status">
          {w.findingIdeas}
        </p>
      )}
      {ideas?.length === 0 && <p>{w.noIdeas}</p>}
      {ideas?.map((idea) => {
        const strategy = catalogue.strategies.find((s) => s.id === idea.strategy_id);
        if (!strategy) return null;
        return (
          <div class="card" key={idea.strategy_id} data-testid="idea">
            <h2 id={`idea-${idea.strategy_id}`}>{idea.title}</h2>
            <p>{strategy.summary}</p>
            <p class="hint" data-testid="reason">
              <strong>{w.why}</strong> {idea.reason}
            </p>
            <button
              type="button"
              aria-describedby={`idea-${idea.strategy_id}`}
              onClick={() => setTrying({ strategy, reason: idea.reason })}
            >
              {w.tryIt}
            </button>
          </div>
        );
      })}
      <button type="button" class="secondary" onClick={onDone}>
        {w.done}
      </button>
    </section>
  );
}
