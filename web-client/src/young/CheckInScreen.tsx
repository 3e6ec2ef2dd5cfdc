import { useEffect, useMemo, useState } from 'preact/hooks';

import {
  checkInLimits,
  contextOptions,
  helpFirstFor,
  feelingOptions,
  selfHarmQuestion,
  localTimestamp,
  newRecordId,
  validateCheckIn,
  type CheckIn,
  type ValidationError,
} from '../core';
import { locale, t } from '../i18n';
import { checkIns } from '../store/db';
import { INTENSITIES, MOODS } from './moods';
import { loadSession } from './session';

/** Marked when the check-in can be used: the core has loaded and the
 * screen has drawn. */
export const CHECK_IN_USABLE = 'lantern:check-in-usable';

const SLEEP_QUALITIES = (['badly', 'okay', 'well'] as const).map((value) => ({ value, word: t.checkIn.sleep[value] }));

const SELF_HARM_ANSWERS = (['no', 'a_little', 'yes'] as const).map((value) => ({ value, word: t.checkIn.answers[value] }));

interface Props {
  /** `needsHelp` when what they told us (the question or their note) brings help first. */
  onSaved: (checkIn: CheckIn, needsHelp: boolean) => void;
  onCancel: () => void;
}

/** Mood → feelings (with how strong) → an optional note → save. The core
 * checks the check-in; its messages are shown next to the fields. */
