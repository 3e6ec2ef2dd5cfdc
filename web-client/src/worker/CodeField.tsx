/** A six-digit one-time code: numeric keyboard, the browser's one-time-code
 * autofill, and its problem tied to the field for screen readers. */
export function CodeField({
  id,
  label,
  value,
  onInput,
  problem,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  problem: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        class="code-input"
        inputMode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9 ]{6,7}"
        maxLength={7}
        required
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {problem && (
        <p id={`${id}-problem`} class="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
