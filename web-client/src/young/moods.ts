// The five moods, in kind words a ten-year-old knows.
export const MOODS = [
  { value: 1, face: '😢', word: 'Awful' },
  { value: 2, face: '😟', word: 'Not good' },
  { value: 3, face: '😐', word: 'Okay' },
  { value: 4, face: '🙂', word: 'Good' },
  { value: 5, face: '😄', word: 'Great' },
] as const;

export function moodWord(mood: number): string {
  return MOODS.find((m) => m.value === mood)?.word ?? '';
}

export function moodFace(mood: number): string {
  return MOODS.find((m) => m.value === mood)?.face ?? '';
}

export const INTENSITIES = [
  { value: 1, word: 'a little' },
  { value: 2, word: 'quite' },
  { value: 3, word: 'very' },
] as const;
