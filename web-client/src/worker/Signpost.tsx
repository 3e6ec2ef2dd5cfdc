import { useEffect, useState } from 'preact/hooks';

import { ts } from '../i18n/staff';
import { api, problemWords } from './api';

const words = ts.signposts;

interface DirectoryEntry {
  id: string;
  name: string;
  min_age: number;
  max_age: number;
  area: string;
}

/** Suggest a service from the directory; the young person gets it as a
 * message with how to get in touch. Sending is audited and limited. */
export function Signpost({ youngPersonId, name }: { youngPersonId: string; name: string }) {
  const [need, setNeed] = useState('');
  const [services, setServices] = useState<DirectoryEntry[]>([]);
  const [serviceId, setServiceId] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    const query = need ? `?need=${encodeURIComponent(need)}` : '';
    api
      .call<{ services: DirectoryEntry[] }>('GET', `/directory${query}`)
      .then((list) => {
        setServices(list.services);
        // Keep the chosen service when the new list still has it.
        setServiceId((chosen) => (list.services.some((s) => s.id === chosen) ? chosen : (list.services[0]?.id ?? '')));
      })
      .catch(() => setMessage(words.loadFailed));
  }, [need]);

  const send = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    try {
      await api.call('POST', `/young-people/${encodeURIComponent(youngPersonId)}/signposts`, {
        directory_service_id: serviceId,
        ...(note.trim() ? { note } : {}),
      });
      setNote('');
      setMessage(words.sent(services.find((s) => s.id === serviceId)?.name ?? ''));
    } catch (error) {
      setMessage(problemWords(error));
    }
  };

  return (
    <section class="card stack" aria-labelledby="signpost-title">
      <h2 id="signpost-title">{words.title(name)}</h2>
      <p class="hint">{words.intro}</p>
      <form class="stack" onSubmit={send}>
        <div class="field">
          <label for="signpost-need">{words.need}</label>
          <select id="signpost-need" value={need} onChange={(e) => setNeed(e.currentTarget.value)}>
            <option value="">{words.anyNeed}</option>
            {Object.entries(words.needs).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="signpost-service">{words.service}</label>
          <select id="signpost-service" value={serviceId} onChange={(e) => setServiceId(e.currentTarget.value)}>
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name} ({service.area}, {words.ages(service.min_age, service.max_age)})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="signpost-note">{words.note}</label>
          <textarea id="signpost-note" rows={2} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
        <button type="submit" disabled={!serviceId}>
          {words.send}
        </button>
        {message && (
          <p class="status" role="status">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}
