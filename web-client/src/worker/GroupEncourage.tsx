import { useEffect, useState } from 'preact/hooks';

import type { CaseloadEntry } from '../api/types';
import { ts } from '../i18n/staff';
import { api, problemWords } from './api';
import { EncouragementForm } from './EncouragementForm';

const words = ts.worker.group;

/** One message to several young people at once: one send, one message each. */
export function GroupEncourage() {
  const [people, setPeople] = useState<CaseloadEntry[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState('');
  const [groups, setGroups] = useState<{ id: string; name: string }[]>([]);

  useEffect(() => {
    api
      .call<{ young_people: CaseloadEntry[] }>('GET', '/caseload')
      .then((list) => setPeople([...list.young_people].sort((a, b) => a.display_name.localeCompare(b.display_name))))
      .catch((error: unknown) => setProblem(problemWords(error)));
    api
      .call<{ groups: { id: string; name: string }[] }>('GET', '/groups')
      .then((list) => setGroups(list.groups))
      .catch(() => undefined);
  }, []);

  /** Ticks everyone now in the group. */
  const pickGroup = async (id: string) => {
    if (!id) return;
    try {
      const page = await api.call<{ members: { id: string }[] }>('GET', `/groups/${id}`);
      setChosen(new Set(page.members.map((m) => m.id)));
      setDone('');
    } catch (error) {
      setProblem(problemWords(error));
    }
  };

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
    setDone('');
  };

  return (
    <section class="card stack" aria-labelledby="group-title">
      <h2 id="group-title">{words.title}</h2>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      <EncouragementForm
        recipients={() => (chosen.size ? [...chosen] : words.pickSomeone)}
        onSent={(count, scheduled) => {
          setDone(scheduled ? words.scheduled(count) : words.sent(count));
          setChosen(new Set());
        }}
      >
        {groups.length > 0 && (
          <div class="field">
            <label for="encourage-group">{words.pickGroup}</label>
            <select id="encourage-group" onChange={(e) => void pickGroup(e.currentTarget.value)}>
              <option value="">{words.noGroup}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <fieldset>
          <legend>{words.who}</legend>
          <div class="pick-grid">
            {people.map((person) => (
              <label class="choice" key={person.id}>
                <input
                  type="checkbox"
                  checked={chosen.has(person.id)}
                  onChange={(e) => toggle(person.id, e.currentTarget.checked)}
                />
                {person.display_name}
              </label>
            ))}
          </div>
        </fieldset>
      </EncouragementForm>
      <p class="status ok" role="status">
        {done}
      </p>
    </section>
  );
}
