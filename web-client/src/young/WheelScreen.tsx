// The resilience wheel: one scrollable form, one part per question, large
// numbers to tap. The core checks the answers, and says whether they bring
// help first before anything else is shown.

import { useState } from 'preact/hooks';

import {
  helpFirstForMeasure,
  localTimestamp,
  newRecordId,
  validateMeasureResponse,
  type ValidationError,
} from '../core';
import { t } from '../i18n';
import { measureResponses } from '../store/db';
import { CrisisContacts } from '../ui/GetHelp';
import { wheelDefinition } from '../ui/progress';

export function WheelScreen({ onSaved, onCancel }: { onSaved: () => void; onCancel: () => void }) {
  const words = t.progress.wheel;
  const wheel = wheelDefinition();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [helpFirst, setHelpFirst] = useState(false);
  const values = Array.from({ length: wheel.scale.max - wheel.scale.min + 1 }, (_, i) => wheel.scale.min + i);
  const ends = words.pick(wheel.scale.low_label ?? '', wheel.scale.high_label ?? '');

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = validateMeasureResponse({
      id: newRecordId(),
      measure_id: wheel.id,
      completed_at: localTimestamp(),
      answers: wheel.items.filter((item) => item.id in answers).map((item) => ({ item_id: item.id, value: answers[item.id] })),
    });
    if (checked.status === 'invalid') {
      setErrors(checked.errors);
      return;
    }
    await measureResponses.put(checked.value);
    if (helpFirstForMeasure(checked.value)) setHelpFirst(true);
    else onSaved();
  };

  if (helpFirst) {
    return (
      <section class="stack" aria-labelledby="wheel-help-title">
        <h1 id="wheel-help-title">{words.helpTitle}</h1>
        <p>{words.helpText}</p>
        <CrisisContacts />
        <p>{words.helpSaved}</p>
        <button type="button" class="secondary" onClick={onSaved}>
          {t.common.close}
        </button>
      </section>
    );
  }

  return (
    <form class="stack" onSubmit={save} noValidate aria-labelledby="wheel-title">
      <h1 id="wheel-title">{wheel.title}</h1>
      <p>{wheel.intro}</p>
      <p class="hint" id="wheel-ends">
        {ends}
      </p>
      {wheel.items.map((item) => (
        <fieldset class="card" key={item.id}>
          <legend>{item.text}</legend>
          <div class="scale" role="group" aria-describedby="wheel-ends">
            {values.map((value) => (
              <button
                type="button"
                key={value}
                class={answers[item.id] === value ? 'picked' : 'secondary'}
                aria-pressed={answers[item.id] === value}
                onClick={() => setAnswers({ ...answers, [item.id]: value })}
              >
                {value}
              </button>
            ))}
          </div>
          <p class="scale-ends hint" aria-hidden="true">
            <span>{wheel.scale.low_label}</span>
            <span>{wheel.scale.high_label}</span>
          </p>
        </fieldset>
      ))}
      {errors.length > 0 && (
        <div class="alert" role="alert">
          {errors.map((e, i) => (
            <p key={i}>{e.message}</p>
          ))}
        </div>
      )}
      <div class="row">
        <button type="submit">{words.save}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
      </div>
    </form>
  );
}
