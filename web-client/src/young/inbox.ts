// The messages in the young person's inbox: how many are new (for the home
// screen, which loads before the messages screen does) and marking them read.

import { api } from './session';

/** Inbox kinds the messages screen shows. */
const MESSAGE_KINDS = ['encouragement', 'signpost'];

interface InboxItem {
  id: string;
  kind: string;
  read: boolean;
}

/** How many messages are new, for the home screen; 0 offline. */
export async function newMessageCount(): Promise<number> {
  try {
    const inbox = await api.call<{ items: InboxItem[] }>('GET', '/me/notifications');
    return inbox.items.filter((item) => MESSAGE_KINDS.includes(item.kind) && !item.read).length;
  } catch {
    return 0;
  }
}

/** Marks every new message read, once the young person has seen them. */
export async function markMessagesRead(): Promise<void> {
  try {
    const inbox = await api.call<{ items: InboxItem[] }>('GET', '/me/notifications');
    for (const item of inbox.items.filter((i) => MESSAGE_KINDS.includes(i.kind) && !i.read)) {
      await api.call('POST', `/me/notifications/${encodeURIComponent(item.id)}/read`);
    }
  } catch {
    // Offline: they stay new until next time.
  }
}
