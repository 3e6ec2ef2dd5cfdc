// Crisis contacts shown by "Get help now". They work offline: tel: and sms:
// links need no data connection. The numbers were confirmed on the services'
// own pages (shared/research/clinical.md: childline.org.uk, crisistextline.uk,
// samaritans.org, NHS GP pages for 999). They will move into the core, with
// per-region lists, in a later issue. Change a number only against its
// owner's page.

export interface CrisisContact {
  name: string;
  what: string;
  action: string;
  href: string;
}

export const CRISIS_CONTACTS: CrisisContact[] = [
  {
    name: 'Childline',
    what: 'Free, any time, for anyone under 19. It won’t show on the phone bill.',
    action: 'Call 0800 1111',
    href: 'tel:08001111',
  },
  {
    name: 'Shout',
    what: 'Free text chat, any time, if talking out loud is hard.',
    action: 'Text SHOUT to 85258',
    href: 'sms:85258?body=SHOUT',
  },
  {
    name: 'Samaritans',
    what: 'Free, any time, from any phone.',
    action: 'Call 116 123',
    href: 'tel:116123',
  },
];

export const EMERGENCY = {
  what: 'If you are hurt, or in danger right now',
  action: 'Call 999',
  href: 'tel:999',
};
