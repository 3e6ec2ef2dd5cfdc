import { FALLBACK_CONTACTS } from '../young/crisis-contacts';
import { t } from '../i18n';

interface Props {
  core: 'loading' | 'failed' | 'ready';
  helpOpen: boolean;
  onHelp: (open: boolean) => void;
}

/** What shows while the core loads (on a slow phone, a second or two) and
 * if it cannot load at all: help is one tap away either way, from the
 * fallback copy of the crisis contacts. Help someone opened stays open
 * until they close it, even once the app is ready. */
export function StartUp({ core, helpOpen, onHelp }: Props) {
  const open = helpOpen || core === 'failed';
  return (
    <>
      <header class="topbar">
        <span class="brand">
          <img src="/icon.svg" alt="" width="28" height="28" /> Lantern
        </span>
        <button class="help" type="button" aria-expanded={open} onClick={() => onHelp(!open)}>
          {t.help.button}
        </button>
      </header>
      <main class="stack" aria-busy={core === 'loading'}>
        {core === 'failed' && (
          <>
            <h1>{t.help.couldNotStart}</h1>
            <p>{t.help.reload}</p>
          </>
        )}
        {core === 'loading' && <p role="status">{t.help.gettingReady}</p>}
        {open && (
          <section class="card stack" aria-label="Help right now">
            {FALLBACK_CONTACTS.map((c) => (
              <p key={c.href}>
                <strong>{c.name}</strong>{' '}
                <a class="button" href={c.href}>
                  {c.action}
                </a>
              </p>
            ))}
          </section>
        )}
        {core === 'ready' && (
          <button type="button" class="secondary" onClick={() => onHelp(false)}>
            {t.help.goOn}
          </button>
        )}
      </main>
    </>
  );
}
