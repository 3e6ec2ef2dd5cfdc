import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

import { ApiError, OfflineError } from '../api/client';
import type { ConsentState } from '../api/types';
import { scopeOptions, type CheckIn, type ConsentScope } from '../core';
import { t } from '../i18n';
import { checkIns } from '../store/db';
import { SharePreview } from './SharePreview';
import { scopeTitle } from './scopes';
import { markAllUnsent } from './sync';
import { api, loadGrants, saveConsents } from './session';

/** The scopes a young person can switch on now; more come with later screens. */
const SWITCHABLE: ConsentScope[] = ['mood', 'feelings', 'contexts_and_sleep', 'notes', 'strategy_use', 'goals', 'wheel', 'safety_plan'];
const WORDING_VERSION = 1;

/** What to share with your worker, each with what they will see. */
export function SharingScreen({ onChanged, onDone }: { onChanged: () => void; onDone: () => void }) {
  const options = useMemo(() => scopeOptions().filter((o) => SWITCHABLE.includes(o.scope)), []);
  const [consents, setConsents] = useState<ConsentState[]>([]);
  const [includePast, setIncludePast] = useState(false);
  const [problem, setProblem] = useState('');
  const [latest, setLatest] = useState<CheckIn | undefined>();
  // Set once a switch is tapped: the answer to a change is newer than the
  // first read, so a slow first read must not flip a switch back.
  const changed = useRef(false);

  useEffect(() => void checkIns.all().then((rows) => setLatest(rows[0]?.checkIn)), []);

  useEffect(() => {
    // What this phone last heard, so the switches are right even offline;
    // then the server's answer, which is the truth.
    void loadGrants().then((grants) =>
      setConsents((current) =>
        current.length > 0
          ? current
          : grants.map((g) => ({ scope: g.scope, granted: true, granted_at: g.granted_at, include_past: g.include_past })),
      ),
    );
    api
      .call<{ consents: ConsentState[] }>('GET', '/me/consents')
      .then(async (list) => {
        if (changed.current) return;
        setConsents(list.consents);
        await saveConsents(list.consents);
      })
      .catch(() => setProblem(t.sharing.needInternet));
  }, []);

  const set = async (scope: ConsentScope, granted: boolean) => {
    setProblem('');
    changed.current = true;
    try {
      const list = await api.call<{ consents: ConsentState[] }>('PUT', `/me/consents/${scope}`, {
        granted,
        include_past: includePast,
        wording_version: WORDING_VERSION,
      });
      setConsents(list.consents);
      await saveConsents(list.consents);
      await markAllUnsent();
      onChanged();
    } catch (error) {
      if (error instanceof OfflineError) setProblem(t.sharing.needInternet);
      else if (error instanceof ApiError) setProblem(error.message);
      else setProblem(t.sharing.failed);
    }
  };

  return (
    <section class="stack">
      <h1>{t.sharing.title}</h1>
      <p>{t.sharing.intro}</p>
      <fieldset class="field">
        <legend>{t.sharing.whenOn}</legend>
        <label class="choice">
          <input type="radio" name="past" checked={!includePast} onChange={() => setIncludePast(false)} /> {t.sharing.fromNow}
        </label>
        <label class="choice">
          <input type="radio" name="past" checked={includePast} onChange={() => setIncludePast(true)} /> {t.sharing.before}
        </label>
      </fieldset>
      {options.map((option) => {
        const on = consents.find((c) => c.scope === option.scope)?.granted ?? false;
        return (
          <div class="card" key={option.scope}>
            <div class="row" style={{ justifyContent: 'space-between' }}>
              <h2 id={`scope-${option.scope}`}>{scopeTitle(option.scope)}</h2>
              <button
                type="button"
                role="switch"
                aria-checked={on}
                aria-labelledby={`scope-${option.scope}`}
                class={on ? 'picked' : 'secondary'}
                onClick={() => set(option.scope, !on)}
              >
                {on ? t.sharing.shared : t.sharing.notShared}
              </button>
            </div>
            <p class="hint">{option.explanation}</p>
            <SharePreview scope={option.scope} latest={latest} />
          </div>
        );
      })}
      <section class="card" aria-labelledby="limits-title" data-testid="limits">
        <h2 id="limits-title">{t.account.limitsTitle}</h2>
        <p>{t.account.limits}</p>
      </section>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      <button type="button" onClick={onDone}>
        {t.sharing.done}
      </button>
    </section>
  );
}
