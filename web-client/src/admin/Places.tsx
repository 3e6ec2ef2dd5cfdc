import { useEffect, useRef, useState } from 'preact/hooks';

import { ts } from '../i18n/staff';
import { api, problemWords } from '../worker/api';
import { PlaceForm } from './PlaceForm';
import { PlaceImport } from './PlaceImport';
import type { Place } from './place';

const words = ts.admin.places;

/** The service's own places in the directory: add, change, remove and
 * import them. National services are Lantern's and are not listed here. */
export function Places() {
  const [places, setPlaces] = useState<Place[] | undefined>();
  const [editing, setEditing] = useState<Place | 'new' | undefined>();
  const [removing, setRemoving] = useState<string | undefined>();
  const [message, setMessage] = useState('');
  const status = useRef<HTMLParagraphElement>(null);

  const load = () =>
    api
      .call<{ services: Place[] }>('GET', '/directory')
      .then((list) => setPlaces(list.services.filter((s) => !s.national)))
      .catch(() => setMessage(words.loadFailed));

  useEffect(() => {
    void load();
  }, []);

  // After the form closes, say what happened where focus lands.
  const done = (said: string) => {
    setEditing(undefined);
    setMessage(said);
    void load();
    requestAnimationFrame(() => status.current?.focus());
  };

  const remove = async (place: Place) => {
    try {
      await api.call('DELETE', `/admin/directory/${encodeURIComponent(place.id)}`);
      setRemoving(undefined);
      setMessage(words.removed(place.name));
      await load();
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

  if (editing) {
    return (
      <PlaceForm
        place={editing === 'new' ? undefined : editing}
        onSaved={(saved) => done(ts.admin.form.saved(saved.name))}
        onCancel={() => done('')}
      />
    );
  }

  return (
    <div class="stack">
      <section class="card stack" aria-labelledby="places-title">
        <h1 id="places-title">{words.title}</h1>
        <p class="hint">{words.intro}</p>
        <p role="status" tabIndex={-1} ref={status}>
          {message}
        </p>
        {places?.length === 0 && <p>{words.none}</p>}
        {places && places.length > 0 && (
          <ul class="places" data-testid="own-places">
            {places.map((place) => (
              <li key={place.id} class="place stack" data-testid="own-place">
                <h2>{place.name}</h2>
                <p class="hint">
                  {words.ages(place.min_age, place.max_age)}. {place.area}. {place.hours}
                </p>
                <p>{place.description}</p>
                <p class="hint">
                  {[place.phone, place.text_keyword ? `${place.text_keyword} → ${place.text_number}` : place.text_number, place.website]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                {removing === place.id ? (
                  <div class="row" role="group" aria-label={words.remove(place.name)}>
                    <p>{words.confirmRemove(place.name)}</p>
                    <button type="button" onClick={() => void remove(place)}>
                      {words.yesRemove}
                    </button>
                    <button type="button" class="secondary" autoFocus onClick={() => setRemoving(undefined)}>
                      {words.keep}
                    </button>
                  </div>
                ) : (
                  <div class="row">
                    <button type="button" class="secondary" onClick={() => setEditing(place)}>
                      {words.edit(place.name)}
                    </button>
                    <button type="button" class="secondary" onClick={() => setRemoving(place.id)}>
                      {words.remove(place.name)}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <div>
          <button type="button" onClick={() => setEditing('new')}>
            {words.add}
          </button>
        </div>
      </section>
      <PlaceImport onImported={() => void load()} />
    </div>
  );
}
