import { useEffect, useState } from 'preact/hooks';

import { ApiError } from '../api/client';
import { ts } from '../i18n/staff';
import { api, problemCode, problemWords } from './api';
import { TotpEnrolment } from './TotpEnrolment';

const words = ts.worker.totp;

type State = 'idle' | 'enrolling' | 'on' | 'off';

/** Turning two-step sign-in on or off; `GET /me` says which it is now. */
export function Security() {
  const [state, setState] = useState<State>('idle');
  useEffect(() => {
    api.call<{ totp_enabled?: boolean }>('GET', '/me').then(
      (me) => setState((now) => (now === 'idle' ? (me.totp_enabled ? 'on' : 'off') : now)),
      () => undefined,
    );
  }, []);
  const [secretOrPassword, setSecretOrPassword] = useState('');
  const [message, setMessage] = useState('');

  const startEnrolling = () => {
    setMessage('');
    setState('enrolling');
  };

  const turnOff = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    const typed = secretOrPassword.trim();
    const body = /^\d{3} ?\d{3}$/.test(typed) ? { code: typed.replace(' ', '') } : { password: typed };
    try {
      await api.call('POST', '/me/totp/disable', body);
      setState('off');
      setMessage(words.off);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'totp_required_by_service') setMessage(words.requiredByService);
      else if (problemCode(error) === 'wrong_code') setMessage(ts.worker.totp.wrongCode);
      else setMessage(problemWords(error));
    }
    setSecretOrPassword('');
  };

  return (
    <div class="stack more">
      {state === 'on' && <p class="status ok">{words.isOn}</p>}
      {state === 'off' && <p>{words.isOff}</p>}
      {state === 'enrolling' ? (
        <TotpEnrolment onDone={() => setState('on')} onAlreadyOn={() => setState('on')} />
      ) : (
        state !== 'on' && (
          <button type="button" onClick={startEnrolling}>
            {words.start}
          </button>
        )
      )}
      {state === 'on' && (
        <form class="stack" onSubmit={turnOff}>
          <h3>{words.turnOff}</h3>
          <p class="hint">{words.turnOffHint}</p>
          <div class="field">
            <label for="totp-off">{words.codeOrPassword}</label>
            <input
              id="totp-off"
              type="password"
              autocomplete="current-password"
              required
              value={secretOrPassword}
              onInput={(e) => setSecretOrPassword(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="secondary">
            {words.turnOff}
          </button>
        </form>
      )}
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