export function CheckInScreen({ onSaved, onCancel }: Props) {
  const feelings = useMemo(feelingOptions, []);
  const limits = useMemo(checkInLimits, []);
  const contexts = useMemo(contextOptions, []);
  const question = useMemo(selfHarmQuestion, []);
  const [about, setAbout] = useState<string[]>([]);
  const [sleepHours, setSleepHours] = useState('');
  const [sleepQuality, setSleepQuality] = useState('');
  const [selfHarm, setSelfHarm] = useState('');
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    // The performance budget (web-client/perf) times the check-in to here.
    performance.mark(CHECK_IN_USABLE);
    void loadSession().then((session) => setConnected(Boolean(session)));
  }, []);
  const [mood, setMood] = useState(0);
  const [picked, setPicked] = useState<Map<string, number>>(new Map());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ValidationError[]>([]);

  const toggle = (feeling: string) => {
    const next = new Map(picked);
    if (next.has(feeling)) next.delete(feeling);
    else next.set(feeling, 2);
    setPicked(next);
  };
  const setIntensity = (feeling: string, intensity: number) => setPicked(new Map(picked).set(feeling, intensity));

  const save = async (event: Event) => {
    event.preventDefault();
    const draft = {
      id: newRecordId(),
      recorded_at: localTimestamp(),
      mood,
      feelings: [...picked].map(([feeling, intensity]) => ({ feeling, intensity })),
      contexts: about,
      ...(sleepQuality ? { sleep: { minutes: Math.round(Number(sleepHours || 0) * 60), quality: sleepQuality } } : {}),
      ...(note.trim() ? { note } : {}),
      ...(selfHarm ? { self_harm: selfHarm } : {}),
    };
    const checked = validateCheckIn(draft);
    if (checked.status === 'invalid') {
      setErrors(checked.errors);
      return;
    }
    await checkIns.put({ id: checked.value.id, checkIn: checked.value });
    onSaved(checked.value, helpFirstFor(checked.value) !== null);
  };

  const errorFor = (prefix: string) =>
    errors.filter((e) => e.field === prefix || e.field.startsWith(`${prefix}[`) || e.field.startsWith(`${prefix}.`));
  const noteLength = [...note].length;

  return (
    <form class="stack" onSubmit={save} noValidate>
      <h1>{t.checkIn.title}</h1>

      <fieldset class="field moods">
        <legend>{t.checkIn.pickFace}</legend>
        <div class="row mood-row">
          {MOODS.map((m) => (
            <button
              type="button"
              key={m.value}
              class={`mood ${mood === m.value ? 'picked' : 'secondary'}`}
              aria-pressed={mood === m.value}
              onClick={() => setMood(m.value)}
            >
              <span aria-hidden="true" class="face">
                {m.face}
              </span>
              <span>{m.word}</span>
            </button>
          ))}
        </div>
        <FieldErrors errors={errorFor('mood')} />
      </fieldset>

      <fieldset class="field">
        <legend>{t.checkIn.whichFeelings}</legend>
        <div class="row">
          {feelings.map((f) => (
            <button
              type="button"
              key={f.feeling}
              class={`chip ${picked.has(f.feeling) ? 'picked' : 'secondary'}`}
              aria-pressed={picked.has(f.feeling)}
              onClick={() => toggle(f.feeling)}
            >
              {f.label}
            </button>
          ))}
        </div>
        {[...picked].map(([feeling, intensity]) => {
          const label = feelings.find((f) => f.feeling === feeling)?.label ?? feeling;
          return (
            <div class="intensity row" role="group" aria-label={t.checkIn.howStrong(label.toLocaleLowerCase(locale))} key={feeling}>
              <span>{label}:</span>
              {INTENSITIES.map((i) => (
                <button
                  type="button"
                  key={i.value}
                  class={intensity === i.value ? 'picked small' : 'secondary small'}
                  aria-pressed={intensity === i.value}
                  onClick={() => setIntensity(feeling, i.value)}
                >
                  {i.word}
                </button>
              ))}
            </div>
          );
        })}
        <FieldErrors errors={errorFor('feelings')} />
      </fieldset>

      <fieldset class="field">
        <legend>{t.checkIn.about}</legend>
        <div class="row">
          {contexts.map((c) => {
            const on = about.includes(c.context);
            return (
              <button
                type="button"
                key={c.context}
                class={`chip ${on ? 'picked' : 'secondary'}`}
                aria-pressed={on}
                onClick={() => setAbout(on ? about.filter((a) => a !== c.context) : [...about, c.context])}
              >
                {c.label}
              </button>
            );
          })}
        </div>
        <FieldErrors errors={errorFor('contexts')} />
      </fieldset>

      <details class="field">
        <summary>{t.checkIn.more}</summary>
        <div class="stack more">
          <fieldset>
            <legend>{t.checkIn.sleepQuestion}</legend>
            <div class="row">
              {SLEEP_QUALITIES.map((q) => (
                <button
                  type="button"
                  key={q.value}
                  class={sleepQuality === q.value ? 'picked small' : 'secondary small'}
                  aria-pressed={sleepQuality === q.value}
                  onClick={() => setSleepQuality(sleepQuality === q.value ? '' : q.value)}
                >
                  {q.word}
                </button>
              ))}
            </div>
            <label for="sleep-hours" class="hint-label">
              {t.checkIn.sleepHours}
            </label>
            <input
              id="sleep-hours"
              type="number"
              inputMode="decimal"
              min={0}
              max={24}
              step={0.5}
              value={sleepHours}
              onInput={(e) => setSleepHours(e.currentTarget.value)}
            />
            <FieldErrors errors={errorFor('sleep')} />
          </fieldset>
          <fieldset>
            <legend>{question}</legend>
            <div class="row">
              {SELF_HARM_ANSWERS.map((a) => (
                <button
                  type="button"
                  key={a.value}
                  class={selfHarm === a.value ? 'picked small' : 'secondary small'}
                  aria-pressed={selfHarm === a.value}
                  onClick={() => setSelfHarm(selfHarm === a.value ? '' : a.value)}
                >
                  {a.word}
                </button>
              ))}
            </div>
            {connected && (
              <p class="hint" data-testid="answer-tells-worker">
                {t.checkIn.answerTellsWorker}
              </p>
            )}
          </fieldset>
        </div>
      </details>

      <div class="field">
        <label for="note">{t.checkIn.note}</label>
        <textarea id="note" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <p class={`hint ${noteLength > limits.note_max_chars ? 'field-error' : ''}`} aria-live="polite">
          {t.checkIn.noteCount(noteLength, limits.note_max_chars)}
        </p>
        <FieldErrors errors={errorFor('note')} />
      </div>

      {errors.length > 0 && (
        <div class="alert" role="alert">
          <p>{t.checkIn.fix}</p>
          <ul>
            {errors.map((e) => (
              <li key={e.field + e.code}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}

      <div class="row">
        <button type="submit">{t.checkIn.save}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t.checkIn.notNow}
        </button>
      </div>
    </form>
  );
}

function FieldErrors({ errors }: { errors: ValidationError[] }) {
  return (
    <>
      {errors.map((e) => (
        <p class="field-error" key={e.field + e.code}>
          {e.message}
        </p>
      ))}
    </>
  );
}
