/** What the young person's home screen says about sending to their worker. */
export const sync = {
  notConnected: 'Only on this phone. Nothing is shared.',
  notShared: 'Not shared. Your check-ins stay on this phone.',
  sending: 'Sending…',
  /** `when` comes from `today` or `otherDay` below. */
  sent: (when: string) => `Sent to your worker ${when}.`,
  sentNothingNew: (when: string) => `Sent to your worker ${when}. Nothing new to send.`,
  nothingNew: 'Nothing new to send.',
  waiting: 'Waiting to send. It will go when you’re online again.',
  failed: 'Couldn’t send — we’ll try again soon.',
  /** When something was sent: "at 16:05" today, "on Mon 23 Nov at 16:05" another day. */
  today: (time: string) => `at ${time}`,
  otherDay: (day: string, time: string) => `on ${day} at ${time}`,
};
