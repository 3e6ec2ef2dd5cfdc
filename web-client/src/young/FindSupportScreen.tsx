import { useEffect, useState } from 'preact/hooks';

import type { AgeBand } from '../core';
import { dateTime, t } from '../i18n';
import { AgeBandField } from './AgeBandField';
import { profile } from './device';
import { smsLink, telLink } from '../ui/contact-links';
import { findServices, savedDirectory, type DirectoryService, type SavedDirectory } from './directory';
import { api, loadSession } from './session';

const words = t.findSupport;
const NEEDS = Object.keys(words.needs);

/** The list from the server (with a sign-in, the service's own places
 * too), saved on the phone; the saved one when there is no internet. The
 * server answers "unchanged" without the list when the saved copy is
 * current, which spares a young person's data allowance. */
async function refreshed(): Promise<{ directory?: SavedDirectory; offline: boolean }> {
  const saved = await savedDirectory.load();
  try {
    const answer = await api.revalidate<{ version: string; services: DirectoryService[] }>(
      '/directory',
      saved?.version,
      Boolean(await loadSession()),
    );
    const checkedAt = new Date().toISOString();
    const directory = answer
      ? { version: answer.version, saved_at: checkedAt, services: answer.services }
      : saved && { ...saved, saved_at: checkedAt };
    if (directory) await savedDirectory.save(directory);
    return { directory, offline: false };
  } catch {
    return { directory: saved, offline: true };
  }
}

/** Places that can help, by what it is about and the young person's age. */
export function FindSupportScreen({ onDone }: { onDone: () => void }) {
  const [directory, setDirectory] = useState<SavedDirectory | undefined>();
  const [offline, setOffline] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [need, setNeed] = useState<string | undefined>();
  const [band, setBand] = useState<AgeBand | undefined>();
  // Until the welcome's age band is read, the age field and the list wait,
  // so the list never flashes every age and a late read never undoes a pick.
  const [bandRead, setBandRead] = useState(false);

  useEffect(() => {
    void profile.ageBand().then((saved) => {
      setBand(saved);
      setBandRead(true);
    });
    // The saved list at once, then the server's.
    void savedDirectory.load().then((saved) => saved && setDirectory((current) => current ?? saved));
    void refreshed().then((result) => {
      if (result.directory) setDirectory(result.directory);
      setOffline(result.offline);
      setLoaded(true);
    });
  }, []);

  const found = directory && bandRead ? findServices(directory.services, need, band) : [];
  return (
    <section class="stack" aria-labelledby="find-title">
      <h1 id="find-title">{words.title}</h1>
      <p>{words.intro}</p>
      <fieldset class="field">
        <legend>{words.about}</legend>
        <div class="row" style={{ flexWrap: 'wrap' }}>
          {[undefined, ...NEEDS].map((n) => (
            <button
              type="button"
              key={n ?? 'all'}
              class={`chip ${need === n ? 'picked' : 'secondary'}`}
              aria-pressed={need === n}
              onClick={() => setNeed(n)}
            >
              {n ? words.needs[n] : words.everything}
            </button>
          ))}
        </div>
      </fieldset>
      {bandRead && <AgeBandField id="find-age" label={words.age} emptyLabel={words.allAges} value={band} onChange={setBand} />}
      {offline && directory && <p class="hint" role="status">{words.offline}</p>}
      {loaded && !directory && (
        <p class="alert" role="status">
          {words.nothingSaved}
        </p>
      )}
      {directory && bandRead && found.length === 0 && <p>{words.none}</p>}
      <ul class="plan-lines stack" data-testid="support-list">
        {found.map((service) => (
          <li key={service.id} class="card stack" data-testid="support-service">
            <h2>{service.name}</h2>
            <p>{service.description}</p>
            <p class="hint">
              {words.ages(service.min_age, service.max_age)}. {service.area}. {service.hours}
            </p>
            {service.self_referral && <p class="hint">{words.selfReferral}</p>}
            <div class="row" style={{ flexWrap: 'wrap' }}>
              {service.phone && (
                <a class="button" href={telLink(service.phone)}>
                  {words.call(service.phone)}
                </a>
              )}
              {service.text_number && (
                <a class="button" href={smsLink(service.text_number, service.text_keyword)}>
                  {words.text(service.text_number, service.text_keyword ?? undefined)}
                </a>
              )}
              {service.website && (
                <a class="button secondary" href={service.website} target="_blank" rel="noopener noreferrer">
                  {words.website}
                </a>
              )}
            </div>
          </li>
        ))}
      </ul>
      {directory && <p class="hint">{words.savedAt(dateTime(directory.saved_at))}</p>}
      <button type="button" class="secondary" onClick={onDone}>
        {words.back}
      </button>
    </section>
  );
}
