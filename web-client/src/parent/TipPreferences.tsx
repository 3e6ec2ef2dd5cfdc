import { useEffect, useState } from 'preact/hooks';

import { ApiError, type Api } from '../api/client';
import { deviceTimeZone } from '../ui/time-zone';

const TOPICS: [string, string][] = [
  ['anxiety', 'Worry and anxiety'],
  ['low_mood', 'Low mood'],
  ['anger', 'Anger'],
  ['self_harm', 'Self-harm'],
  ['sleep', 'Sleep'],
  ['exams', 'Exams'],
  ['friendships_and_bullying', 'Friendships and bullying'],
  ['online_life', 'Life online'],
  ['not_wanting_to_go_to_school', 'Not wanting to go to school'],
  ['changes_and_moves', 'Changes and moves'],
  ['bereavement', 'Loss and grief'],
  ['looking_after_yourself', 'Looking after yourself'],
];

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
      .catch(() => setMessage('Could not load your choices.'));
  }, [api]);

  if (!prefs) return message ? <p class="alert">{message}</p> : null;

  const toggle = (topic: string, on: boolean) =>
    setPrefs({ ...prefs, topics: on ? [...prefs.topics, topic] : prefs.topics.filter((t) => t !== topic) });

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
          ? `Saved. Your next tip comes ${new Intl.DateTimeFormat(undefined, { weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(saved.next_at))}.`
          : 'Saved. Tips are off.',
      );
    } catch (error) {
      setMessage(
        error instanceof ApiError && error.code === 'validation_failed'
          ? (error.problem.errors?.[0]?.message ?? error.message)
          : 'Could not save. Check your connection and try again.',
      );
    }
  };

  return (
    <form class="card stack" onSubmit={save} aria-labelledby="prefs-title">
      <h2 id="prefs-title">Which tips, and when</h2>
      <fieldset>
        <legend>Topics</legend>
        {TOPICS.map(([topic, label]) => (
          <label class="choice" key={topic}>
            <input type="checkbox" checked={prefs.topics.includes(topic)} onChange={(e) => toggle(topic, e.currentTarget.checked)} />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>How often</legend>
        {(
          [
            ['weekly', 'Once a week'],
            ['twice_weekly', 'Twice a week'],
            ['off', 'No tips for now'],
          ] as const
        ).map(([value, label]) => (
          <label class="choice" key={value}>
            <input type="radio" name="frequency" checked={prefs.frequency === value} onChange={() => setPrefs({ ...prefs, frequency: value })} />
            {label}
          </label>
        ))}
      </fieldset>
      <div class="row">
        <div class="field">
          <label for="tip-day">Day</label>
          <select id="tip-day" value={prefs.weekday} onChange={(e) => setPrefs({ ...prefs, weekday: e.currentTarget.value })}>
            {WEEKDAYS.map((day) => (
              <option key={day} value={day}>
                {day[0].toUpperCase() + day.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="tip-time">Time</label>
          <input id="tip-time" type="time" value={prefs.time} onInput={(e) => setPrefs({ ...prefs, time: e.currentTarget.value })} />
        </div>
      </div>
      <button type="submit">Save tip choices</button>
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
    </form>
  );
}
