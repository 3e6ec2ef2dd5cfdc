import { useState } from 'preact/hooks';

import { t } from '../i18n';

const w = t.toolbox;

/** One step at a time (5 things you see, 4 you can touch…), from the catalogue. */
export function GroundingSteps({ steps }: { steps: string[] }) {
  const [at, setAt] = useState(0);
  const done = at >= steps.length;
  return (
    <section class="card stack" aria-labelledby="grounding-step">
      {done ? (
        <p id="grounding-step" class="status ok" role="status">
          {w.groundingDone}
        </p>
      ) : (
        <>
          <p class="hint">{w.step(at + 1, steps.length)}</p>
          <p id="grounding-step" class="big-step" aria-live="polite">
            {steps[at]}
          </p>
        </>
      )}
      <div class="row">
        {at > 0 && (
          <button type="button" class="secondary" onClick={() => setAt(at - 1)}>
            {w.previous}
          </button>
        )}
        {!done && (
          <button type="button" onClick={() => setAt(at + 1)}>
            {w.next}
          </button>
        )}
      </div>
    </section>
  );
}
