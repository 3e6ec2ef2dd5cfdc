// The five moods and three strengths: a face or number here, the words in
// the catalogue (t.checkIn), kind words a ten-year-old knows.
import { t } from '../i18n';

const FACES = ['😢', '😟', '😐', '🙂', '😄'] as const;

export const MOODS = FACES.map((face, i) => ({ value: i + 1, face, word: t.checkIn.moods[i + 1] }));

export function moodWord(mood: number): string {
  return t.checkIn.moods[mood] ?? '';
}

export function moodFace(mood: number): string {
  return FACES[mood - 1] ?? '';
}

export const INTENSITIES = [1, 2, 3].map((value) => ({ value, word: t.checkIn.intensities[value] }));
