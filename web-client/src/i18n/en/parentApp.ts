/** The app for parents and carers. */
export const parentApp = {
  brand: 'Lantern for parents and carers',
  signOut: 'Sign out',
  // Signing up or in
  signIn: 'Sign in',
  joinWithCode: 'Join with a code',
  intro:
    'Your child made a code in their Lantern app. With it you get short tips on supporting them. You never see their check-ins or anything they keep in Lantern.',
  code: 'Code',
  name: 'Your name (as your child knows you)',
  email: 'Email',
  password: 'Password',
  passwordHint: 'At least 10 characters.',
  join: 'Join',
  haveCode: 'I have a code',
  haveAccount: 'I already have an account',
  wrongPassword: 'That email and password don’t match.',
  tooManyTries: 'Too many tries. Please wait a few minutes.',
  somethingWrong: 'Something went wrong. Check your connection and try again.',
  // Tips
  tipsTitle: 'Your tips',
  tipsLoadFailed: 'Could not load your tips. Check your connection.',
  noTipsYet: 'Your first tip will arrive on the day and time you choose below.',
  askedToCheckIn: (name: string, message: string | null) =>
    message ? `${name} asked you to check in with them: “${message}”` : `${name} asked you to check in with them.`,
  /** When a tip came, and who sent it if not the schedule. */
  tipDate: (day: string, byWorker: boolean) => (byWorker ? `${day} · sent by their worker` : day),
  helplinesTitle: 'Helplines for parents',
  call: (phone: string) => `Call ${phone}`,
  // Which tips, and when
  prefsTitle: 'Which tips, and when',
  topics: 'Topics',
  howOften: 'How often',
  frequency: {
    weekly: 'Once a week',
    twice_weekly: 'Twice a week',
    off: 'No tips for now',
  },
  day: 'Day',
  time: 'Time',
  savePrefs: 'Save tip choices',
  /** `when` is already written for this language ("Monday 17:00"). */
  nextTip: (when: string) => `Saved. Your next tip comes ${when}.`,
  tipsOff: 'Saved. Tips are off.',
  prefsLoadFailed: 'Could not load your choices.',
  saveFailed: 'Could not save. Check your connection and try again.',
};
