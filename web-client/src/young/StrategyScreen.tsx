import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

import { localTimestamp, newRecordId, strategyCatalogue, type Feeling, type Strategy } from '../core';
import { t } from '../i18n';
import { BreathingPacer } from './BreathingPacer';
import { GroundingSteps } from './GroundingSteps';
import { rememberUse } from './learning';
import { RateFeeling } from './RateFeeling';
import { UrgeTimer } from './UrgeTimer';

const w = t.toolbox;

interface Props {
  strategy: Strategy;
  /** Why it was suggested, when it was. */
  reason?: string;
  /** The feeling it is tried for, from the check-in. */
  feeling?: Feeling;
  /** With personal learning off there is nothing to rate: ratings are not kept. */
  learning: boolean;
  backLabel: string;
  onBack: () => void;
}

type Stage = { at: 'before' } | { at: 'doing'; before?: number } | { at: 'done' };

/** One idea: how you feel first, the steps (guided where the catalogue says
 * so), then how you feel after, which is what Lantern learns from. */
export function StrategyScreen({ strategy, reason, feeling, learning, backLabel, onBack }: Props) {
  const [stage, setStage] = useState<Stage>(learning ? { at: 'before' } : { at: 'doing' });
  const [rated, setRated] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from a list: start reading (and tabbing) from its title, not from wherever the list was.
  useEffect(() => heading.current?.focus(), []);

  const finish = async (before: number | undefined, after: number | undefined) => {
    if (before !== undefined && after !== undefined) {
      setRated(
        await rememberUse({
          id: newRecordId(),
          strategy_id: strategy.id,
          used_at: localTimestamp(),
          feeling,
          before,
          after,
        }),
      );
    }
    setStage({ at: 'done' });
  };

  return (
    <section class="stack" aria-labelledby="strategy-title">
      <h1 id="strategy-title" ref={heading} tabIndex={-1}>{strategy.title}</h1>
      <p>{strategy.summary}</p>
      {reason && (
        <p class="hint" data-testid="reason">
          <strong>{w.why}</strong> {reason}
        </p>
      )}
      {strategy.caution && (
        <div class="alert" data-testid="caution">
          <h2 class="alert-title">{w.careful}</h2>
          <p>{strategy.caution}</p>
        </div>
      )}

      {stage.at === 'before' && (
        <div class="card">
          <h2>{w.beforeTitle}</h2>
          <RateFeeling question={w.beforeQuestion} onRate={(before) => setStage({ at: 'doing', before })} />
        </div>
      )}

      {stage.at === 'doing' && (
        <>
          <Guided strategy={strategy} />
          {learning ? (
            <div class="card">
              <RateFeeling question={w.afterQuestion} onRate={(after) => void finish(stage.before, after)} />
            </div>
          ) : (
            <button type="button" onClick={() => void finish(undefined, undefined)}>
              {w.finished}
            </button>
          )}
        </>
      )}

      {stage.at === 'done' && (
        <p class="status ok" role="status">
          {rated ? w.thanks : w.thanksNotLearning}
        </p>
      )}

      <button type="button" class="secondary" onClick={onBack}>
        {backLabel}
      </button>
    </section>
  );
}

/** The steps, and the guided screen the catalogue gives this strategy. */
function Guided({ strategy }: { strategy: Strategy }) {
  const others = useMemo(
    () => strategyCatalogue().strategies.filter((s) => s.kind === 'urge_safely' && s.id !== strategy.id),
    [strategy.id],
  );
  const steps = (
    <div class="card">
      <h2>{w.steps}</h2>
      <ol class="steps">
        {strategy.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </div>
  );
  if (strategy.guided === 'grounding') return <GroundingSteps steps={strategy.steps} />;
  return (
    <>
      {steps}
      {strategy.guided === 'breathing' && strategy.pace && <BreathingPacer pace={strategy.pace} />}
      {strategy.guided === 'urge_timer' && strategy.timer_minutes && (
        <UrgeTimer minutes={strategy.timer_minutes} others={others} />
      )}
    </>
  );
}
