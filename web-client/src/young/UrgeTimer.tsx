import { useEffect, useState } from 'preact/hooks';

import type { Strategy } from '../core';
import { plural, t } from '../i18n';
import { CrisisContacts } from '../ui/GetHelp';

const w = t.toolbox;

type Stage = { at: 'ready' } | { at: 'waiting'; endsAt: number } | { at: 'asking' } | { at: 'passed' } | { at: 'not_yet' };

/** Wait out an urge: a timer of the catalogue's length, then "has it
 * passed?". Not yet never leaves someone alone: more ways through an urge
 * and the crisis contacts, straight away. */
export function UrgeTimer({ minutes, others }: { minutes: number; others: Strategy[] }) {
  const [stage, setStage] = useState<Stage>({ at: 'ready' });
  const [now, setNow] = useState(Date.now());
  const duration = plural(minutes, w.duration);

  useEffect(() => {
    if (stage.at !== 'waiting') return;
    // Time from the clock, not from counting ticks: a phone in a pocket
    // slows timers down, and the end must still come on time. Each tick is
    // set for the moment the shown second changes, so the count never
    // lags a second behind.
    let timer: number | undefined;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      if (current >= stage.endsAt) {
        setStage({ at: 'asking' });
        return;
      }
      timer = window.setTimeout(tick, (stage.endsAt - current) % 1000 || 1000);
    };
    tick();
    return () => window.clearTimeout(timer);
  }, [stage]);

  const start = () => {
    const current = Date.now();
    setNow(current);
    setStage({ at: 'waiting', endsAt: current + minutes * 60_000 });
  };

  return (
    <section class="card stack" aria-labelledby="timer-title">
      <h2 id="timer-title">{w.timer}</h2>
      {stage.at === 'ready' && (
        <>
          <p>{w.timerIntro(duration)}</p>
          <button type="button" onClick={start}>
            {w.startTimer}
          </button>
        </>
      )}
      {stage.at === 'waiting' && (
        <>
          <p class="timer">
            <span class="visually-hidden">{w.timeLeft}: </span>
            <span data-testid="time-left">{clock(stage.endsAt - now)}</span>
          </p>
          <button type="button" class="secondary" onClick={() => setStage({ at: 'asking' })}>
            {w.stopTimer}
          </button>
        </>
      )}
      {stage.at === 'asking' && (
        <fieldset class="field">
          <legend>{w.passedQuestion}</legend>
          <div class="row">
            <button type="button" onClick={() => setStage({ at: 'passed' })}>
              {w.yesPassed}
            </button>
            <button type="button" class="secondary" onClick={() => setStage({ at: 'not_yet' })}>
              {w.notPassed}
            </button>
          </div>
        </fieldset>
      )}
      {stage.at === 'passed' && (
        <p class="status ok" role="status">
          {w.wellDone}
        </p>
      )}
      {stage.at === 'not_yet' && (
        <>
          <p role="status">{w.notYet}</p>
          <h3>{w.moreIdeas}</h3>
          <ul class="steps" data-testid="more-ideas">
            {others.map((other) => (
              <li key={other.id}>
                <strong>{other.title}</strong>: {other.summary}
              </li>
            ))}
          </ul>
          <CrisisContacts />
          <button type="button" class="secondary" onClick={start}>
            {w.waitAgain(duration)}
          </button>
        </>
      )}
    </section>
  );
}

/** Minutes and seconds left, as on any timer ("14:59"). */
function clock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
