import { useEffect, useState } from 'preact/hooks';

import { Api, ApiError, type SessionStore } from '../api/client';
import type { CaseloadEntry, CreatedInvite, Session, WorkerCheckIn } from '../api/types';
import { contextOptions, type ConsentScope } from '../core';
import { moodFace, moodWord } from '../young/moods';
import { Alerts } from './Alerts';
import { Encourage } from './Encourage';
import { SharedProgress } from './SharedProgress';
import { TipToParents } from './TipToParents';
import { NotificationSettings } from '../ui/NotificationSettings';
import { keepPushFresh } from '../push/subscribe';

// The dashboard forgets its session when the tab closes: shared computers.
const tabSessions: SessionStore = {
  load: async () => {
    const text = sessionStorage.getItem('lantern.worker');
    return text ? (JSON.parse(text) as Session) : undefined;
  },
  save: async (session) => {
    if (session) sessionStorage.setItem('lantern.worker', JSON.stringify(session));
    else sessionStorage.removeItem('lantern.worker');
  },
};
const api = new Api(tabSessions);

/** The worker's dashboard: caseload, invites, a young person's shared check-ins. */
export function WorkerApp() {
  const [session, setSession] = useState<Session | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [selected, setSelected] = useState<CaseloadEntry | undefined>();

  useEffect(() => {
    void tabSessions.load().then((s) => {
      setSession(s);
      setLoaded(true);
    });
  }, []);

  useEffect(() => {
    // A browser whose push subscription changed tells the server again.
    if (session) void keepPushFresh(api).catch(() => undefined);
  }, [session]);

  const signOut = async () => {
    await api.signOut();
    setSession(undefined);
    setSelected(undefined);
  };

  if (!loaded) return null;
  return (
    <>
      <header class="topbar">
        <span class="brand">
          <img src="/icon.svg" alt="" width="28" height="28" /> Lantern for workers
        </span>
        {session && (
          <div class="row">
            <span>{session.user.display_name}</span>
            <button type="button" class="secondary" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main class="wide">
        {!session && <SignIn onSignedIn={setSession} />}
        {session && !selected && <Caseload onOpen={setSelected} />}
        {session && selected && <YoungPersonPage person={selected} onBack={() => setSelected(undefined)} />}
      </main>
    </>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem('');
    try {
      const session = await api.anonymous<Session>('POST', '/auth/login', { email, password });
      await tabSessions.save(session);
      onSignedIn(session);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_credentials') setProblem('That email and password don’t match.');
      else if (error instanceof ApiError) setProblem(`Cannot sign in (${error.code}). Please try again.`);
      else setProblem('Cannot reach Lantern. Check your connection.');
    }
  };

  return (
    <form class="card stack narrow" onSubmit={submit}>
      <h1>Sign in</h1>
      <div class="field">
        <label for="email">Email</label>
        <input id="email" type="email" autocomplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input
          id="password"
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </div>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      <button type="submit">Sign in</button>
    </form>
  );
}

function Caseload({ onOpen }: { onOpen: (person: CaseloadEntry) => void }) {
  const [people, setPeople] = useState<CaseloadEntry[] | undefined>();
  const [invite, setInvite] = useState<CreatedInvite | undefined>();
  const [problem, setProblem] = useState('');

  const loadCaseload = () =>
    api
      .call<{ young_people: CaseloadEntry[] }>('GET', '/caseload')
      .then((list) => setPeople(list.young_people))
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : 'Cannot load the caseload.'));

  useEffect(() => {
    void loadCaseload();
  }, []);

  const createInvite = async () => {
    setProblem('');
    try {
      setInvite(await api.call<CreatedInvite>('POST', '/invites', {}));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'Cannot create an invite.');
    }
  };

  return (
    <div class="stack">
      <Alerts api={api} onChanged={() => void loadCaseload()} />
      <section class="card stack">
        <h2>Invite a young person</h2>
        <p class="hint">Give them the code in person. It works once and lasts 14 days.</p>
        <button type="button" onClick={createInvite}>
          Create invite code
        </button>
        {invite && <InviteCode invite={invite} />}
      </section>
      <details class="card">
        <summary>Notifications and quiet hours</summary>
        <NotificationSettings api={api} />
      </details>
      <section class="card">
        <h1>My caseload</h1>
        {problem && (
          <p class="alert" role="alert">
            {problem}
          </p>
        )}
        {people && people.length === 0 && <p class="hint">No young people yet. Create an invite code to start.</p>}
        {people && people.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Needs</th>
                <th scope="col">Age</th>
                <th scope="col">Shares</th>
                <th scope="col">Last check-in</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td>
                    <button type="button" class="link" onClick={() => onOpen(person)}>
                      {person.display_name}
                    </button>
                  </td>
                  <td data-testid="need">{needWords(person)}</td>
                  <td>{person.age_band ?? ''}</td>
                  <td>{person.shared_scopes.length ? person.shared_scopes.map(scopeLabel).join(', ') : 'Nothing'}</td>
                  <td>{person.last_check_in_at ? formatTime(person.last_check_in_at) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** The code, big enough to read out or show across a table, and copyable. */
function InviteCode({ invite }: { invite: CreatedInvite }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invite.code);
      setCopied('Copied.');
    } catch {
      setCopied('Could not copy: select the code and copy it.');
    }
  };
  return (
    <div class="stack">
      <p class="invite-code" data-testid="invite-code">
        {invite.code}
      </p>
      <p class="hint">It works until {formatTime(invite.expires_at)}.</p>
      <div class="row">
        <button type="button" class="secondary" onClick={copy}>
          Copy code
        </button>
        <span role="status">{copied}</span>
      </div>
    </div>
  );
}

