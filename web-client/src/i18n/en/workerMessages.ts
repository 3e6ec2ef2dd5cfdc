/** What a worker sends a young person's parents or carers. (Encouragement
 * to the young person is in `worker.message`.) */
export const workerMessages = {
  tipTitle: (name: string) => `A tip for ${name}’s parent or carer`,
  tip: 'Tip',
  sendTip: 'Send tip',
  tipsLoadFailed: 'Could not load the tips.',
  sendFailed: 'Could not send. Check your connection and try again.',
  noParents: (name: string) => `No parent or carer is linked to ${name} yet, so nobody got it.`,
  /** Forms for `plural()`: how many parents or carers got the tip. */
  tipSentTo: { one: 'Sent to one parent or carer.', other: 'Sent to {n} parents or carers.' },
};
