// Links that start a call or a text on the phone. One place, so every
// screen dials a number the same way, whatever spaces or dashes it has.

/** The number as a phone dials it: digits, and a leading + if there is one. */
function dialable(number: string): string {
  const trimmed = number.trim();
  return `${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`;
}

/** `tel:` link for a number written for people ("0800 1111"). */
export function telLink(number: string): string {
  return `tel:${dialable(number)}`;
}

/** `sms:` link, with the keyword to send already typed where there is one. */
export function smsLink(number: string, keyword?: string | null): string {
  return `sms:${dialable(number)}${keyword ? `?body=${encodeURIComponent(keyword)}` : ''}`;
}
