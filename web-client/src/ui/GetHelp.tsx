import { useState } from 'preact/hooks';

import { CRISIS_CONTACTS, EMERGENCY } from '../young/crisis-contacts';

/** "Get help now": on every screen, before anything else, and offline. */
export function GetHelpButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button class="help" type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Get help now
      </button>
      {open && <GetHelpPanel onClose={() => setOpen(false)} />}
    </>
  );
}

function GetHelpPanel({ onClose }: { onClose: () => void }) {
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
      <div class="panel stack">
        <h2 id="help-title">Help right now</h2>
        <p>You don’t have to cope with this on your own. These people are kind and they want to help.</p>
        <CrisisContacts />
        <button type="button" class="secondary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}

/** The crisis contacts, each one tap away; tel: and sms: work without data. */
export function CrisisContacts() {
  return (
    <>
      {CRISIS_CONTACTS.map((contact) => (
        <div class="card" key={contact.name}>
          <h3>{contact.name}</h3>
          <p>{contact.what}</p>
          <a class="button" href={contact.href}>
            {contact.action}
          </a>
        </div>
      ))}
      <div class="card alert">
        <h3>{EMERGENCY.what}</h3>
        <a class="button help" href={EMERGENCY.href}>
          {EMERGENCY.action}
        </a>
      </div>
    </>
  );
}
