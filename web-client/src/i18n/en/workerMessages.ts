/** What a worker sends a young person and their parents or carers. */
export const workerMessages = {
  encourageTitle: (name: string) => `Send ${name} some encouragement`,
  message: 'Message',
  fromList: 'From our list',
  ownWords: 'In my own words',
  chooseMessage: 'Choose a message',
  yourMessage: 'Your message',
  length: (used: number, most: number) => `${used}/${most}. Keep it warm and short; it is not a chat.`,
  sendLater: 'Send later',
  when: 'When',
  schedule: 'Schedule message',
  send: 'Send message',
  scheduled: 'Scheduled.',
  sent: 'Sent.',
  sentTitle: 'Sent',
  /** `when` is already written for this language. */
  shown: (when: string) => `Shown ${when}`,
  shows: (when: string) => `Shows ${when}`,
  /** The young person's one-tap answer, in the server's words. */
  withReply: (status: string, reply: string) => `${status} · ${reply}`,
  takeBack: 'Take back',
  sentLoadFailed: 'Could not load the messages you sent.',
  listLoadFailed: 'Could not load the message list.',
  dailyLimit: 'That is as many messages as one day allows. Try again tomorrow.',
  sendFailed: 'Could not send. Check your connection and try again.',
  // A tip for the parents or carers
  tipTitle: (name: string) => `A tip for ${name}’s parent or carer`,
  tip: 'Tip',
  sendTip: 'Send tip',
  tipsLoadFailed: 'Could not load the tips.',
  noParents: (name: string) => `No parent or carer is linked to ${name} yet, so nobody got it.`,
  /** Forms for `plural()`: how many parents or carers got the tip. */
  tipSentTo: { one: 'Sent to one parent or carer.', other: 'Sent to {n} parents or carers.' },
};
