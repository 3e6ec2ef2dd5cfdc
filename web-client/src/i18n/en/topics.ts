/** The topics of tips for parents and carers, by the server's name for each. */
export const topics: Record<string, string> = {
  anxiety: 'Worry and anxiety',
  low_mood: 'Low mood',
  anger: 'Anger',
  self_harm: 'Self-harm',
  sleep: 'Sleep',
  exams: 'Exams',
  friendships_and_bullying: 'Friendships and bullying',
  online_life: 'Life online',
  not_wanting_to_go_to_school: 'Not wanting to go to school',
  changes_and_moves: 'Changes and moves',
  bereavement: 'Loss and grief',
  looking_after_yourself: 'Looking after yourself',
};
