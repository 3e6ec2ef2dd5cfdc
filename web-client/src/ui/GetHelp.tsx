import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

import { crisisContacts } from '../core';
import { t } from '../i18n';

/** "Get help now": on every screen, before anything else, and offline.
 * `children` (the young person's safety plan) follow the crisis contacts. */
export function GetHelpButton({ children }: { children?: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button class="help" type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {t.help.button}
      </button>
      {open && <GetHelpPanel onClose={() => setOpen(false)}>{children}</GetHelpPanel>}
    </>
  );
}

/** A modal dialog: focus stays inside, Escape closes it, and focus goes
 * back to "Get help now" afterwards. A link to another screen closes it. */
function GetHelpPanel({ onClose, children }: { onClose: () => void; children?: ComponentChildren }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
    const close = () => dialog.current?.close();
    window.addEventListener('hashchange', close);
    return () => window.removeEventListener('hashchange', close);
  }, []);
  return (
    <dialog ref={dialog} class="panel stack" aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">{t.help.title}</h2>
      <p>{t.help.intro}</p>
      <CrisisContacts />
      {children}
      <button type="button" class="secondary" onClick={() => dialog.current?.close()} autoFocus>
        {t.help.close}
      </button>
    </dialog>
  );
}

/** The crisis contacts from the core, each one tap away; call and text
 * links work without data. */
export function CrisisContacts() {
  const contacts = useMemo(() => crisisContacts('uk'), []);
  return (
    <>
      {contacts.map((contact) => (
        <div class={contact.emergency ? 'card alert' : 'card'} key={contact.id}>
          <h3>{contact.name}</h3>
          <p>{contact.for_what}</p>
          <p class="hint">{contact.hours}</p>
          <div class="row">
            {contact.ways.map((way) => (
              <a class={contact.emergency ? 'button help' : 'button'} href={way.href} key={way.href}>
                {way.label}
              </a>
            ))}
          </div>
        </div>
      ))}
      <p class="hint">{t.help.mayShare}</p>
    </>
  );
}
