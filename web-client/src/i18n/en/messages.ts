/** The young person's messages from their worker. */
export const messages = {
  title: 'Messages',
  offline: 'You’re offline. Your messages will be here when you’re back online.',
  loadFailed: 'Could not load your messages. Please try again later.',
  answerFailed: 'Your answer didn’t send. Check your connection and try again.',
  none: 'No messages yet.',
  from: (name: string, when: string) => `From ${name} · ${when}`,
  answerWithOneTap: 'Answer with one tap',
  /** The one-tap answers, by the server's name for each. */
  replies: {
    heart: 'Heart',
    thumbs_up: 'Thumbs up',
    thanks: 'Thanks',
    smile: 'Smile',
  },
  /** What was answered, in the server's words ("Sent a heart"). */
  answered: (words: string) => `${words}.`,
};
