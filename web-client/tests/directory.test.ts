// Finding services on the phone: by need (or "anything") and age band,
// and the links a phone dials and texts.

import { describe, expect, it } from 'vitest';

import { t } from '../src/i18n';
import { smsLink, telLink } from '../src/ui/contact-links';
import { findServices, type DirectoryService } from '../src/young/directory';

const service = (name: string, needs: string[], min: number, max: number): DirectoryService => ({
  id: name,
  name,
  description: '',
  needs,
  min_age: min,
  max_age: max,
  area: 'UK',
  self_referral: true,
  hours: 'Any time',
  national: true,
});

describe('finding services on the phone', () => {
  const list = [
    service('Grief group', ['bereavement'], 11, 16),
    service('Helpline', ['anything'], 0, 18),
    service('Adults', ['anxiety'], 18, 25),
  ];

  it('keeps services for the need, or for anything', () => {
    expect(findServices(list, 'bereavement', undefined).map((s) => s.name)).toEqual(['Grief group', 'Helpline']);
    expect(findServices(list, 'anxiety', undefined).map((s) => s.name)).toEqual(['Helpline', 'Adults']);
  });

  it('keeps services for some age in the band', () => {
    expect(findServices(list, undefined, '10-12').map((s) => s.name)).toEqual(['Grief group', 'Helpline']);
    expect(findServices(list, undefined, '16-18').map((s) => s.name)).toEqual(['Grief group', 'Helpline', 'Adults']);
  });

  it('builds links a phone can dial and text', () => {
    expect(telLink('0800 1111')).toBe('tel:08001111');
    expect(smsLink('85258', 'SHOUT')).toBe('sms:85258?body=SHOUT');
    expect(smsLink('85258', null)).toBe('sms:85258');
    // Written the way people write them: brackets, dashes, a country code.
    expect(telLink('+44 (0)7700-900123')).toBe('tel:+4407700900123');
    expect(smsLink('07700 900 123', 'HELLO there')).toBe('sms:07700900123?body=HELLO%20there');
  });

  it('says an age range in plain words', () => {
    expect(t.findSupport.ages(0, 25)).toBe('For anyone up to 25');
    expect(t.findSupport.ages(11, 18)).toBe('For ages 11 to 18');
  });
});
