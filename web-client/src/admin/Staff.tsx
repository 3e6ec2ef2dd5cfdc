import { useEffect, useState } from 'preact/hooks';

import { ApiError } from '../api/client';
import { plural } from '../i18n';
import { ts } from '../i18n/staff';
import { api, problemWords } from '../worker/api';
import { useFieldErrors } from '../ui/field-errors';
import { loadStaff, type StaffMember } from './staff';

const words = ts.admin.staff;
const ROLES = ['worker', 'service_lead', 'admin'] as const;

/** Who at the service signs in, with a way to add someone and to disable
 * an account (its sign-ins end at once). */
export function Staff({ me }: { me: string }) {
  const [staff, setStaff] = useState<StaffMember[] | undefined>();
  const [disabling, setDisabling] = useState<string | undefined>();
  const [message, setMessage] = useState('');

  const load = () =>
    loadStaff()
      .then(setStaff)
      .catch(() => setMessage(words.loadFailed));

  useEffect(() => {
    void load();
  }, []);

  const turn = async (person: StaffMember, on: boolean) => {
    try {
      await api.call('POST', `/admin/users/${encodeURIComponent(person.id)}/${on ? 'enable' : 'disable'}`, {});
      setDisabling(undefined);
      setMessage(on ? words.enabledDone(person.display_name) : words.disabledDone(person.display_name));
      await load();
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

  return (
    <div class="stack">
      <section class="card stack" aria-labelledby="staff-title">
        <h1 id="staff-title">{words.title}</h1>
        <p class="hint">{words.intro}</p>
        <p role="status">{message}</p>
        {staff && (
          <div class="table-wrap">
            <table data-testid="staff">
              <thead>
                <tr>
                  <th scope="col">{words.name}</th>
                  <th scope="col">{words.role}</th>
                  <th scope="col">{words.email}</th>
                  <th scope="col">{words.youngPeople}</th>
                  <th scope="col">{words.status}</th>
                  <th scope="col">
                    <span class="visually-hidden">{words.actions}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {staff.map((person) => (
                  <tr key={person.id}>
                    <th scope="row">
                      {person.display_name} {person.id === me && words.you}
                    </th>
                    <td>{words.roles[person.role] ?? person.role}</td>
                    <td>{person.email}</td>
                    <td>{person.young_people}</td>
                    <td>{person.active ? words.active : words.disabled}</td>
                    <td>
                      {person.active && person.id !== me && disabling !== person.id && (
                        <button type="button" class="secondary" onClick={() => setDisabling(person.id)}>
                          {words.disable(person.display_name)}
                        </button>
                      )}
                      {!person.active && (
                        <button type="button" class="secondary" onClick={() => void turn(person, true)}>
                          {words.enable(person.display_name)}
                        </button>
                      )}
                      {disabling === person.id && (
                        <div class="stack" role="group" aria-label={words.disable(person.display_name)}>
                          <p>{words.confirmDisable(person.display_name)}</p>
                          {person.young_people > 0 && <p class="alert">{plural(person.young_people, words.caseloadWarning)}</p>}
                          <div class="row">
                            <button type="button" onClick={() => void turn(person, false)}>
                              {words.yesDisable}
                            </button>
                            <button type="button" class="secondary" autoFocus onClick={() => setDisabling(undefined)}>
                              {words.keep}
                            </button>
                          </div>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <AddStaff
        onAdded={(name) => {
          setMessage(words.added(name));
          void load();
        }}
      />
    </div>
  );
}

/** A new worker, lead or admin, with a first password the admin passes on. */
function AddStaff({ onAdded }: { onAdded: (name: string) => void }) {
  const [role, setRole] = useState<string>('worker');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const fields = useFieldErrors('staff');
  const [message, setMessage] = useState('');

  const add = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    fields.clear();
    try {
      await api.call('POST', '/admin/staff', { role, display_name: name, email, password });
      onAdded(name.trim());
      setName('');
      setEmail('');
      setPassword('');
    } catch (error) {
      if (fields.fromProblem(error)) {
        setMessage(words.fixFields);
      } else if (error instanceof ApiError && error.code === 'email_taken') {
        fields.set({ email: error.message });
        setMessage(words.fixFields);
      } else setMessage(problemWords(error));
    }
  };

  return (
    <section class="card stack" aria-labelledby="add-staff-title">
      <h2 id="add-staff-title">{words.addTitle}</h2>
      <form class="stack" onSubmit={add} noValidate>
        <div class="field">
          <label for="staff-role">{words.role}</label>
          <select id="staff-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {words.roles[r]}
              </option>
            ))}
          </select>
          {fields.errorFor('role')}
        </div>
        <div class="field">
          <label for="staff-display_name">{words.displayName}</label>
          <input
            id="staff-display_name"
            value={name}
            aria-invalid={fields.invalid('display_name')}
            aria-describedby={fields.describedBy('display_name')}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          {fields.errorFor('display_name')}
        </div>
        <div class="field">
          <label for="staff-email">{words.email}</label>
          <input
            id="staff-email"
            type="email"
            autoComplete="off"
            value={email}
            aria-invalid={fields.invalid('email')}
            aria-describedby={fields.describedBy('email')}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          {fields.errorFor('email')}
        </div>
        <div class="field">
          <label for="staff-password">{words.password}</label>
          <input
            id="staff-password"
            type="password"
            autoComplete="new-password"
            value={password}
            aria-invalid={fields.invalid('password')}
            aria-describedby={fields.describedBy('password', 'staff-password-hint')}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <p class="hint" id="staff-password-hint">
            {words.passwordHint}
          </p>
          {fields.errorFor('password')}
        </div>
        {message && (
          <p class="alert" role="alert">
            {message}
          </p>
        )}
        <div>
          <button type="submit">{words.add}</button>
        </div>
      </form>
    </section>
  );
}
