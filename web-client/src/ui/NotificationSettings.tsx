import { useEffect, useState } from 'preact/hooks';

import { ApiError, type Api } from '../api/client';
import { t } from '../i18n';
import { pushState, turnOffPush, turnOnPush, type PushState } from '../push/subscribe';
import { deviceTimeZone } from './time-zone';

interface Settings {
  time_zone: string;
  quiet_hours: { start: string; end: string } | null;
}

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
      .catch(() => setMessage(t.notifications.loadFailed));
  }, [api]);

  const togglePush = async () => {
    setBusy(true);
    setMessage('');
    try {
      setPush(push === 'on' ? await turnOffPush(api) : await turnOnPush(api));
    } catch {
      setMessage(t.notifications.failed);
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
      setMessage(t.notifications.saved);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed') {
        setMessage(t.notifications.quietHoursDiffer);
      } else {
        setMessage(t.notifications.saveFailed);
      }
    }
  };

  return (
    <section class="card stack" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t.notifications.title}</h2>
      {push && <p>{t.notifications.push[push]}</p>}
      {(push === 'on' || push === 'off') && (
        <button type="button" class="secondary" onClick={togglePush} disabled={busy}>
          {push === 'on' ? t.notifications.turnOff : t.notifications.turnOn}
        </button>
      )}
      <form onSubmit={save} class="stack">
        <label class="choice">
          <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.currentTarget.checked)} />
          {t.notifications.keepQuietHours}
        </label>
        {quiet && (
          <div class="row">
            <div class="field">
              <label for="quiet-start">{t.notifications.from}</label>
              <input id="quiet-start" type="time" value={start} required onInput={(e) => setStart(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="quiet-end">{t.notifications.until}</label>
              <input id="quiet-end" type="time" value={end} required onInput={(e) => setEnd(e.currentTarget.value)} />
            </div>
          </div>
        )}
        <p class="hint">{t.notifications.timeZone(deviceTimeZone())}</p>
        <button type="submit">{t.notifications.saveQuietHours}</button>
        {message && (
          <p class="status" role="status">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}
