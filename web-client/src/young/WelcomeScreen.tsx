import { useState } from 'preact/hooks';

import type { AgeBand } from '../core';
import { t } from '../i18n';
import { AGE_BANDS, profile } from './device';

const words = t.account.welcome;

/** First run only: what Lantern does and keeps, then an optional age band. */
export function WelcomeScreen({ onDone }: { onDone: () => void }) {
  const [step, setStep] = useState(0);
  const cards = words.cards;
  const finish = async (band: AgeBand | undefined) => {
    await profile.finishWelcome(band);
    onDone();
  };

  if (step < cards.length) {
    const card = cards[step];
    return (
      <section class="card stack" aria-labelledby="welcome-title">
        <p class="hint">{words.step(step + 1, cards.length + 1)}</p>
        <h1 id="welcome-title">{card.title}</h1>
        <p>{card.body}</p>
        <div class="row">
          <button type="button" onClick={() => setStep(step + 1)}>
            {words.next}
          </button>
          <button type="button" class="secondary" onClick={() => setStep(cards.length)}>
            {words.skip}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section class="card stack" aria-labelledby="age-title">
      <p class="hint">{words.step(cards.length + 1, cards.length + 1)}</p>
      <h1 id="age-title">{words.ageTitle}</h1>
      <p>{words.ageHint}</p>
      <div class="row" role="group" aria-labelledby="age-title">
        {AGE_BANDS.map((band) => (
          <button type="button" key={band} onClick={() => void finish(band)}>
            {band}
          </button>
        ))}
      </div>
      <button type="button" class="secondary" onClick={() => void finish(undefined)}>
        {words.skipAge}
      </button>
    </section>
  );
}
