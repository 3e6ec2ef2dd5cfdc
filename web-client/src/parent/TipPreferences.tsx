import { useEffect, useState } from 'preact/hooks';

import { ApiError, type Api } from '../api/client';
import { time, weekdayName } from '../i18n';
import { ts } from '../i18n/staff';
import { deviceTimeZone } from '../ui/time-zone';

const FREQUENCIES = ['weekly', 'twice_weekly', 'off'] as const;

/** Monday first, as `weekdayName` counts. */
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

interface Preferences {
  topics: string[];
  weekday: string;
  time: string;
  frequency: 'weekly' | 'twice_weekly' | 'off';
  time_zone: string;
  next_at: string | null;
}

/** Which tips a parent gets, and when. */
export function TipPreferences({ api }: { api: Api }) {
  const [prefs, setPrefs] = useState<Preferences | undefined>();
  const [message, setMessage] = useState('');

  useEffect(() => {
    api
      .call<Preferences>('GET', '/parent/tip-preferences')
      .then(setPrefs)
      .catch(() => setMessage(ts.parentApp.prefsLoadFailed));
  }, [api]);

  if (!prefs) return message ? <p class="alert">{message}</p> : null;

  const toggle = (topic: string, on: boolean) =>
    setPrefs({ ...prefs, topics: on ? [...prefs.topics, topic] : prefs.topics.filter((chosen) => chosen !== topic) });

  const save = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    try {
      const saved = await api.call<Preferences>('PUT', '/parent/tip-preferences', {
        topics: prefs.topics,
        weekday: prefs.weekday,
        time: prefs.time,
        frequency: prefs.frequency,
        time_zone: deviceTimeZone(),
      });
      setPrefs(saved);
      setMessage(
        saved.next_at
          ? ts.parentApp.nextTip(time(saved.next_at, { weekday: 'long' }))
          : ts.parentApp.tipsOff,
      );
    } catch (error) {
      setMessage(
        error instanceof ApiError && error.code === 'validation_failed'
          ? (error.problem.errors?.[0]?.message ?? error.message)
          : ts.parentApp.saveFailed,
      );
    }
  };

  return (
    <form class="card stack" onSubmit={save} aria-labelledby="prefs-title">
      <h2 id="prefs-title">{ts.parentApp.prefsTitle}</h2>
      <fieldset>
        <legend>{ts.parentApp.topics}</legend>
        {Object.entries(ts.topics).map(([topic, label]) => (
          <label class="choice" key={topic}>
            <input type="checkbox" checked={prefs.topics.includes(topic)} onChange={(e) => toggle(topic, e.currentTarget.checked)} />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{ts.parentApp.howOften}</legend>
        {FREQUENCIES.map((value) => (
          <label class="choice" key={value}>
            <input type="radio" name="frequency" checked={prefs.frequency === value} onChange={() => setPrefs({ ...prefs, frequency: value })} />
            {ts.parentApp.frequency[value]}
          </label>
        ))}
      </fieldset>
      <div class="row">
        <div class="field">
          <label for="tip-day">{ts.parentApp.day}</label>
          <select id="tip-day" value={prefs.weekday} onChange={(e) => setPrefs({ ...prefs, weekday: e.currentTarget.value })}>
            {WEEKDAYS.map((day, index) => (
              <option key={day} value={day}>
                {weekdayName(index)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="tip-time">{ts.parentApp.time}</label>
          <input id="tip-time" type="time" value={prefs.time} onInput={(e) => setPrefs({ ...prefs, time: e.currentTarget.value })} />
        </div>
      </div>
      <button type="submit">{ts.parentApp.savePrefs}</button>
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
    </form>
  );
}
