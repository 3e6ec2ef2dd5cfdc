import { useEffect, useState } from 'preact/hooks';

import { t } from '../i18n';
import { profile } from './device';
import { hashPin, validPin } from './pin';

const words = t.account.pin;

/** Add, change or remove the optional app PIN. */
export function PinSettings() {
  const [has, setHas] = useState(false);
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => void profile.pin().then((stored) => setHas(Boolean(stored))), []);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!validPin(pin)) return setMessage(words.invalid);
    if (pin !== again) return setMessage(words.mismatch);
    await profile.setPin(await hashPin(pin));
    setPin('');
    setAgain('');
    setHas(true);
    setMessage(words.saved);
  };
  const remove = async () => {
    await profile.setPin(undefined);
    setHas(false);
    setMessage(words.removed);
  };

  return (
    <section class="card stack" aria-labelledby="pin-title">
      <h2 id="pin-title">{words.title}</h2>
      <p class="hint">{has ? words.on : words.off}</p>
      <form class="stack" onSubmit={save} noValidate>
        <div class="field">
          <label for="new-pin">{words.label}</label>
          <input id="new-pin" type="password" inputMode="numeric" autocomplete="new-password" maxLength={6} value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="new-pin-again">{words.again}</label>
          <input id="new-pin-again" type="password" inputMode="numeric" autocomplete="new-password" maxLength={6} value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
        </div>
        <div class="row">
          <button type="submit">{words.set}</button>
          {has && (
            <button type="button" class="secondary" onClick={() => void remove()}>
              {words.remove}
            </button>
          )}
        </div>
      </form>
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
