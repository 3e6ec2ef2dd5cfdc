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
  /** A place to get help that the worker suggested. */
  placeToTry: (name: string) => `A place that could help: ${name}`,
  call: (number: string) => `Call ${number}`,
  text: (number: string, keyword?: string) => (keyword ? `Text ${keyword} to ${number}` : `Text ${number}`),
  website: 'Visit their website',
  serviceGone: 'This service is no longer listed. Ask your worker about it.',
  /** What was answered, in the server's words ("Sent a heart"). */
  answered: (words: string) => `${words}.`,
};
