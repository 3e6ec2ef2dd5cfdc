/** Alerts on the worker's dashboard. */
export const alerts = {
  title: 'Needs your attention',
  loadFailed: 'Cannot load alerts. Try reloading the page.',
  passedToYou: 'Passed to you as duty contact',
  /** Both times are already written for this language. */
  times: (answered: string, told: string) => `Answered ${answered}; you were told ${told}.`,
  whatDidYouDo: 'What did you do?',
  didNotSave: 'That didn’t save. Please try again.',
  acted: 'I’ve acted on this',
};
