import { useEffect, useState } from 'preact/hooks';

import type { CaseloadEntry } from '../api/types';
import { day, t } from '../i18n';
import { ts } from '../i18n/staff';
import { FigureTable, type FigureTableData } from '../ui/FigureTable';
import { api, problemWords } from './api';

const words = ts.groups;

interface GroupSummary {
  id: string;
  name: string;
  school: string | null;
  starts_on: string;
  weeks: number;
  members: number;
  sessions: number;
  /** When the worker finished it; `null` while it runs. */
  finished_at: string | null;
}

interface GroupPage {
  group: GroupSummary;
  members: { id: string; display_name: string; came: number; of: number }[];
  sessions: { id: string; number: number; held_on: string; topic: string | null; present: number | null; away: number | null; came: string[] }[];
  wheel: FigureTableData;
  goals: FigureTableData;
}

/** The worker's groups: a list to open, and a form to start one. */
export function Groups({ onOpen }: { onOpen: (id: string) => void }) {
  const [list, setList] = useState<GroupSummary[]>([]);
  const [problem, setProblem] = useState('');
  const [name, setName] = useState('');
  const [school, setSchool] = useState('');
  const [startsOn, setStartsOn] = useState(new Date().toISOString().slice(0, 10));
  const [weeks, setWeeks] = useState('12');

  const load = () =>
    api
      .call<{ groups: GroupSummary[] }>('GET', '/groups')
      .then((answer) => setList(answer.groups))
      .catch((error: unknown) => setProblem(problemWords(error)));
  useEffect(() => void load(), []);

  const create = async (event: Event) => {
    event.preventDefault();
    setProblem('');
    try {
      const group = await api.call<GroupSummary>('POST', '/groups', {
        name,
        school: school || undefined,
        starts_on: startsOn,
        weeks: Number(weeks),
      });
      onOpen(group.id);
    } catch (error) {
      setProblem(problemWords(error));
    }
  };

  return (
    <section class="card stack" aria-labelledby="groups-title">
      <h2 id="groups-title">{words.title}</h2>
      {list.length === 0 ? (
        <p class="hint">{words.none}</p>
      ) : (
        <ul class="check-ins">
          {list.map((group) => (
            <li key={group.id} class="row" style={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
              <span>
                <strong>{group.name}</strong>
                {group.school ? `, ${group.school}` : ''} — {words.summary(group.members, group.sessions, group.weeks)}
                {group.finished_at && (
                  <>
                    {' '}
                    <span class="badge">{words.finishedTag}</span>
                  </>
                )}
              </span>
              <button type="button" class="secondary small" onClick={() => onOpen(group.id)} aria-label={words.open(group.name)}>
                {words.open('')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>{words.newTitle}</summary>
        <form class="stack" onSubmit={create} noValidate>
          <div class="field">
            <label for="group-name">{words.name}</label>
            <input id="group-name" value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={80} />
          </div>
          <div class="field">
            <label for="group-school">{words.school}</label>
            <input id="group-school" value={school} onInput={(e) => setSchool(e.currentTarget.value)} maxLength={120} />
          </div>
          <div class="row" style={{ flexWrap: 'wrap', gap: '1rem' }}>
            <div class="field">
              <label for="group-start">{words.startsOn}</label>
              <input id="group-start" type="date" value={startsOn} onInput={(e) => setStartsOn(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="group-weeks">{words.weeks}</label>
              <input id="group-weeks" type="number" min={12} max={18} value={weeks} onInput={(e) => setWeeks(e.currentTarget.value)} />
            </div>
          </div>
          <button type="submit">{words.create}</button>
        </form>
      </details>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

/** One group: who is in it, its sessions and registers, and its change. */
export function GroupPageView({ id, onBack }: { id: string; onBack: () => void }) {
  const [page, setPage] = useState<GroupPage | undefined>();
  const [caseload, setCaseload] = useState<CaseloadEntry[]>([]);
  const [adding, setAdding] = useState('');
  const [register, setRegister] = useState<{ session: string; number: number; came: Set<string> } | undefined>();
  const [heldOn, setHeldOn] = useState(new Date().toISOString().slice(0, 10));
  const [topic, setTopic] = useState('');
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');

  const load = () =>
    api
      .call<GroupPage>('GET', `/groups/${id}`)
      .then(setPage)
      .catch((error: unknown) => setProblem(problemWords(error)));
  useEffect(() => {
    void load();
    void api
      .call<{ young_people: CaseloadEntry[] }>('GET', '/caseload')
      .then((list) => setCaseload([...list.young_people].sort((a, b) => a.display_name.localeCompare(b.display_name))))
      .catch(() => undefined);
  }, [id]);

  const act = async (work: () => Promise<unknown>, saved = '') => {
    setProblem('');
    setDone('');
    try {
      await work();
      await load();
      setDone(saved);
    } catch (error) {
      setProblem(problemWords(error));
    }
  };

  if (!page) return <p role="status">{problem || t.help.loading}</p>;
  const inGroup = new Set(page.members.map((m) => m.id));
  const addable = caseload.filter((person) => !inGroup.has(person.id));
  const finished = page.group.finished_at !== null;

  return (
    <div class="stack">
      <button type="button" class="link" onClick={onBack}>
        {words.back}
      </button>
      <h1>{page.group.name}</h1>
      <p>
        {page.group.school ? `${page.group.school}. ` : ''}
        {words.summary(page.group.members, page.group.sessions, page.group.weeks)}
      </p>
      {page.group.finished_at && (
        <p class="hint" data-testid="group-finished">
          {words.finishedOn(day(page.group.finished_at))}
        </p>
      )}
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {done && <p role="status">{done}</p>}

      <section class="card stack" aria-labelledby="members-title">
        <h2 id="members-title">{words.membersTitle}</h2>
        {page.members.length === 0 && <p class="hint">{words.noMembers}</p>}
        <ul class="check-ins" data-testid="group-members">
          {page.members.map((member) => (
            <li key={member.id} class="row" style={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
              <span>
                <strong>{member.display_name}</strong> — {words.cameOf(member.came, member.of)}
              </span>
              <button
                type="button"
                class="secondary small"
                aria-label={words.remove(member.display_name)}
                onClick={() => void act(() => api.call('DELETE', `/groups/${id}/members/${member.id}`))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        {finished ? null : page.members.length >= 16 ? (
          <p class="hint">{words.full}</p>
        ) : (
          <div class="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end', gap: '0.6rem' }}>
            <div class="field">
              <label for="group-add">{words.addWho}</label>
              <select id="group-add" value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
                <option value="" />
                {addable.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.display_name}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              disabled={!adding}
              onClick={() =>
                void act(async () => {
                  await api.call('PUT', `/groups/${id}/members/${adding}`);
                  setAdding('');
                })
              }
            >
              {words.add}
            </button>
          </div>
        )}
      </section>

      <section class="card stack" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{words.sessionsTitle}</h2>
        {page.sessions.length === 0 && <p class="hint">{words.noSessions}</p>}
        <ul class="check-ins" data-testid="group-sessions">
          {page.sessions.map((session) => (
            <li key={session.id} class="stack">
              <span>
                <strong>{words.sessionLine(session.number, day(session.held_on), session.topic)}</strong> —{' '}
                {session.present === null ? words.notTaken : words.taken(session.present, session.away ?? 0)}
              </span>
              <button
                type="button"
                class="secondary small"
                onClick={() => setRegister({ session: session.id, number: session.number, came: new Set(session.came) })}
              >
                {words.takeRegister(session.number)}
              </button>
            </li>
          ))}
        </ul>
        {register && (
          <fieldset class="stack">
            <legend>{words.registerTitle(register.number)}</legend>
            {page.members.map((member) => (
              <label class="choice" key={member.id}>
                <input
                  type="checkbox"
                  checked={register.came.has(member.id)}
                  onChange={(e) => {
                    const came = new Set(register.came);
                    if (e.currentTarget.checked) came.add(member.id);
                    else came.delete(member.id);
                    setRegister({ ...register, came });
                  }}
                />
                {member.display_name}
              </label>
            ))}
            <button
              type="button"
              onClick={() =>
                void act(async () => {
                  await api.call('PUT', `/groups/${id}/sessions/${register.session}/attendance`, { present: [...register.came] });
                  setRegister(undefined);
                }, words.registerSaved)
              }
            >
              {words.saveRegister}
            </button>
          </fieldset>
        )}
        <details hidden={finished}>
          <summary>{words.newSession}</summary>
          <div class="stack">
            <div class="field">
              <label for="session-day">{words.heldOn}</label>
              <input id="session-day" type="date" value={heldOn} onInput={(e) => setHeldOn(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="session-topic">{words.topic}</label>
              <input id="session-topic" value={topic} onInput={(e) => setTopic(e.currentTarget.value)} maxLength={120} />
            </div>
            <button
              type="button"
              onClick={() =>
                void act(async () => {
                  await api.call('POST', `/groups/${id}/sessions`, { held_on: heldOn, topic: topic || undefined });
                  setTopic('');
                })
              }
            >
              {words.addSession}
            </button>
          </div>
        </details>
      </section>

      <section class="card stack" aria-labelledby="change-title">
        <h2 id="change-title">{words.changeTitle}</h2>
        <p class="hint">{words.changeIntro}</p>
        {[page.wheel, page.goals].map((table) => (
          <section key={table.id} aria-label={table.title} data-testid={`group-${table.id}`}>
            <h3>{table.title}</h3>
            <FigureTable table={table} />
          </section>
        ))}
      </section>

      <GroupDetails
        key={`${page.group.name}|${page.group.school ?? ''}`}
        group={page.group}
        onChange={(change, saved) => act(() => api.call('PATCH', `/groups/${id}`, change), saved)}
      />
    </div>
  );
}

/** Renaming a group, where it runs, and finishing it or running it again. */
function GroupDetails({
  group,
  onChange,
}: {
  group: GroupSummary;
  onChange: (change: { name?: string; school?: string | null; finished?: boolean }, saved: string) => Promise<void>;
}) {
  const [name, setName] = useState(group.name);
  const [school, setSchool] = useState(group.school ?? '');
  const finished = group.finished_at !== null;
  return (
    <section class="card stack" aria-labelledby="details-title">
      <h2 id="details-title">{words.detailsTitle}</h2>
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onChange({ name, school: school.trim() || null }, words.detailsSaved);
        }}
      >
        <div class="field">
          <label for="group-rename">{words.name}</label>
          <input id="group-rename" value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={80} />
        </div>
        <div class="field">
          <label for="group-reschool">{words.school}</label>
          <input id="group-reschool" value={school} onInput={(e) => setSchool(e.currentTarget.value)} maxLength={120} />
        </div>
        <button type="submit" class="secondary">
          {words.saveDetails}
        </button>
      </form>
      <p class="hint">{finished ? words.runAgainHint : words.finishHint}</p>
      <button
        type="button"
        class="secondary"
        onClick={() => void onChange({ finished: !finished }, finished ? words.runningAgain : words.finishedDone)}
      >
        {finished ? words.runAgain : words.finish}
      </button>
    </section>
  );
}
