import { useEffect, useState } from 'preact/hooks';

import { ApiError, OfflineError } from '../api/client';
import type { Session } from '../api/types';
import type { AgeBand, ValidationError } from '../core';
import { t } from '../i18n';
import { AGE_BANDS, profile } from './device';
import { api, markConnected, saveSession } from './session';

/** Connect to a worker with the code they gave you. No email, no real name. */
export function JoinScreen({ onJoined, onCancel }: { onJoined: () => void; onCancel: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [ageBand, setAgeBand] = useState<AgeBand | ''>('');
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  // The age band given on first run, if any; it can still be changed here.
  useEffect(() => void profile.ageBand().then((band) => band && setAgeBand((picked) => picked || band)), []);

  const join = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    setProblem('');
    try {
      const session = await api.anonymous<Session>('POST', '/join', {
        code,
        display_name: name,
        age_band: ageBand,
      });
      await saveSession(session);
      await markConnected();
      onJoined();
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors) setErrors(error.problem.errors);
      else if (error instanceof ApiError && error.code === 'invalid_invite')
        setProblem(t.join.badCode);
      else if (error instanceof ApiError) setProblem(t.join.failed);
      else if (error instanceof OfflineError) setProblem(t.join.offline);
      else setProblem(t.join.failed);
    } finally {
      setBusy(false);
    }
  };
  const errorFor = (field: string) => errors.filter((e) => e.field === field).map((e) => e.message).join(' ');

  return (
    <form class="stack" onSubmit={join} noValidate>
      <h1>{t.join.title}</h1>
      <p>{t.join.intro}</p>
      <div class="field">
        <label for="code">{t.join.code}</label>
        <input id="code" autocomplete="off" autocapitalize="characters" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        <p class="hint">{t.join.codeHint}</p>
      </div>
      <div class="field">
        <label for="name">{t.join.name}</label>
        <input id="name" autocomplete="nickname" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <p class="hint">{t.join.nameHint}</p>
        {errorFor('display_name') && <p class="field-error">{errorFor('display_name')}</p>}
      </div>
      <fieldset class="field">
        <legend>{t.join.age}</legend>
        <div class="row">
          {AGE_BANDS.map((band) => (
            <button
              type="button"
              key={band}
              class={ageBand === band ? 'picked' : 'secondary'}
              aria-pressed={ageBand === band}
              onClick={() => setAgeBand(band)}
            >
              {band}
            </button>
          ))}
        </div>
        {errorFor('age_band') && <p class="field-error">{errorFor('age_band')}</p>}
      </fieldset>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      <section class="card" aria-labelledby="before-you-connect" data-testid="before-you-connect">
        <h2 id="before-you-connect">{t.join.beforeTitle}</h2>
        <ul>
          <li>{t.join.onlyShared}</li>
          <li>{t.join.answersGo}</li>
          <li>{t.account.limits}</li>
          <li>{t.join.whoLooked}</li>
        </ul>
      </section>
      <div class="row">
        <button type="submit" disabled={busy}>
          {t.join.connect}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t.join.notNow}
        </button>
      </div>
    </form>
  );
}
