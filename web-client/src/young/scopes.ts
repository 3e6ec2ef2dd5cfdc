// What each kind of sharing is called on the young person's screens (words
// in t.sharing.scopes). The explanation of what a worker then sees comes from
// the core (scopeOptions).

import type { ConsentScope } from '../core';
import { t } from '../i18n';

export function scopeTitle(scope: ConsentScope): string {
  return t.sharing.scopes[scope] ?? scope.replace(/_/g, ' ');
}
