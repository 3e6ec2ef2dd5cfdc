import { useState } from 'preact/hooks';

import { ts } from '../i18n/staff';
import { Places } from './Places';
import { ServiceSettings } from './ServiceSettings';
import { Staff } from './Staff';
import { YoungPeople } from './YoungPeople';

const words = ts.admin;
const SECTIONS = ['staff', 'youngPeople', 'settings', 'places'] as const;
type Section = (typeof SECTIONS)[number];

/** A service admin's face: the staff, who works with each young person, the
 * service's settings and its own places in the directory, one at a time. */
export function AdminFace({ me }: { me: string }) {
  const [section, setSection] = useState<Section>('staff');
  return (
    <div class="stack">
      <nav aria-label={words.sections} class="row" style={{ flexWrap: 'wrap' }}>
        {SECTIONS.map((s) => (
          <button
            type="button"
            key={s}
            class={`chip ${section === s ? 'picked' : 'secondary'}`}
            aria-current={section === s ? 'page' : undefined}
            onClick={() => setSection(s)}
          >
            {words.tabs[s]}
          </button>
        ))}
      </nav>
      {section === 'staff' && <Staff me={me} />}
      {section === 'youngPeople' && <YoungPeople />}
      {section === 'settings' && <ServiceSettings />}
      {section === 'places' && <Places />}
    </div>
  );
}
