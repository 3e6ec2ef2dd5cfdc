// Goals: up to three in the young person's own words (the core checks), each
// rated 0–10 now and then, changed, finished with, or removed. Kept on the
// phone; sent to the worker only while goals are shared.

import { useEffect, useMemo, useState } from 'preact/hooks';

import { localTimestamp, newRecordId, progress, validateGoal, type Goal, type GoalChange } from '../core';
import type { ValidationError } from '../core';
import { t } from '../i18n';
import { goalRatings, goals } from '../store/db';
import { GoalLine } from '../ui/progress';
import { loadDeviceData, localDate } from './device-data';
import { addTombstones } from './sent';
import { loadSession } from './session';

const SCALE = Array.from({ length: 11 }, (_, i) => i);

export function GoalsScreen({ onChanged, onDone }: { onChanged: () => void; onDone: () => void }) {
  const words = t.progress.goals;
  const [list, setList] = useState<Goal[]>([]);
  const [changes, setChanges] = useState<GoalChange[]>([]);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<ValidationError[]>([]);

  const reload = async () => {
    const data = await loadDeviceData();
    setList(data.goals ?? []);
    const checked = progress(data, localDate(), 1);
    setChanges(checked.status === 'valid' ? checked.value.goal_changes : []);
  };

  useEffect(() => {
    void reload();
  }, []);

  const changed = async () => {
    // A goal finished or removed makes room: an old "too many" no longer holds.
    setErrors([]);
    await reload();
    onChanged();
  };

  const add = async (event: Event) => {
    event.preventDefault();
    const checked = validateGoal({ id: newRecordId(), text: text.trim(), set_at: localTimestamp() }, list);
    if (checked.status === 'invalid') {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    setText('');
    await goals.put(checked.value);
    await changed();
  };

  const open = list.filter((g) => !g.closed_at);
  const closed = list.filter((g) => g.closed_at);
  return (
    <div class="stack">
      <h1>{words.title}</h1>
      <p>{words.intro}</p>
      {open.length === 0 && <p class="hint">{words.empty}</p>}
      {open.map((goal) => (
        <GoalCard key={goal.id} goal={goal} all={list} change={changes.find((c) => c.goal_id === goal.id)} onChanged={changed} />
      ))}
      <form class="card" onSubmit={add} noValidate>
        <div class="field">
          <label for="new-goal">{words.newLabel}</label>
          <textarea
            id="new-goal"
            rows={2}
            value={text}
            aria-invalid={errors.length > 0}
            aria-describedby={errors.length ? 'new-goal-errors' : undefined}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {errors.length > 0 && (
            <div id="new-goal-errors" role="alert">
              {errors.map((e) => (
                <p class="field-error" key={e.code}>
                  {e.message}
                </p>
              ))}
            </div>
          )}
        </div>
        <button type="submit">{words.add}</button>
      </form>
      {closed.length > 0 && (
        <section class="card" aria-labelledby="finished-goals">
          <h2 id="finished-goals">{words.finished}</h2>
          <ul>
            {closed.map((g) => (
              <li key={g.id}>{g.text}</li>
            ))}
          </ul>
        </section>
      )}
      <button type="button" class="secondary" onClick={onDone}>
        {words.back}
      </button>
    </div>
  );
}

interface CardProps {
  goal: Goal;
  all: Goal[];
  change?: GoalChange;
  onChanged: () => Promise<void>;
}

function GoalCard({ goal, all, change, onChanged }: CardProps) {
  const words = t.progress.goals;
  const [rating, setRating] = useState<number | undefined>();
  const [saved, setSaved] = useState(false);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(goal.text);
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [removing, setRemoving] = useState(false);
  const ids = useMemo(() => ({ title: `goal-${goal.id}`, edit: `goal-edit-${goal.id}`, scale: `goal-scale-${goal.id}` }), [goal.id]);

  const rate = async () => {
    if (rating === undefined) return;
    await goalRatings.put({ id: newRecordId(), goal_id: goal.id, rated_at: localTimestamp(), progress: rating });
    setRating(undefined);
    setSaved(true);
    await onChanged();
  };

  const saveWords = async (event: Event) => {
    event.preventDefault();
    const checked = validateGoal({ ...goal, text: text.trim() }, all);
    if (checked.status === 'invalid') {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    setEditing(false);
    await goals.put(checked.value);
    await onChanged();
  };

  const finish = async () => {
    await goals.put({ ...goal, closed_at: localTimestamp() });
    await onChanged();
  };

  const remove = async () => {
    const ratings = (await goalRatings.all()).filter((r) => r.goal_id === goal.id);
    for (const r of ratings) await goalRatings.delete(r.id);
    await goals.delete(goal.id);
    // A worker who had them is asked to forget them too.
    if (await loadSession()) {
      await addTombstones([{ kind: 'goal', id: goal.id }, ...ratings.map((r) => ({ kind: 'goal_rating' as const, id: r.id }))]);
    }
    await onChanged();
  };

  return (
    <section class="card stack" aria-labelledby={ids.title} data-testid="goal">
      {editing ? (
        <form onSubmit={saveWords} noValidate>
          <div class="field">
            <label for={ids.edit}>{words.newLabel}</label>
            <textarea id={ids.edit} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />
            {errors.map((e) => (
              <p class="field-error" role="alert" key={e.code}>
                {e.message}
              </p>
            ))}
          </div>
          <div class="row">
            <button type="submit">{words.saveEdit}</button>
            <button type="button" class="secondary" onClick={() => setEditing(false)}>
              {t.common.cancel}
            </button>
          </div>
        </form>
      ) : (
        <GoalLine goal={goal} change={change} titleId={ids.title} />
      )}
      <fieldset>
        <legend>{words.rate}</legend>
        <p class="hint" id={ids.scale}>
          {words.rateScale}
        </p>
        <div class="scale" role="group" aria-describedby={ids.scale}>
          {SCALE.map((value) => (
            <button
              type="button"
              key={value}
              class={rating === value ? 'picked' : 'secondary'}
              aria-pressed={rating === value}
              onClick={() => {
                setRating(value);
                setSaved(false);
              }}
            >
              {value}
            </button>
          ))}
        </div>
      </fieldset>
      <div class="row">
        <button type="button" onClick={rate} disabled={rating === undefined}>
          {t.common.save}
        </button>
        <span role="status" class="status ok">
          {saved ? words.rated : ''}
        </span>
      </div>
      <div class="row">
        {!editing && (
          <button type="button" class="secondary small" onClick={() => setEditing(true)}>
            {words.edit}
          </button>
        )}
        <button type="button" class="secondary small" onClick={finish}>
          {words.finish}
        </button>
        <button type="button" class="secondary small" onClick={() => setRemoving(true)}>
          {words.remove}
        </button>
      </div>
      {removing && (
        <div class="stack" role="group" aria-label={words.removeConfirm}>
          <p>{words.removeConfirm}</p>
          <div class="row">
            <button type="button" onClick={remove}>
              {words.removeYes}
            </button>
            <button type="button" class="secondary" onClick={() => setRemoving(false)}>
              {t.common.cancel}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
