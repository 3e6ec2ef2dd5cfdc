import { useEffect, useState } from 'preact/hooks';

import { ApiError, type Api } from '../api/client';
import { pushState, turnOffPush, turnOnPush, type PushState } from '../push/subscribe';
import { deviceTimeZone } from './time-zone';

interface Settings {
  time_zone: string;
  quiet_hours: { start: string; end: string } | null;
}

const PUSH_WORDS: Record<PushState, string> = {
  on: 'Notifications are on for this device.',
  off: 'Notifications are off for this device. Everything still waits for you in Lantern.',
  blocked:
    'This browser has blocked notifications from Lantern. You can allow them in the browser’s settings for this site.',
  unsupported: 'This browser can’t show notifications. Everything still waits for you in Lantern.',
};

/** Notifications on this device, and quiet hours: when nothing should buzz. */
export function NotificationSettings({ api }: { api: Api }) {
  const [push, setPush] = useState<PushState | undefined>();
  const [quiet, setQuiet] = useState(true);
  const [start, setStart] = useState('21:00');
  const [end, setEnd] = useState('07:00');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void pushState().then(setPush);
    api
      .call<Settings>('GET', '/me/notification-settings')
      .then((settings) => {
        setQuiet(settings.quiet_hours !== null);
        if (settings.quiet_hours) {
          setStart(settings.quiet_hours.start);
          setEnd(settings.quiet_hours.end);
        }
      })
      .catch(() => setMessage('Could not load your settings. Check your connection.'));
  }, [api]);

  const togglePush = async () => {
    setBusy(true);
    setMessage('');
    try {
      setPush(push === 'on' ? await turnOffPush(api) : await turnOnPush(api));
    } catch {
      setMessage('That didn’t work. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    const body: Settings = { time_zone: deviceTimeZone(), quiet_hours: quiet ? { start, end } : null };
    try {
      await api.call<Settings>('PUT', '/me/notification-settings', body);
      setMessage('Saved.');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed') {
        setMessage('Quiet hours need a start and an end that are different times.');
      } else {
        setMessage('Could not save. Check your connection and try again.');
      }
    }
  };

  return (
    <section class="card stack" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      {push && <p>{PUSH_WORDS[push]}</p>}
      {(push === 'on' || push === 'off') && (
        <button type="button" class="secondary" onClick={togglePush} disabled={busy}>
          {push === 'on' ? 'Turn notifications off' : 'Turn notifications on'}
        </button>
      )}
      <form onSubmit={save} class="stack">
        <label class="choice">
          <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.currentTarget.checked)} />
          Keep quiet hours (nothing buzzes then; it waits until they end)
        </label>
        {quiet && (
          <div class="row">
            <div class="field">
              <label for="quiet-start">From</label>
              <input id="quiet-start" type="time" value={start} required onInput={(e) => setStart(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="quiet-end">Until</label>
              <input id="quiet-end" type="time" value={end} required onInput={(e) => setEnd(e.currentTarget.value)} />
            </div>
          </div>
        )}
        <p class="hint">
          Times are in your time zone: {deviceTimeZone()}.
        </p>
        <button type="submit">Save quiet hours</button>
        {message && (
          <p class="status" role="status">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}
