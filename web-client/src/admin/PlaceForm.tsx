import { useEffect, useRef, useState } from 'preact/hooks';

import { t } from '../i18n';
import { ts } from '../i18n/staff';
import { api, problemWords } from '../worker/api';
import { useFieldErrors } from '../ui/field-errors';
import { EMPTY_PLACE, bodyOf, fieldsOf, type Place, type PlaceFields } from './place';

const words = ts.admin.form;
const NEEDS = ['anything', ...Object.keys(t.findSupport.needs)];
const THRIVE = Object.keys(ts.worker.thrive.groupings);

type TextField = Exclude<keyof PlaceFields, 'needs' | 'thrive' | 'self_referral'>;

/** Adds a place to the service's directory, or changes one. The server
 * checks every field and names each that is wrong; nothing is kept until
 * all are right. */
export function PlaceForm(props: { place?: Place; onSaved: (place: Place) => void; onCancel: () => void }) {
  const { place } = props;
  const [fields, setFields] = useState<PlaceFields>(place ? fieldsOf(place) : EMPTY_PLACE);
  const problems = useFieldErrors('place');
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => title.current?.focus(), []);

  const set = <K extends keyof PlaceFields>(key: K, value: PlaceFields[K]) => setFields((now) => ({ ...now, [key]: value }));
  const toggle = (key: 'needs' | 'thrive', value: string, on: boolean) =>
    setFields((now) => ({ ...now, [key]: on ? [...now[key], value] : now[key].filter((v) => v !== value) }));

  const save = async (event: Event) => {
    event.preventDefault();
    setMessage('');
    problems.clear();
    const checked = bodyOf(fields);
    if ('notNumbers' in checked) {
      problems.set(Object.fromEntries(checked.notNumbers.map((f) => [f, words.wholeNumber])));
      setMessage(words.fixFields);
      return;
    }
    setSaving(true);
    try {
      const saved = place
        ? await api.call<Place>('PATCH', `/admin/directory/${encodeURIComponent(place.id)}`, checked.body)
        : await api.call<Place>('POST', '/admin/directory', checked.body);
      props.onSaved(saved);
    } catch (error) {
      setMessage(problems.fromProblem(error) ? words.fixFields : problemWords(error));
    } finally {
      setSaving(false);
    }
  };

  const text = (field: TextField, label: string, options: { type?: string; inputMode?: 'numeric' | 'tel' | 'url' } = {}) => (
    <div class="field">
      <label for={`place-${field}`}>{label}</label>
      <input
        id={`place-${field}`}
        type={options.type ?? 'text'}
        inputMode={options.inputMode}
        value={fields[field]}
        aria-invalid={problems.invalid(field)}
        aria-describedby={problems.describedBy(field)}
        onInput={(e) => set(field, e.currentTarget.value)}
      />
      {problems.errorFor(field)}
    </div>
  );
  const choices = (key: 'needs' | 'thrive', legend: string, options: string[], label: (value: string) => string) => (
    <fieldset class="field" aria-describedby={problems.describedBy(key)}>
      <legend>{legend}</legend>
      <div class="row" style={{ flexWrap: 'wrap' }}>
        {options.map((value) => (
          <label class="choice" key={value}>
            <input type="checkbox" checked={fields[key].includes(value)} onChange={(e) => toggle(key, value, e.currentTarget.checked)} />
            {label(value)}
          </label>
        ))}
      </div>
      {problems.errorFor(key)}
    </fieldset>
  );

  return (
    <section class="card stack" aria-labelledby="place-form-title">
      <h1 id="place-form-title" tabIndex={-1} ref={title}>
        {place ? words.editTitle(place.name) : words.addTitle}
      </h1>
      <form class="stack" onSubmit={save} noValidate>
        {text('name', words.name)}
        <div class="field">
          <label for="place-description">{words.description}</label>
          <textarea
            id="place-description"
            rows={3}
            value={fields.description}
            aria-invalid={problems.invalid('description')}
            aria-describedby={problems.describedBy('description')}
            onInput={(e) => set('description', e.currentTarget.value)}
          />
          {problems.errorFor('description')}
        </div>
        {choices('needs', words.needs, NEEDS, (n) => (n === 'anything' ? words.anything : (t.findSupport.needs[n] ?? n)))}
        {choices('thrive', words.thrive, THRIVE, (g) => ts.worker.thrive.groupings[g as keyof typeof ts.worker.thrive.groupings])}
        <div class="row">
          {text('min_age', words.minAge, { inputMode: 'numeric' })}
          {text('max_age', words.maxAge, { inputMode: 'numeric' })}
        </div>
        {text('area', words.area)}
        <fieldset class="field">
          <legend>{words.contact}</legend>
          {text('phone', words.phone, { type: 'tel', inputMode: 'tel' })}
          {text('text_number', words.textNumber, { type: 'tel', inputMode: 'tel' })}
          {text('text_keyword', words.textKeyword)}
          {text('website', words.website, { type: 'url', inputMode: 'url' })}
        </fieldset>
        <label class="choice">
          <input type="checkbox" checked={fields.self_referral} onChange={(e) => set('self_referral', e.currentTarget.checked)} />
          {words.selfReferral}
        </label>
        {text('hours', words.hours)}
        {message && (
          <p class="alert" role="alert">
            {message}
          </p>
        )}
        <div class="row">
          <button type="submit" disabled={saving}>
            {words.save}
          </button>
          <button type="button" class="secondary" onClick={props.onCancel}>
            {words.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
