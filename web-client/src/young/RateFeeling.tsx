import { MOODS } from './moods';

/** The five faces, the same scale as a check-in, as one question. */
export function RateFeeling({ question, onRate }: { question: string; onRate: (mood: number) => void }) {
  return (
    <fieldset class="field">
      <legend>{question}</legend>
      <div class="row mood-row">
        {MOODS.map((m) => (
          <button type="button" key={m.value} class="mood secondary" onClick={() => onRate(m.value)}>
            <span aria-hidden="true" class="face">
              {m.face}
            </span>
            <span>{m.word}</span>
          </button>
        ))}
      </div>
    </fieldset>
  );
}
