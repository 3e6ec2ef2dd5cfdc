// What each kind of sharing is called on the young person's screens. The
// explanation of what a worker then sees comes from the core (scopeOptions).

import type { ConsentScope } from '../core';

const TITLES: Partial<Record<ConsentScope, string>> = {
  mood: 'My moods',
  feelings: 'My feelings',
  contexts_and_sleep: 'What it’s about, and my sleep',
  notes: 'My notes',
  strategy_use: 'What helps me',
  goals: 'My goals',
  wheel: 'My wheel',
  safety_plan: 'My safety plan',
};

export function scopeTitle(scope: ConsentScope): string {
  return TITLES[scope] ?? scope.replace(/_/g, ' ');
}
