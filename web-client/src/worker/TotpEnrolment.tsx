import { useEffect, useState } from 'preact/hooks';

import type { Session, TotpSecret } from '../api/types';
import { ts } from '../i18n/staff';
import { api, problemCode, problemWords, tabSessions } from './api';
import { CodeField } from './CodeField';

const words = ts.worker.totp;

/** The key in groups of four, as authenticator apps show and people type it. */
export function groupedKey(secret: string): string {
  return secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** Setting up the authenticator app: a new key, then a code to prove it works. */
export function TotpEnrolment({ onDone, onAlreadyOn }: { onDone: () => void; onAlreadyOn?: () => void }) {
  const [secret, setSecret] = useState<TotpSecret | undefined>();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    api
      .call<TotpSecret>('POST', '/me/totp', {})
      .then(setSecret)
      .catch((error: unknown) => {
        if (onAlreadyOn && problemCode(error) === 'totp_already_enabled') onAlreadyOn();
        else setProblem(problemWords(error));
      });
  }, []);

  const confirm = async (event: Event) => {
    event.preventDefault();
    setProblem('');
    try {
      await api.call('POST', '/me/totp/confirm', { code: code.replace(/\s/g, '') });
      onDone();
    } catch (error) {
      setProblem(problemCode(error) === 'wrong_code' ? words.wrongCode : problemWords(error));
      setCode('');
    }
  };

  if (!secret) {
    return problem ? (
      <p class="alert" role="alert">
        {problem}
      </p>
    ) : null;
  }
  return (
    <form class="stack" onSubmit={confirm}>
      <ol class="steps">
        <li>{words.step1}</li>
        <li>
          {words.step2}
          <p class="totp-key">
            <span class="visually-hidden">{words.keyLabel}: </span>
            <code data-testid="totp-secret">{groupedKey(secret.secret)}</code>
          </p>
          <a href={secret.otpauth_uri}>{words.uriLink}</a>
        </li>
        <li>{words.step3}</li>
      </ol>
      <CodeField id="enrol-code" label={ts.worker.signIn.code} value={code} onInput={setCode} problem={problem} />
      <button type="submit">{words.confirm}</button>
    </form>
  );
}

/** The screen for a session that may only enrol: set up, then swap the
 * session for a full one (the scope is judged when a token is issued). */
export function EnrolmentScreen({ session, onSession }: { session: Session; onSession: (session: Session) => void }) {
  const [problem, setProblem] = useState('');

  const finish = async () => {
    try {
      const full = await api.anonymous<Session>('POST', '/auth/refresh', { refresh_token: session.refresh_token });
      await tabSessions.save(full);
      onSession(full);
    } catch (error) {
      setProblem(problemWords(error));
    }
  };

  return (
    <section class="card stack narrow" aria-labelledby="enrol-title">
      <h1 id="enrol-title">{words.enrolTitle}</h1>
      <p>{words.enrolRequired}</p>
      <TotpEnrolment onDone={() => void finish()} />
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
