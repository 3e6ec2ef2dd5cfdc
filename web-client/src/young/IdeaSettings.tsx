import { useEffect, useState } from 'preact/hooks';

import type { AgeBand } from '../core';
import { t } from '../i18n';
import { AgeBandField } from './AgeBandField';
import { profile } from './device';
import { loadChoices, saveChoices, type Choices } from './preferences';

const w = t.toolbox;

/** What the core needs to pick suitable ideas: the age band (first asked at
 * welcome) and whether eating is hard, which rules some ideas out. */
export function IdeaSettings() {
  const [band, setBand] = useState<AgeBand | undefined>();
  const [choices, setChoices] = useState<Choices | undefined>();

  useEffect(() => {
    void Promise.all([profile.ageBand(), loadChoices()]).then(([saved, loaded]) => {
      setBand(saved);
      setChoices(loaded);
    });
  }, []);

  // Both are read before anything shows, so a late read never undoes a tap.
  if (!choices) return null;

  const pickBand = (picked: AgeBand | undefined) => {
    setBand(picked);
    void profile.setAgeBand(picked);
  };
  const setEating = (on: boolean) => {
    const next = { ...choices, eatingDifficulties: on };
    setChoices(next);
    void saveChoices(next);
  };

  return (
    <section class="card stack" aria-labelledby="ideas-for-me">
      <h2 id="ideas-for-me">{w.ideasForMe}</h2>
      <p class="hint">{w.ideasForMeIntro}</p>
      <AgeBandField id="my-age" label={w.myAge} emptyLabel={w.ageNotSaid} value={band} onChange={pickBand} />
      <label class="choice">
        <input
          type="checkbox"
          role="switch"
          checked={choices.eatingDifficulties}
          aria-describedby="eating-hint"
          onChange={(e) => setEating(e.currentTarget.checked)}
        />
        {w.eatingSwitch}
      </label>
      <p class="hint" id="eating-hint">
        {w.eatingHint}
      </p>
    </section>
  );
}
