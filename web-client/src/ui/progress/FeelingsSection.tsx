// The feelings that came up most, in words, with how often.

import { useMemo } from 'preact/hooks';

import { feelingOptions, type FeelingCount } from '../../core';
import { plural, t } from '../../i18n';

const SHOWN = 5;

export function FeelingsSection({ feelings }: { feelings: FeelingCount[] }) {
  const words = t.progress.feelings;
  const labels = useMemo(() => new Map(feelingOptions().map((o) => [o.feeling, o.label])), []);
  return (
    <section class="card" aria-labelledby="feelings-title">
      <h2 id="feelings-title">{words.title}</h2>
      {feelings.length === 0 ? (
        <p>{words.empty}</p>
      ) : (
        <>
          <p>{words.intro}</p>
          <ul data-testid="feelings">
            {feelings.slice(0, SHOWN).map((f) => (
              <li key={f.feeling}>
                {labels.get(f.feeling) ?? f.feeling} — {plural(f.count, words.times)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
