import { useState } from 'preact/hooks';

import { ApiError } from '../api/client';

/** The server's per-field refusals on a form: each shown under its field
 * and tied to it (`aria-describedby`, `aria-invalid`) for screen readers.
 * `prefix` keeps the ids apart from other forms on the page. */
export function useFieldErrors(prefix: string) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const idOf = (field: string) => `${prefix}-${field}-error`;
  return {
    errors,
    /** Sets errors found on the device, before anything is sent. */
    set: setErrors,
    clear: () => setErrors({}),
    /** Takes a refused answer's field errors; false when it named none. */
    fromProblem(error: unknown): boolean {
      if (!(error instanceof ApiError) || !error.problem.errors?.length) return false;
      setErrors(Object.fromEntries(error.problem.errors.map((e) => [e.field, e.message])));
      return true;
    },
    errorFor: (field: string) =>
      errors[field] && (
        <p class="field-error" id={idOf(field)}>
          {errors[field]}
        </p>
      ),
    /** The ids that describe `field`: its error, if any, then `also`. */
    describedBy: (field: string, ...also: string[]) => [errors[field] ? idOf(field) : '', ...also].filter(Boolean).join(' ') || undefined,
    invalid: (field: string) => Boolean(errors[field]),
  };
}
