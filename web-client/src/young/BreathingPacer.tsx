import { useEffect, useMemo, useState } from 'preact/hooks';

import type { Pace } from '../core';
import { t } from '../i18n';
import { useReducedMotion } from '../ui/motion';

const w = t.toolbox;

interface Phase {
  word: string;
  seconds: number;
  /** How big the circle is by the end of this part of the breath. */
  full: boolean;
}

function phasesOf(pace: Pace): Phase[] {
  const all: Phase[] = [
    { word: w.breatheIn, seconds: pace.breathe_in, full: true },
    { word: w.hold, seconds: pace.hold_in, full: true },
    { word: w.breatheOut, seconds: pace.breathe_out, full: false },
    { word: w.hold, seconds: pace.hold_out, full: false },
  ];
  return all.filter((phase) => phase.seconds > 0);
}

type Running = 'ready' | 'running' | 'paused';

/** Breathe along with a circle that grows and shrinks at the catalogue's
 * pace. With reduced motion there is no circle: the words count instead. */
export function BreathingPacer({ pace }: { pace: Pace }) {
  const phases = useMemo(() => phasesOf(pace), [pace]);
  const reduced = useReducedMotion();
  const [state, setState] = useState<Running>('ready');
  const [at, setAt] = useState({ phase: 0, second: 1 });

  useEffect(() => {
    if (state !== 'running') return;
    const timer = window.setInterval(() => {
      setAt(({ phase, second }) =>
        second < phases[phase].seconds
          ? { phase, second: second + 1 }
          : { phase: (phase + 1) % phases.length, second: 1 },
      );
    }, 1000);
    return () => window.clearInterval(timer);
  }, [state, phases]);

  const phase = phases[at.phase];
  const stop = () => {
    setState('ready');
    setAt({ phase: 0, second: 1 });
  };

  return (
    <section class="card stack pacer" aria-labelledby="pacer-title">
      <h2 id="pacer-title">{w.pacer}</h2>
      {!reduced && (
        <div class="pacer-stage" aria-hidden="true">
          <div
            class={`pacer-circle${state === 'running' && phase.full ? ' full' : ''}`}
            data-testid="pacer-circle"
            style={{ transitionDuration: `${phase.seconds}s` }}
          />
        </div>
      )}
      {/* Only the words are announced: a number every second would drown a screen reader. */}
      <p class="pacer-count" data-testid="pacer-count">
        <span aria-live="polite">{state === 'ready' ? w.readyToStart : state === 'paused' ? w.paused : phase.word}</span>
        {state === 'running' && <span aria-hidden="true"> {at.second}</span>}
      </p>
      <div class="row">
        {state === 'running' ? (
          <button type="button" onClick={() => setState('paused')}>
            {w.pause}
          </button>
        ) : (
          <button type="button" onClick={() => setState('running')}>
            {state === 'paused' ? w.carryOn : w.start}
          </button>
        )}
        {state !== 'ready' && (
          <button type="button" class="secondary" onClick={stop}>
            {w.stop}
          </button>
        )}
      </div>
    </section>
  );
}
