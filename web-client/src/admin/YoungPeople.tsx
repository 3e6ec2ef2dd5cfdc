import { useEffect, useState } from 'preact/hooks';

import { day } from '../i18n';
import { ts } from '../i18n/staff';
import { api, problemWords } from '../worker/api';
import { loadStaff, type StaffMember } from './staff';

const words = ts.admin.youngPeople;

interface YoungPerson {
  id: string;
  display_name: string;
  joined_at: string;
  active: boolean;
  workers: { id: string; display_name: string; active: boolean }[];
}

/** Who works with each young person: add a worker, or end one's work (each
 * change is audited and shown to the young person). */
export function YoungPeople() {
  const [people, setPeople] = useState<YoungPerson[] | undefined>();
  const [workers, setWorkers] = useState<StaffMember[]>([]);
  const [message, setMessage] = useState('');

  const load = () =>
    Promise.all([api.call<{ young_people: YoungPerson[] }>('GET', '/admin/young-people'), loadStaff()])
      .then(([list, staff]) => {
        setPeople(list.young_people);
        setWorkers(staff.filter((p) => p.role === 'worker' && p.active));
      })
      .catch(() => setMessage(words.loadFailed));

  useEffect(() => {
    void load();
  }, []);

  const change = async (method: 'PUT' | 'DELETE', worker: { id: string; display_name: string }, person: YoungPerson) => {
    try {
      await api.call(method, `/admin/assignments/${encodeURIComponent(worker.id)}/${encodeURIComponent(person.id)}`);
      setMessage(
        method === 'PUT' ? words.assigned(worker.display_name, person.display_name) : words.ended(worker.display_name, person.display_name),
      );
      await load();
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

  return (
    <section class="card stack" aria-labelledby="young-people-title">
      <h1 id="young-people-title">{ts.admin.tabs.youngPeople}</h1>
      <p class="hint">{words.intro}</p>
      <p role="status">{message}</p>
      {people?.length === 0 && <p>{words.none}</p>}
      {people && people.length > 0 && (
        <div class="table-wrap">
          <table data-testid="young-people">
            <thead>
              <tr>
                <th scope="col">{words.name}</th>
                <th scope="col">{words.joined}</th>
                <th scope="col">{words.workers}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <YoungPersonRow
                  key={person.id}
                  person={person}
                  workers={workers}
                  onAssign={(worker) => void change('PUT', worker, person)}
                  onEnd={(worker) => void change('DELETE', worker, person)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function YoungPersonRow(props: {
  person: YoungPerson;
  workers: StaffMember[];
  onAssign: (worker: StaffMember) => void;
  onEnd: (worker: { id: string; display_name: string }) => void;
}) {
  const { person } = props;
  const [picked, setPicked] = useState('');
  const active = person.workers.filter((w) => w.active);
  const free = props.workers.filter((w) => !person.workers.some((a) => a.id === w.id));
  const pickId = `assign-${person.id}`;
  return (
    <tr>
      <th scope="row">
        {person.display_name}
        {!person.active && <span class="hint"> ({words.disabledPerson})</span>}
      </th>
      <td>{day(person.joined_at, { year: 'numeric' })}</td>
      <td class="stack">
        {active.length === 0 && <p class="alert">{words.noWorker}</p>}
        {person.workers.length > 0 && (
          <ul class="plan-lines">
            {person.workers.map((worker) => (
              <li key={worker.id} class="row">
                <span>{worker.active ? worker.display_name : words.disabledWorker(worker.display_name)}</span>
                <button
                  type="button"
                  class="secondary"
                  aria-label={words.end(worker.display_name, person.display_name)}
                  onClick={() => props.onEnd(worker)}
                >
                  {words.endShort}
                </button>
              </li>
            ))}
          </ul>
        )}
        {free.length > 0 && (
          <div class="row assign">
            <label class="visually-hidden" for={pickId}>
              {words.workerToAdd(person.display_name)}
            </label>
            <select id={pickId} value={picked} onChange={(e) => setPicked(e.currentTarget.value)}>
              <option value="">{words.pick}</option>
              {free.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.display_name}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={!picked}
              aria-label={words.addWorker(person.display_name)}
              onClick={() => {
                const worker = free.find((w) => w.id === picked);
                if (worker) props.onAssign(worker);
                setPicked('');
              }}
            >
              {words.assign}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
