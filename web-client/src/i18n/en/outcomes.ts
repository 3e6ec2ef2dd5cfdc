/** School outcome records a worker keeps per term (attendance, exclusions). */
export const outcomes = {
  title: 'School this term',
  intro: 'What school tells you each term. Workers assigned to this young person can see it, and so can the young person.',
  none: 'Nothing recorded yet.',
  term: 'Term',
  /** `season` is `autumn`, `spring` or `summer`. */
  /** A term as the server writes it, `2025-autumn`, in words: `Autumn term 2025`. */
  termName: (term: string) => {
    const [year, season = ''] = term.split('-');
    return `${{ autumn: 'Autumn', spring: 'Spring', summer: 'Summer' }[season] ?? season} term ${year}`;
  },
  attendance: 'Attendance (%)',
  exclusions: 'Fixed-term exclusions',
  exclusionCount: 'How many',
  exclusionDays: 'Days in all',
  permanent: 'Permanently excluded',
  partTime: 'On a part-time timetable',
  yes: 'Yes',
  no: 'No',
  save: 'Save this term',
  saved: 'Saved.',
  fixFields: 'Please check the fields marked above.',
  recordedBy: (name: string, when: string) => `Recorded by ${name}, ${when}`,
  exclusionLine: (count: number, days: number) => (count === 0 ? 'None' : `${count} (${days} days)`),
  loadFailed: 'Could not load the school records.',
};
