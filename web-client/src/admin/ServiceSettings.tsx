import { useEffect, useState } from 'preact/hooks';

import { ts } from '../i18n/staff';
import { api, problemWords } from '../worker/api';
import { useFieldErrors } from '../ui/field-errors';
import { loadStaff, type StaffMember } from './staff';

const words = ts.admin.settings;

interface Settings {
  require_totp: boolean;
  duty_contact_id: string | null;
  alert_escalation_minutes: number;
  retention_months: number;
}

/** Two-step sign-in for staff, who is told of alerts nobody saw in time,
 * and how long shared data is kept. The server checks each value; a refused
 * save changes nothing. */
export function ServiceSettings() {
  const [settings, setSettings] = useState<Settings | undefined>();
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [escalation, setEscalation] = useState('');
  const [retention, setRetention] = useState('');
  const fields = useFieldErrors('service');
  const [message, setMessage] = useState('');

  const show = (loaded: Settings) => {
    setSettings(loaded);
    setEscalation(String(loaded.alert_escalation_minutes));
    setRetention(String(loaded.retention_months));
  };

  useEffect(() => {
    Promise.all([api.call<Settings>('GET', '/admin/service'), loadStaff()])
      .then(([loaded, people]) => {
        show(loaded);
        setStaff(people);
      })
      .catch(() => setMessage(words.loadFailed));
  }, []);

  if (!settings) return message ? <p class="alert">{message}</p> : null;

  // Only an active worker or admin can be the duty contact; the one chosen
  // stays listed even if since disabled, so the choice is never hidden.
  const candidates = staff.filter(
    (p) => (p.active && (p.role === 'worker' || p.role === 'admin')) || p.id === settings.duty_contact_id,
  );

  const save = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    const numbers = { alert_escalation_minutes: escalation, retention_months: retention };
    const notWhole = Object.entries(numbers).filter(([, text]) => !/^\s*\d+\s*$/.test(text));
    if (notWhole.length) {
      fields.set(Object.fromEntries(notWhole.map(([field]) => [field, words.wholeNumber])));
      setMessage(words.fixFields);
      return;
    }
    fields.clear();
    try {
      show(
        await api.call<Settings>('PATCH', '/admin/service', {
          require_totp: settings.require_totp,
          duty_contact_id: settings.duty_contact_id,
          alert_escalation_minutes: Number(escalation),
          retention_months: Number(retention),
        }),
      );
      setMessage(words.saved);
    } catch (error) {
      setMessage(fields.fromProblem(error) ? words.fixFields : problemWords(error));
    }
  };

  return (
    <section class="card stack" aria-labelledby="service-title">
      <h1 id="service-title">{words.title}</h1>
      <form class="stack" onSubmit={save} noValidate>
        <label class="choice">
          <input
            type="checkbox"
            role="switch"
            checked={settings.require_totp}
            aria-describedby="service-require_totp-hint"
            onChange={(e) => setSettings({ ...settings, require_totp: e.currentTarget.checked })}
          />
          {words.requireTotp}
        </label>
        <p class="hint" id="service-require_totp-hint">
          {words.requireTotpHint}
        </p>
        <div class="field">
          <label for="service-duty">{words.duty}</label>
          <select
            id="service-duty"
            value={settings.duty_contact_id ?? ''}
            aria-describedby={fields.describedBy('duty_contact_id', 'service-duty_contact_id-hint')}
            onChange={(e) => setSettings({ ...settings, duty_contact_id: e.currentTarget.value || null })}
          >
            <option value="">{words.nobody}</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.display_name}
              </option>
            ))}
          </select>
          <p class="hint" id="service-duty_contact_id-hint">
            {words.dutyHint}
          </p>
          {fields.errorFor('duty_contact_id')}
        </div>
        <div class="field">
          <label for="service-escalation">{words.escalation}</label>
          <input
            id="service-escalation"
            inputMode="numeric"
            value={escalation}
            aria-invalid={fields.invalid('alert_escalation_minutes')}
            aria-describedby={fields.describedBy('alert_escalation_minutes', 'service-alert_escalation_minutes-hint')}
            onInput={(e) => setEscalation(e.currentTarget.value)}
          />
          <p class="hint" id="service-alert_escalation_minutes-hint">
            {words.escalationHint}
          </p>
          {fields.errorFor('alert_escalation_minutes')}
        </div>
        <div class="field">
          <label for="service-retention">{words.retention}</label>
          <input
            id="service-retention"
            inputMode="numeric"
            value={retention}
            aria-invalid={fields.invalid('retention_months')}
            aria-describedby={fields.describedBy('retention_months', 'service-retention_months-hint')}
            onInput={(e) => setRetention(e.currentTarget.value)}
          />
          <p class="hint" id="service-retention_months-hint">
            {words.retentionHint}
          </p>
          {fields.errorFor('retention_months')}
        </div>
        <p role="status">{message}</p>
        <div>
          <button type="submit">{words.save}</button>
        </div>
      </form>
    </section>
  );
}
