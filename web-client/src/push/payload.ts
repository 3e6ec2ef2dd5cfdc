// What a push carries and where tapping it leads. Pure, so the service
// worker and the tests share it. A push says only what kind of thing
// arrived and which: the app fetches the rest after sign-in.

export const PUSH_KINDS = ['alert', 'encouragement', 'signpost', 'reply', 'parent_tip', 'parent_nudge', 'reminder'] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

export interface PushPayload {
  kind: PushKind;
  /** The inbox item's id; also the notification's tag, so a push that
   * arrives twice shows once. */
  id: string;
  title: string;
}

const MAX_ID = 64;
const MAX_TITLE = 80;

/** Reads a push's JSON; anything else is not ours to show. */
export function parsePayload(text: string | undefined): PushPayload | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, id, title } = value as Record<string, unknown>;
  if (typeof kind !== 'string' || !(PUSH_KINDS as readonly string[]).includes(kind)) return undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) return undefined;
  if (typeof title !== 'string' || title.length === 0 || title.length > MAX_TITLE) return undefined;
  return { kind: kind as PushKind, id, title };
}

/** Shown under the title. Neutral like the title: a lock screen is seen by
 * whoever holds the phone. */
export function bodyFor(kind: PushKind): string {
  switch (kind) {
    case 'alert':
      return 'Open Lantern to see it.';
    case 'encouragement':
    case 'signpost':
    case 'reply':
    case 'parent_tip':
    case 'parent_nudge':
      return 'Tap to open.';
    case 'reminder':
      return 'How are you today? Tap when you have a moment.';
  }
}

/** The screen a tap opens, as a path with its hash route. */
export function routeFor(payload: Pick<PushPayload, 'kind' | 'id'>): string {
  const id = encodeURIComponent(payload.id);
  switch (payload.kind) {
    case 'alert':
      return '/#/worker/alerts';
    case 'reply':
      return '/#/worker/sent';
    case 'encouragement':
    case 'signpost':
      return `/#/messages/${id}`;
    case 'parent_tip':
    case 'parent_nudge':
      return `/#/parent/inbox/${id}`;
    case 'reminder':
      return '/#/check-in';
  }
}
