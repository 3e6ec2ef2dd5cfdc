/** The young person's own groups: which ones, and the sessions they came to. */
export const myGroups = {
  title: 'My groups',
  homeHint: 'Groups your worker has put you in, and the sessions you came to.',
  intro: 'Your worker writes down who comes to each session. Other people in the group do not see this.',
  none: 'You are not in a group right now.',
  at: (school: string) => `At ${school}`,
  left: (day: string) => `You left this group on ${day}.`,
  noSessions: 'No sessions written down yet.',
  session: (number: number, day: string) => `Session ${number}, ${day}`,
  came: 'You came',
  away: 'You were away',
  offline: 'No internet right now, so this is what was saved on this phone.',
  nothingSaved: 'Open this once with internet to see your groups.',
  back: 'Back to home',
};