function YoungPersonPage({ person, onBack }: { person: CaseloadEntry; onBack: () => void }) {
  const [checkIns, setCheckIns] = useState<WorkerCheckIn[] | undefined>();
  const [notShared, setNotShared] = useState(false);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    api
      .call<{ check_ins: WorkerCheckIn[] }>('GET', `/young-people/${encodeURIComponent(person.id)}/check-ins`)
      .then((list) => setCheckIns(list.check_ins))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'consent_required') setNotShared(true);
        else setProblem(error instanceof Error ? error.message : 'Cannot load check-ins.');
      });
  }, [person.id]);

  return (
    <div class="stack">
      <button type="button" class="secondary" onClick={onBack}>
        ← Caseload
      </button>
      <h1>{person.display_name}</h1>
      <SharedProgress api={api} youngPersonId={person.id} />
      <section class="card" aria-labelledby="check-ins-title">
        <h2 id="check-ins-title">Check-ins</h2>
        {notShared && <p data-testid="not-shared">Not shared.</p>}
        {problem && (
          <p class="alert" role="alert">
            {problem}
          </p>
        )}
        {checkIns && checkIns.length === 0 && <p class="hint">No check-ins shared yet.</p>}
        {checkIns && checkIns.length > 0 && (
          <table data-testid="check-ins">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Mood</th>
                <th scope="col">Feelings</th>
                <th scope="col">About</th>
                <th scope="col">Sleep</th>
              </tr>
            </thead>
            <tbody>
              {checkIns.map((c) => (
                <tr key={c.id}>
                  <td>{formatTime(c.recorded_at)}</td>
                  <td>
                    <span aria-hidden="true">{moodFace(c.mood)}</span> {moodWord(c.mood)}
                  </td>
                  <td>
                    {c.feelings
                      ? c.feelings.map((f) => `${f.feeling} (${['', 'a little', 'quite', 'very'][f.intensity]})`).join(', ')
                      : 'Not shared'}
                  </td>
                  <td>{c.contexts ? c.contexts.map(contextLabel).join(', ') : 'Not shared'}</td>
                  <td>{c.sleep ? `${(c.sleep.minutes / 60).toFixed(1)} h, slept ${c.sleep.quality}` : 'Not shared'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Encourage api={api} youngPersonId={person.id} name={person.display_name} />
      <TipToParents api={api} youngPersonId={person.id} name={person.display_name} />
    </div>
  );
}

/** The caseload's order, in words: what the young person told or shared. */
function needWords(person: CaseloadEntry): string {
  switch (person.need) {
    case 'unacknowledged_disclosure':
      return person.open_alerts === 1 ? 'An answer to look at' : `${person.open_alerts} answers to look at`;
    case 'no_check_in_for_a_week':
      return 'No check-in for a week';
    case 'mood_falling':
      return 'Mood going down';
    case 'none':
      return '—';
  }
}

function scopeLabel(scope: ConsentScope): string {
  return scope === 'contexts_and_sleep' ? 'contexts and sleep' : scope.replace(/_/g, ' ');
}

function contextLabel(context: string): string {
  return contextOptions().find((o) => o.context === context)?.label ?? context;
}

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
