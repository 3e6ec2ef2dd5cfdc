import { useEffect, useState } from 'preact/hooks';

import { ApiError } from '../api/client';
import { clockTime, t } from '../i18n';
import { browserSubscription, pushSupported } from '../push/subscribe';
import { settings } from '../store/db';
import { api, loadSession } from './session';
import { deviceTimeZone } from '../ui/time-zone';

const STORED = 'reminder';
const SECRET_HEADER = 'lantern-reminder-secret';

interface StoredReminder {
  id: string;
  /** Lets this device change or stop its reminder; the server keeps only a hash. */
  secret: string;
  time: string;
}

/** A daily check-in reminder at a time the young person picks. Works with
 * no account: the server keeps only this phone's push address, the time and
 * the time zone. No streaks, no nagging: one gentle nudge a day. */
export function Reminder() {
  const [stored, setStored] = useState<StoredReminder | undefined>();
  const [time, setTime] = useState('17:00');
  const [night, setNight] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void settings.get<StoredReminder>(STORED).then((found) => {
      setStored(found);
      if (found) setTime(found.time);
    });
  }, []);

  const when = () => ({ time, time_zone: deviceTimeZone(), allow_night: night });

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage('');
    try {
      setMessage(await work());
    } catch (error) {
      setMessage(problemWords(error));
    } finally {
      setBusy(false);
    }
  };

  const turnOn = () =>
    run(async () => {
      if (!pushSupported()) return t.reminders.unsupported;
      if ((await Notification.requestPermission()) !== 'granted') {
        return t.reminders.needsNotifications;
      }
      const subscription = (await browserSubscription(api)).toJSON();
      const body = { subscription, ...when() };
      // Signed in, the reminder is part of the account (its quiet hours apply).
      const created = (await loadSession())
        ? await api.call<{ id: string; secret: string }>('POST', '/reminders', body)
        : await api.anonymous<{ id: string; secret: string }>('POST', '/reminders', body);
      const next = { id: created.id, secret: created.secret, time };
      await settings.set(STORED, next);
      setStored(next);
      return t.reminders.turnedOn(clockTime(time));
    });

  const change = () =>
    run(async () => {
      if (!stored) return '';
      await api.anonymous('PUT', `/reminders/${encodeURIComponent(stored.id)}`, when(), { [SECRET_HEADER]: stored.secret });
      const next = { ...stored, time };
      await settings.set(STORED, next);
      setStored(next);
      return t.reminders.changed(clockTime(time));
    });

  const turnOff = () =>
    run(async () => {
      if (!stored) return '';
      try {
        await api.anonymous('DELETE', `/reminders/${encodeURIComponent(stored.id)}`, undefined, {
          [SECRET_HEADER]: stored.secret,
        });
      } catch (error) {
        // Already gone on the server: forget it here too.
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
      await settings.set(STORED, undefined);
      setStored(undefined);
      return t.reminders.stopped;
    });

  return (
    <section class="card stack" aria-labelledby="reminder-title">
      <h2 id="reminder-title">{t.reminders.title}</h2>
      <p class="hint">
        {stored ? t.reminders.on(clockTime(stored.time)) : t.reminders.off}
      </p>
      <div class="field">
        <label for="reminder-time">{t.reminders.time}</label>
        <input id="reminder-time" type="time" value={time} onInput={(e) => setTime(e.currentTarget.value)} />
      </div>
      <label class="choice">
        <input type="checkbox" checked={night} onChange={(e) => setNight(e.currentTarget.checked)} />
        {t.reminders.atNight}
      </label>
      <div class="row">
        {stored ? (
          <>
            <button type="button" onClick={change} disabled={busy}>
              {t.reminders.changeTime}
            </button>
            <button type="button" class="secondary" onClick={turnOff} disabled={busy}>
              {t.reminders.stop}
            </button>
          </>
        ) : (
          <button type="button" onClick={turnOn} disabled={busy}>
            {t.reminders.remindMe}
          </button>
        )}
      </div>
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
    </section>
  );
}

function problemWords(error: unknown): string {
  if (error instanceof ApiError && error.code === 'validation_failed') {
    return error.problem.errors?.[0]?.message ?? error.message;
  }
  if (error instanceof ApiError) return error.message;
  return t.reminders.failed;
}
