import { useEffect, useState } from 'preact/hooks';

import type { CaseloadEntry } from '../api/types';
import { t } from '../i18n';
import { api, problemWords } from './api';
import { EncouragementForm } from './EncouragementForm';

const words = t.worker.group;

/** One message to several young people at once: one send, one message each. */
export function GroupEncourage() {
  const [people, setPeople] = useState<CaseloadEntry[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    api
      .call<{ young_people: CaseloadEntry[] }>('GET', '/caseload')
      .then((list) => setPeople([...list.young_people].sort((a, b) => a.display_name.localeCompare(b.display_name))))
      .catch((error: unknown) => setProblem(problemWords(error)));
  }, []);

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
