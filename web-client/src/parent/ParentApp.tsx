import { useEffect, useState } from 'preact/hooks';

import { Api, ApiError, type SessionStore } from '../api/client';
import type { Session } from '../api/types';
import { day } from '../i18n';
import { ts } from '../i18n/staff';
import { settings } from '../store/db';
import { telLink } from '../ui/contact-links';
import { NotificationSettings } from '../ui/NotificationSettings';
import { keepPushFresh } from '../push/subscribe';
import { TipPreferences } from './TipPreferences';

// A parent's own phone keeps them signed in, apart from any young person's
// session on the same device.
const parentSessions: SessionStore = {
  load: () => settings.get<Session>('parent_session'),
  save: (session) => settings.set('parent_session', session),
};
const api = new Api(parentSessions);

interface Helpline {
  id: string;
  name: string;
  for_what: string;
  phone: string;
  how?: string;
  hours: string;
}

interface TipItem {
  id: string;
  from: 'schedule' | 'worker' | 'young_person';
  sent_at: string;
  tip: { title: string; body: string; helplines: Helpline[] } | null;
  asked_by?: { display_name: string; message: string | null };
}

/** The parent's view: sign up with a young person's code, a tips inbox,
 * when tips come, notifications, and helplines for parents. */
export function ParentApp() {
  const [session, setSession] = useState<Session | undefined>();
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    void parentSessions.load().then((s) => {
      setSession(s);
      setLoaded(true);
    });
  }, []);

  useEffect(() => {
    if (session) void keepPushFresh(api).catch(() => undefined);
  }, [session]);

  const signOut = async () => {
    await api.signOut();
    setSession(undefined);
  };

  if (!loaded) return null;
  return (
    <>
      <header class="topbar">
        <span class="brand">
          <img src="/icon.svg" alt="" width="28" height="28" /> {ts.parentApp.brand}
        </span>
        {session && (
          <button type="button" class="secondary" onClick={signOut}>
            {ts.parentApp.signOut}
          </button>
        )}
      </header>
      <main>{session ? <SignedIn /> : <SignUp onSignedIn={setSession} />}</main>
    </>
  );
}

function SignUp({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [haveAccount, setHaveAccount] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem('');
    try {
      const session = haveAccount
        ? await api.anonymous<Session>('POST', '/auth/login', { email, password })
        : await api.anonymous<Session>('POST', '/parent/join', { code, display_name: name, email, password });
      await parentSessions.save(session);
      onSignedIn(session);
    } catch (error) {
      setProblem(problemWords(error));
    }
  };

  return (
    <form class="stack narrow" onSubmit={submit}>
      <h1>{haveAccount ? ts.parentApp.signIn : ts.parentApp.joinWithCode}</h1>
      {!haveAccount && <p>{ts.parentApp.intro}</p>}
      {!haveAccount && (
        <>
          <div class="field">
            <label for="parent-code">{ts.parentApp.code}</label>
            <input id="parent-code" value={code} autocomplete="off" required onInput={(e) => setCode(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="parent-name">{ts.parentApp.name}</label>
            <input id="parent-name" value={name} required onInput={(e) => setName(e.currentTarget.value)} />
          </div>
        </>
      )}
      <div class="field">
        <label for="parent-email">{ts.parentApp.email}</label>
        <input id="parent-email" type="email" autocomplete="username" value={email} required onInput={(e) => setEmail(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="parent-password">{ts.parentApp.password}</label>
        <input
          id="parent-password"
          type="password"
          autocomplete={haveAccount ? 'current-password' : 'new-password'}
          value={password}
          required
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {!haveAccount && <p class="hint">{ts.parentApp.passwordHint}</p>}
      </div>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      <button type="submit">{haveAccount ? ts.parentApp.signIn : ts.parentApp.join}</button>
      <button type="button" class="link" onClick={() => setHaveAccount(!haveAccount)}>
        {haveAccount ? ts.parentApp.haveCode : ts.parentApp.haveAccount}
      </button>
    </form>
  );
}

function SignedIn() {
  const [tips, setTips] = useState<{ items: TipItem[]; helplines: Helpline[] } | undefined>();
  const [problem, setProblem] = useState('');

  useEffect(() => {
    api
      .call<{ items: TipItem[]; helplines: Helpline[] }>('GET', '/parent/tips')
      .then(setTips)
      .catch(() => setProblem(ts.parentApp.tipsLoadFailed));
  }, []);

  return (
    <div class="stack">
      <section class="stack" aria-labelledby="tips-title">
        <h1 id="tips-title">{ts.parentApp.tipsTitle}</h1>
        {problem && (
          <p class="alert" role="alert">
            {problem}
          </p>
        )}
        {tips && tips.items.length === 0 && <p class="hint">{ts.parentApp.noTipsYet}</p>}
        {tips?.items.map((item) => (
          <article class="card stack" key={item.id} data-testid="parent-tip">
            {item.asked_by && (
              <p class="alert">{ts.parentApp.askedToCheckIn(item.asked_by.display_name, item.asked_by.message)}</p>
            )}
            {item.tip && (
              <>
                <h2>{item.tip.title}</h2>
                <p>{item.tip.body}</p>
                {item.tip.helplines.map((h) => (
                  <p class="hint" key={h.id}>
                    {h.name}: <a href={telLink(h.phone)}>{h.phone}</a> ({h.hours})
                  </p>
                ))}
              </>
            )}
            <p class="hint">{ts.parentApp.tipDate(day(item.sent_at, { weekday: 'short' }), item.from === 'worker')}</p>
          </article>
        ))}
      </section>
      <TipPreferences api={api} />
      <NotificationSettings api={api} />
      {tips && tips.helplines.length > 0 && (
        <section class="card stack" aria-labelledby="helplines-title">
          <h2 id="helplines-title">{ts.parentApp.helplinesTitle}</h2>
          {tips.helplines.map((h) => (
            <p key={h.id}>
              <strong>{h.name}</strong> — {h.for_what}{' '}
              <a class="button secondary small" href={telLink(h.phone)}>
                {ts.parentApp.call(h.phone)}
              </a>
              {h.how && <span class="hint"> {h.how}</span>} <span class="hint">({h.hours})</span>
            </p>
          ))}
        </section>
      )}
    </div>
  );
}

function problemWords(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_credentials') return ts.parentApp.wrongPassword;
    if (error.code === 'validation_failed') return error.problem.errors?.[0]?.message ?? error.message;
    if (error.code === 'rate_limited') return ts.parentApp.tooManyTries;
    return error.message;
  }
  return ts.parentApp.somethingWrong;
}
