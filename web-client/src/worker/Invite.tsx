import { useState } from 'preact/hooks';

import type { CreatedInvite } from '../api/types';
import { dateTime, day } from '../i18n';
import { ts } from '../i18n/staff';
import { api, problemWords } from './api';

const words = ts.worker.invite;

/** A new invite code to give in person, with a card to print and hand over. */
export function Invite() {
  const [invite, setInvite] = useState<CreatedInvite | undefined>();
  const [problem, setProblem] = useState('');

  const create = async () => {
    setProblem('');
    try {
      setInvite(await api.call<CreatedInvite>('POST', '/invites', {}));
    } catch (error) {
      setProblem(problemWords(error));
    }
  };

  return (
    <section class="card stack" aria-labelledby="invite-title">
      <h2 id="invite-title">{words.title}</h2>
      <p class="hint">{words.hint}</p>
      <button type="button" onClick={create}>
        {words.create}
      </button>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {invite && <InviteCode invite={invite} />}
      {invite && <InviteCard invite={invite} />}
    </section>
  );
}

/** The code, big enough to read out or show across a table, and copyable. */
function InviteCode({ invite }: { invite: CreatedInvite }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invite.code);
      setCopied(words.copied);
    } catch {
      setCopied(words.copyFailed);
    }
  };
  return (
    <div class="stack no-print">
      <p class="invite-code" data-testid="invite-code">
        {invite.code}
      </p>
      <p class="hint">{words.until(dateTime(invite.expires_at))}</p>
      <div class="row">
        <button type="button" class="secondary" onClick={copy}>
          {words.copy}
        </button>
        <button type="button" class="secondary" onClick={() => window.print()}>
          {words.print}
        </button>
        <span role="status">{copied}</span>
      </div>
    </div>
  );
}

/** What gets printed: the only thing on the page in print (see worker.css),
 * in words a ten-year-old can follow with nobody there to explain. */
function InviteCard({ invite }: { invite: CreatedInvite }) {
  const card = words.card;
  return (
    <article class="print-card" aria-label={card.title} data-testid="print-card">
      <h2>{card.title}</h2>
      <p>{card.intro}</p>
      <p class="print-code-label">{card.codeLabel}</p>
      <p class="print-code" data-testid="print-code">
        {invite.code}
      </p>
      <p>{card.worksUntil(day(invite.expires_at, { weekday: 'long', year: 'numeric' }))}</p>
      <h3>{card.stepsTitle}</h3>
      <ol>
        {card.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p class="print-address">{location.origin}</p>
      <div class="print-columns">
        <div>
          <h3>{card.seesTitle}</h3>
          <ul>
            {card.sees.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{card.neverTitle}</h3>
          <ul>
            {card.never.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </div>
      <p>{card.help}</p>
    </article>
  );
}
