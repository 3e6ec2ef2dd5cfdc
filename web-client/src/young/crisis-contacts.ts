// The last-resort copy of the crisis contacts, shown only if the core
// cannot load (then nothing else works, but help must). The core's
// data/crisis_contacts.json is the source of truth; a test checks that these
// match it exactly. The numbers were confirmed in shared/research/clinical.md
// (section 2.3) on the services' own pages: childline.org.uk (0800 1111),
// crisistextline.uk (Shout, text 85258), samaritans.org (116 123).

export interface FallbackContact {
  name: string;
  action: string;
  href: string;
}

export const FALLBACK_CONTACTS: FallbackContact[] = [
  { name: 'Childline', action: 'Call 0800 1111', href: 'tel:08001111' },
  { name: 'Shout', action: 'Text SHOUT to 85258', href: 'sms:85258?body=SHOUT' },
  { name: 'Samaritans', action: 'Call 116 123', href: 'tel:116123' },
  { name: '999', action: 'Call 999', href: 'tel:999' },
];
