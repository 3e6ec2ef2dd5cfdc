import { useEffect, useState } from 'preact/hooks';

import { ApiError, type Api } from '../api/client';
import type { AlertView } from '../api/types';
import { dateTime } from '../i18n';
import { ts } from '../i18n/staff';

/** Open alerts first on the dashboard: what a young person answered, and a
 * note of what was done to acknowledge it. Never a score. */
export function Alerts({ api, onChanged }: { api: Api; onChanged: () => void }) {
  const [alerts, setAlerts] = useState<AlertView[] | undefined>();
  const [problem, setProblem] = useState('');

  const load = () =>
    api
      .call<{ alerts: AlertView[] }>('GET', '/alerts')
      .then((list) => setAlerts(list.alerts))
      .catch(() => setProblem(ts.alerts.loadFailed));

  useEffect(() => {
    void load();
  }, []);

  if (!alerts || (alerts.length === 0 && !problem)) return null;
  return (
    <section class="card stack alert-list" aria-labelledby="alerts-heading" data-testid="alerts">
      <h2 id="alerts-heading">{ts.alerts.title}</h2>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {alerts.map((alert) => (
        <OpenAlert
          key={alert.id}
          api={api}
          alert={alert}
          onDone={() => {
            setAlerts(alerts.filter((a) => a.id !== alert.id));
            onChanged();
          }}
        />
      ))}
    </section>
  );
}

function OpenAlert({ api, alert, onDone }: { api: Api; alert: AlertView; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const noteId = `note-${alert.id}`;

  const acknowledge = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem('');
    try {
      await api.call('POST', `/alerts/${alert.id}/acknowledge`, { note });
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'already_acknowledged') onDone();
      else if (error instanceof ApiError && error.problem.errors) setProblem(error.problem.errors.map((e) => e.message).join(' '));
      else setProblem(ts.alerts.didNotSave);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="stack open-alert" onSubmit={acknowledge} data-testid="open-alert">
      <h3>
        {alert.display_name}
        {alert.escalated_to_me && <span class="badge"> {ts.alerts.passedToYou}</span>}
      </h3>
      <p>{alert.summary}</p>
      <p class="hint">{ts.alerts.times(dateTime(alert.disclosed_at), dateTime(alert.raised_at))}</p>
      <div class="field">
        <label for={noteId}>{ts.alerts.whatDidYouDo}</label>
        <textarea id={noteId} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {ts.alerts.acted}
      </button>
    </form>
  );
}
