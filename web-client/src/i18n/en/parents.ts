import { common } from './common';

/** The young person's screen for their parents or carers. */
export const parents = {
  title: 'My parent or carer',
  loadFailed: 'Could not load this. Check your connection.',
  removed: (name: string) => `${name} is no longer linked. They won’t get anything more from you.`,
  /** `names` are already joined ("Alex and Sam"). */
  sentTo: (names: string) => `Sent to ${names}. They’ll get your message and a tip on how to help.`,
  letThemKnowTitle: 'Let them know I’m having a hard time',
  somethingToSay: 'Something you want to say (you don’t have to)',
  letThemKnow: 'Let my parent know',
  whoIsLinked: 'Who is linked',
  nobodyYet: 'Nobody yet.',
  /** What a parent gets, in the server's words. */
  theyGet: (what: readonly string[]) => `They get: ${what.join('; ')}.`,
  remove: (name: string) => `Remove ${name}`,
  linkTitle: 'Link a parent or carer',
  linkHint: 'Give them a code. They use it to sign up and get tips on how to support you.',
  makeCode: 'Make a code',
  codeWorksUntil: (day: string) => `It works once, until ${day}.`,
  askedOften: `You’ve asked a few times today already. If you need help now, tap “${common.getHelpNow}”.`,
  failed: 'That didn’t work. Check your connection and try again.',
};
