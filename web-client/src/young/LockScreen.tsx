import { useEffect, useRef, useState } from 'preact/hooks';

import { t } from '../i18n';
import { profile, wipeDevice } from './device';
import { verifyPin, waitAfter } from './pin';

const words = t.account.lock;

/** Asks for the app PIN. "Get help now" stays in the top bar above it. */
export function LockScreen({ onUnlocked }: { onUnlocked: () => void }) {
  const [pin, setPin] = useState('');
  // A ref, not state: tries counted while a slow check is still running.
  const wrong = useRef(0);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [message, setMessage] = useState('');
  const [forgot, setForgot] = useState(false);
  const waiting = Math.max(0, Math.ceil((waitUntil - now) / 1000));

  // A reload must not reset the count or the wait.
  useEffect(() => {
    void profile.pinTries().then((tries) => {
      wrong.current = Math.max(wrong.current, tries.wrong);
      setWaitUntil((current) => Math.max(current, tries.waitUntil));
      setNow(Date.now());
    });
  }, []);

  useEffect(() => {
    if (waiting === 0) return;
    const timer = window.setTimeout(() => setNow(Date.now()), 1000);
    return () => window.clearTimeout(timer);
  }, [waiting, now]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (waiting > 0) return;
    const stored = await profile.pin();
    if (!stored || (await verifyPin(pin, stored))) {
      await profile.setPinTries(undefined);
      onUnlocked();
      return;
    }
    wrong.current += 1;
    const pause = waitAfter(wrong.current);
    const until = Date.now() + pause * 1000;
    await profile.setPinTries({ wrong: wrong.current, waitUntil: until });
    setPin('');
    setWaitUntil(until);
    setNow(Date.now());
    setMessage(pause > 0 ? words.wait(pause) : words.wrong);
  };

  const startAgain = async () => {
    await wipeDevice();
    location.replace('/');
  };

  return (
    <section class="card stack" aria-labelledby="lock-title">
      <h1 id="lock-title">{words.title}</h1>
      <form class="stack" onSubmit={submit} noValidate>
        <div class="field">
          <label for="unlock-pin">{words.pin}</label>
          <input
            id="unlock-pin"
            type="password"
            inputMode="numeric"
            autocomplete="off"
            maxLength={6}
            value={pin}
            onInput={(e) => setPin(e.currentTarget.value)}
            aria-describedby="lock-intro"
          />
          <p class="hint" id="lock-intro">
            {words.intro}
          </p>
        </div>
        {message && (
          <p class="alert" role="alert">
            {message}
          </p>
        )}
        <button type="submit" disabled={waiting > 0}>
          {words.open}
        </button>
      </form>
      {forgot ? (
        <div class="stack" role="group" aria-labelledby="forgot-title">
          <h2 id="forgot-title">{words.forgot}</h2>
          <p>{words.forgotBody}</p>
          <button type="button" onClick={() => void startAgain()}>
            {words.forgotConfirm}
          </button>
        </div>
      ) : (
        <button type="button" class="secondary" onClick={() => setForgot(true)}>
          {words.forgot}
        </button>
      )}
    </section>
  );
}
