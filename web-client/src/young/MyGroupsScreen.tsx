import { useEffect, useState } from 'preact/hooks';

import { day, t } from '../i18n';
import { settings } from '../store/db';
import { api } from './session';

const words = t.myGroups;
/** The last list the server sent, for opening this screen offline. */
const SAVED = 'my_groups';

interface MyGroup {
  name: string;
  school: string | null;
  joined_at: string;
  left_at: string | null;
  sessions: { number: number; held_on: string; came: boolean }[];
}

/** The groups a young person is in, so being in one is never a surprise,
 * and the sessions their worker marked them at. */
export function MyGroupsScreen({ onDone }: { onDone: () => void }) {
  const [groups, setGroups] = useState<MyGroup[] | undefined>();
  const [offline, setOffline] = useState(false);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    api
      .call<{ groups: MyGroup[] }>('GET', '/me/groups')
      .then(async (answer) => {
        setGroups(answer.groups);
        await settings.set(SAVED, answer.groups);
      })
      .catch(async () => {
        setGroups(await settings.get<MyGroup[]>(SAVED));
        setOffline(true);
      })
      .finally(() => setLoaded(true));
  }, []);

  return (
    <section class="stack" aria-labelledby="my-groups-title">
      <h1 id="my-groups-title">{words.title}</h1>
      <p>{words.intro}</p>
      {!loaded && <p role="status">{t.help.loading}</p>}
      {offline && groups && (
        <p class="hint" role="status">
          {words.offline}
        </p>
      )}
      {loaded && !groups && (
        <p class="alert" role="status">
          {words.nothingSaved}
        </p>
      )}
      {groups?.length === 0 && <p>{words.none}</p>}
      {groups?.map((group) => (
        <article key={`${group.name}|${group.joined_at}`} class="card stack" data-testid="my-group">
          <h2>{group.name}</h2>
          {group.school && <p class="hint">{words.at(group.school)}</p>}
          {group.left_at && <p class="hint">{words.left(day(group.left_at))}</p>}
          {group.sessions.length === 0 ? (
            <p class="hint">{words.noSessions}</p>
          ) : (
            <ul class="plan-lines">
              {group.sessions.map((session) => (
                <li key={session.number}>
                  {words.session(session.number, day(session.held_on))}: <strong>{session.came ? words.came : words.away}</strong>
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
      <button type="button" class="secondary" onClick={onDone}>
        {words.back}
      </button>
    </section>
  );
}
