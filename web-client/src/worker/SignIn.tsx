import { useState } from 'preact/hooks';

import { ApiError } from '../api/client';
import type { Session, TotpChallenge } from '../api/types';
import { ts } from '../i18n/staff';
import { api, problemCode, problemWords, tabSessions } from './api';
import { CodeField } from './CodeField';

const words = ts.worker.signIn;

/** Email and password, then a code from the authenticator app when two-step sign-in is on. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [challenge, setChallenge] = useState<TotpChallenge | undefined>();
  const [problem, setProblem] = useState('');

  const signedIn = async (session: Session) => {
    await tabSessions.save(session);
    onSignedIn(session);
  };

  if (challenge) {
    return (
      <CodeStep
        challenge={challenge}
        onSignedIn={signedIn}
        onExpired={() => {
          setChallenge(undefined);
          setProblem(words.expired);
        }}
        onRestart={() => {
          setChallenge(undefined);
          setProblem('');
        }}
      />
    );
  }
  return (
    <PasswordStep
      problem={problem}
      setProblem={setProblem}
      onAnswer={(answer) => ('totp_required' in answer ? setChallenge(answer) : void signedIn(answer))}
    />
  );
}

function PasswordStep({
  problem,
  setProblem,
  onAnswer,
}: {
  problem: string;
  setProblem: (words: string) => void;
  onAnswer: (answer: Session | TotpChallenge) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem('');
    try {
      onAnswer(await api.anonymous<Session | TotpChallenge>('POST', '/auth/login', { email, password }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_credentials') setProblem(words.wrongPassword);
      else if (error instanceof ApiError) setProblem(words.cannot(error.code));
      else setProblem(problemWords(error));
    }
  };

  return (
    <form class="card stack narrow" onSubmit={submit}>
      <h1>{words.title}</h1>
      <div class="field">
        <label for="email">{words.email}</label>
        <input id="email" type="email" autocomplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="password">{words.password}</label>
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
      <button type="submit">{words.submit}</button>
    </form>
  );
}

function CodeStep({
  challenge,
  onSignedIn,
  onExpired,
  onRestart,
}: {
  challenge: TotpChallenge;
  onSignedIn: (session: Session) => void;
  onExpired: () => void;
  onRestart: () => void;
}) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem('');
    try {
      onSignedIn(
        await api.anonymous<Session>('POST', '/auth/login/totp', { challenge_token: challenge.challenge_token, code }),
      );
    } catch (error) {
      // A wrong code keeps the challenge (until five wrong ones); a
      // challenge that is used up or timed out means starting again.
      const code = problemCode(error);
      if (code === 'invalid_totp_code') setProblem(words.wrongCode);
      else if (code === 'invalid_totp_challenge') onExpired();
      else setProblem(problemWords(error));
      setCode('');
    }
  };

  return (
    <form class="card stack narrow" onSubmit={submit}>
      <h1>{words.codeTitle}</h1>
      <p>{words.codeIntro}</p>
      <CodeField id="sign-in-code" label={words.code} value={code} onInput={setCode} problem={problem} />
      <div class="row">
        <button type="submit">{words.codeSubmit}</button>
        <button type="button" class="secondary" onClick={onRestart}>
          {words.startAgain}
        </button>
      </div>
    </form>
  );
}
