// What has helped most, from before/after ratings, with its evidence in
// words ("Helped you 4 of the last 5 times"), and the patterns the core
// found when there was enough evidence for them.

import { useMemo } from 'preact/hooks';

import { strategyCatalogue, type ContextPattern, type HelpfulStrategy } from '../../core';
import { t } from '../../i18n';
import type { Viewer } from './format';

export function HelpsSection({ helps, viewer }: { helps: HelpfulStrategy[]; viewer: Viewer }) {
  const words = t.progress.helps;
  const titles = useMemo(() => new Map(strategyCatalogue().strategies.map((s) => [s.id, s.title])), []);
  return (
    <section class="card" aria-labelledby="helps-title">
      <h2 id="helps-title">{viewer === 'young' ? words.title : words.titleWorker}</h2>
      {helps.length === 0 ? (
        <p>{viewer === 'young' ? words.empty : words.emptyWorker}</p>
      ) : (
        <ul data-testid="helps">
          {helps.map((h) => (
            <li key={h.strategy_id}>
              <strong>{titles.get(h.strategy_id) ?? h.strategy_id}</strong> — {h.sentence}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Shown only when the core found something: no evidence, no section. */
export function PatternsSection({ patterns }: { patterns: ContextPattern[] }) {
  if (patterns.length === 0) return null;
  return (
    <section class="card" aria-labelledby="patterns-title">
      <h2 id="patterns-title">{t.progress.patterns.title}</h2>
      <ul data-testid="patterns">
        {patterns.map((p) => (
          <li key={p.context}>{p.sentence}</li>
        ))}
      </ul>
    </section>
  );
}
