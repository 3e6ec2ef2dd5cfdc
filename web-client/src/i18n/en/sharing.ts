/** What the young person shares with their worker, scope by scope. */
export const sharing = {
  title: 'What you share',
  intro: 'You choose what your worker sees. You can change your mind at any time, and they stop seeing it straight away.',
  whenOn: 'When you turn something on, share…',
  fromNow: 'only what I add from now on',
  before: 'what I added before too',
  shared: 'Shared',
  notShared: 'Not shared',
  needInternet: 'You need the internet to change what you share.',
  failed: 'Something went wrong. Please try again.',
  done: 'Done',
  /** What each kind of sharing is called. */
  scopes: {
    mood: 'My moods',
    feelings: 'My feelings',
    contexts_and_sleep: 'What it’s about, and my sleep',
    notes: 'My notes',
    strategy_use: 'What helps me',
    goals: 'My goals',
    wheel: 'My wheel',
    safety_plan: 'My safety plan',
  } as Record<string, string>,
};
