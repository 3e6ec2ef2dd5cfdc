/** The check-in, and the moods and strengths it uses everywhere. */
export const checkIn = {
  /** By mood, 1 (worst) to 5 (best). */
  moods: { 1: 'Awful', 2: 'Not good', 3: 'Okay', 4: 'Good', 5: 'Great' } as Record<number, string>,
  /** How strong a feeling is, 1 to 3, as in "quite worried". */
  intensities: { 1: 'a little', 2: 'quite', 3: 'very' } as Record<number, string>,
  title: 'How are you feeling?',
  pickFace: 'Pick the face that fits best',
  whichFeelings: 'Which feelings are there? Pick as many as you like.',
  howStrong: (feeling: string) => `How ${feeling}?`,
  about: 'What’s it about? (optional)',
  more: 'More, if you want (optional)',
  sleepQuestion: 'How did you sleep last night?',
  sleep: { badly: 'Badly', okay: 'Okay', well: 'Well' } as Record<string, string>,
  sleepHours: 'About how many hours?',
  answers: { no: 'No', a_little: 'A little', yes: 'Yes' } as Record<string, string>,
  answerTellsWorker:
    'You’re connected, so if you answer “a little” or “yes”, your worker is told what you answered, so they can help.',
  note: 'A note, if you like (optional)',
  noteCount: (used: number, most: number) =>
    `${used} / ${most} characters. Your note stays on this phone unless you share notes.`,
  fix: 'Nearly there! Please fix:',
  save: 'Save check-in',
  notNow: 'Not now',
};
