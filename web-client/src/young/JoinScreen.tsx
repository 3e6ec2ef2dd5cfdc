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
        setProblem('That code doesn’t work. It may be typed wrong, used already or too old. Check it with your worker.');
      else if (error instanceof ApiError) setProblem('Something went wrong. Please try again.');
      else if (error instanceof OfflineError) setProblem('You need the internet to connect. Try again when you have signal.');
      else setProblem('Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  };
  const errorFor = (field: string) => errors.filter((e) => e.field === field).map((e) => e.message).join(' ');

  return (
    <form class="stack" onSubmit={join} noValidate>
      <h1>Connect with your worker</h1>
      <p>
        Your worker gave you a code. Connecting lets you choose things to share with them. Nothing is shared until you
        say so.
      </p>
      <div class="field">
        <label for="code">Your code</label>
        <input id="code" autocomplete="off" autocapitalize="characters" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        <p class="hint">It looks like ABCD-EFGH.</p>
      </div>
      <div class="field">
        <label for="name">What should Lantern call you?</label>
        <input id="name" autocomplete="nickname" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <p class="hint">A name you like. It doesn’t have to be your real name.</p>
        {errorFor('display_name') && <p class="field-error">{errorFor('display_name')}</p>}
      </div>
      <fieldset class="field">
        <legend>How old are you?</legend>
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
        <h2 id="before-you-connect">Before you connect</h2>
        <ul>
          <li>Your worker sees only what you choose to share. You can change that at any time.</li>
          <li>
            One thing is different: if you answer “a little” or “yes” to the question about hurting yourself, your worker
            is told what you answered, so they can help. They don’t see your note or anything else unless you share it.
          </li>
          <li>{t.account.limits}</li>
          <li>You can see who has looked at your things, and stop sharing, whenever you like.</li>
        </ul>
      </section>
      <div class="row">
        <button type="submit" disabled={busy}>
          Connect
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Not now
        </button>
      </div>
    </form>
  );
}
