import { useEffect, useMemo, useState } from 'preact/hooks';

import { strategyCatalogue, type Strategy, type StrategyKind } from '../core';
import { locale, t } from '../i18n';
import { loadChoices, saveChoices, toggled, type Choices } from './preferences';
import { StrategyScreen } from './StrategyScreen';

const w = t.toolbox;
const KINDS = Object.keys(w.kind) as StrategyKind[];

/** Every idea: by kind, by words, starred first; hidden ones can come back. */
export function ToolboxScreen({ onDone }: { onDone: () => void }) {
  const strategies = useMemo(() => strategyCatalogue().strategies, []);
  const [choices, setChoices] = useState<Choices | undefined>();
  const [kind, setKind] = useState<StrategyKind | undefined>();
  const [words, setWords] = useState('');
  const [justHidden, setJustHidden] = useState<Strategy | undefined>();
  const [open, setOpen] = useState<Strategy | undefined>();

  useEffect(() => {
    void loadChoices().then(setChoices);
  }, []);

  if (!choices) return null;

  const change = (next: Choices) => {
    setChoices(next);
    void saveChoices(next);
  };
  const star = (id: string, on: boolean) => change({ ...choices, favourites: toggled(choices.favourites, id, on) });
  const hide = (strategy: Strategy, on: boolean) => {
    change({ ...choices, hidden: toggled(choices.hidden, strategy.id, on) });
    setJustHidden(on ? strategy : undefined);
  };

  if (open) {
    return (
      <StrategyScreen
        strategy={open}
        learning={choices.personalLearning}
        backLabel={w.backToToolbox}
        onBack={() => setOpen(undefined)}
      />
    );
  }

  const query = words.trim().toLocaleLowerCase(locale);
  const shown = strategies
    .filter((s) => !choices.hidden.includes(s.id))
    .filter((s) => !kind || s.kind === kind)
    .filter((s) => !query || `${s.title} ${s.summary}`.toLocaleLowerCase(locale).includes(query));
  const starred = (s: Strategy) => choices.favourites.includes(s.id);
  // Stable sort: starred first, the catalogue's order otherwise.
  shown.sort((a, b) => Number(starred(b)) - Number(starred(a)));
  const hidden = strategies.filter((s) => choices.hidden.includes(s.id));

  return (
    <section class="stack" aria-labelledby="toolbox-title">
      <h1 id="toolbox-title">{w.title}</h1>
      <p>{w.intro}</p>
      <div class="field">
        <label for="toolbox-search">{w.search}</label>
        <input id="toolbox-search" type="search" value={words} onInput={(e) => setWords(e.currentTarget.value)} />
      </div>
      <div role="group" aria-label={w.kinds} class="row">
        <KindChip label={w.all} on={!kind} onClick={() => setKind(undefined)} />
        {KINDS.map((k) => (
          <KindChip key={k} label={w.kind[k]} on={kind === k} onClick={() => setKind(k)} />
        ))}
      </div>
      {justHidden && (
        <p class="status" role="status">
          {w.hidden(justHidden.title)}{' '}
          <button type="button" class="link" onClick={() => hide(justHidden, false)}>
            {w.undo}
          </button>
        </p>
      )}
      {shown.length === 0 && <p>{w.noMatch}</p>}
      <ul class="toolbox" aria-labelledby="toolbox-title">
        {shown.map((s) => (
          <li class="card" key={s.id} data-testid="tool">
            <h2 id={`tool-${s.id}`}>
              {starred(s) && (
                <span class="star" aria-label={w.starred} role="img">
                  ★{' '}
                </span>
              )}
              {s.title}
            </h2>
            <p>{s.summary}</p>
            <p class="hint">
              {w.kind[s.kind]} · {w.minutes(s.minutes.min, s.minutes.max)}
            </p>
            <div class="row">
              <button type="button" aria-describedby={`tool-${s.id}`} onClick={() => setOpen(s)}>
                {w.tryIt}
              </button>
              <button
                type="button"
                class="secondary small"
                aria-pressed={starred(s)}
                aria-label={w.favourite(s.title)}
                onClick={() => star(s.id, !starred(s))}
              >
                <span aria-hidden="true">{starred(s) ? '★' : '☆'}</span> {w.favouriteWord}
              </button>
              <button type="button" class="secondary small" aria-label={w.hide(s.title)} onClick={() => hide(s, true)}>
                {w.hideWord}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {hidden.length > 0 && (
        <details class="card">
          <summary>{w.hiddenList}</summary>
          <ul class="check-ins">
            {hidden.map((s) => (
              <li key={s.id} class="row">
                <span>{s.title}</span>
                <button type="button" class="secondary small" aria-label={w.bringBack(s.title)} onClick={() => hide(s, false)}>
                  {w.bringBackWord}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" class="secondary" onClick={onDone}>
        {t.common.backHome}
      </button>
    </section>
  );
}

function KindChip({ label, on, onClick }: { label: string; on: boolean; onClick: () => void }) {
  return (
    <button type="button" class={`chip small ${on ? 'picked' : 'secondary'}`} aria-pressed={on} onClick={onClick}>
      {label}
    </button>
  );
}
