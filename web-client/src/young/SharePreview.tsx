import { buildSyncBatch, contextOptions, feelingOptions, type CheckIn, type ConsentScope, type SharedCheckIn } from '../core';
import { dateTime, t } from '../i18n';
import { INTENSITIES, moodWord } from './moods';

const words = t.account.preview;

/** What the worker would see of the latest check-in if `scope` were shared:
 * built by the core, which decides what leaves the phone, so the preview
 * cannot drift from what is really sent. */
export function SharePreview({ scope, latest }: { scope: ConsentScope; latest: CheckIn | undefined }) {
  const shared = latest && sharedAs(latest, scope);
  return (
    <div class="preview stack" data-testid={`preview-${scope}`}>
      <h3>{words.title}</h3>
      {shared ? <PreviewOf scope={scope} shared={shared} /> : <p class="hint">{words.nothingYet[scope] ?? words.generic}</p>}
    </div>
  );
}

function sharedAs(latest: CheckIn, scope: ConsentScope): SharedCheckIn | undefined {
  const since = '1970-01-01T00:00:00Z';
  const grants = [...new Set<ConsentScope>(['mood', scope])].map((s) => ({ scope: s, granted_at: since, include_past: true }));
  const batch = buildSyncBatch({ check_ins: [latest] }, grants);
  if (batch.status !== 'valid') return undefined;
  for (const record of batch.value.records) if (record.op === 'upsert_check_in') return record.check_in;
  return undefined;
}

function PreviewOf({ scope, shared }: { scope: ConsentScope; shared: SharedCheckIn }) {
  const when = dateTime(shared.recorded_at);
  if (scope === 'feelings') {
    const labels = feelingOptions();
    const list = (shared.feelings ?? []).map(
      (f) => `${labels.find((o) => o.feeling === f.feeling)?.label ?? f.feeling} (${INTENSITIES.find((i) => i.value === f.intensity)?.word ?? ''})`,
    );
    return <p>{list.length ? words.feelings(when, list.join(', ')) : words.noneInLatest}</p>;
  }
  if (scope === 'contexts_and_sleep') {
    const labels = contextOptions();
    const contexts = (shared.contexts ?? []).map((c) => labels.find((o) => o.context === c)?.label ?? c);
    const sleep = shared.sleep ? words.sleep(Math.round(shared.sleep.minutes / 6) / 10, shared.sleep.quality) : '';
    return <p>{contexts.length || sleep ? words.contexts(when, contexts.join(', '), sleep) : words.noneInLatest}</p>;
  }
  if (scope === 'notes') return <p>{shared.note ? words.note(when, shared.note) : words.noneInLatest}</p>;
  return <p>{words.mood(when, moodWord(shared.mood))}</p>;
}
