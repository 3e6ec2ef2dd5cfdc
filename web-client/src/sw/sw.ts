// Lantern's service worker: keeps the app working offline, shows a push as
// a notification and opens the right screen when it is tapped. Built on its own into /sw.js (classic
// script, so every browser can run it): see vite.sw.config.ts.

import { bodyFor, parsePayload, routeFor, type PushPayload } from '../push/payload';
import { handleFetch, refreshPrecache } from './offline';

declare const self: ServiceWorkerGlobalScope;

/** Where a changed subscription is noted for the app to register it. */
const RESUBSCRIBED_MESSAGE = 'lantern:push-subscription-changed';
/** Asks an open window to show a screen. */
const OPEN_MESSAGE = 'lantern:open';

self.addEventListener('install', (event) => {
  // Installed only once the whole app is cached: help must open offline.
  event.waitUntil(refreshPrecache().then(() => self.skipWaiting()));
});

self.addEventListener('fetch', handleFetch);

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('push', (event) => {
  const payload = parsePayload(event.data?.text());
  // A push we cannot read still becomes a notification (browsers require
  // one), saying only that something arrived.
  const shown: PushPayload = payload ?? { kind: 'encouragement', id: 'lantern', title: 'Lantern' };
  event.waitUntil(
    self.registration.showNotification(shown.title, {
      body: bodyFor(shown.kind),
      tag: shown.id,
      icon: '/icon.svg',
      badge: '/icon.svg',
      data: { kind: shown.kind, id: shown.id },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as Pick<PushPayload, 'kind' | 'id'> | undefined;
  const target = new URL(data ? routeFor(data) : '/', self.location.origin).href;
  event.waitUntil(openOrFocus(target));
});

/** Tells an open Lantern window which screen to show (it moves itself:
 * reliable whether or not this worker controls it yet), or opens one. */
async function openOrFocus(url: string): Promise<void> {
  const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = open.find((client) => new URL(client.url).origin === self.location.origin);
  if (same) {
    same.postMessage({ type: OPEN_MESSAGE, url });
    await same.focus().catch(() => undefined);
    return;
  }
  await self.clients.openWindow(url);
}

// The push service replaced the subscription (keys expired, say): make a new
// one with the same server key, and let an open app tell our server. If no
// app is open, the app notices the new endpoint when it next starts.
self.addEventListener('pushsubscriptionchange', (event) => {
  const change = event as Event & { oldSubscription?: PushSubscription | null };
  const work = async () => {
    const key = change.oldSubscription?.options.applicationServerKey;
    if (key) {
      await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    }
    for (const client of await self.clients.matchAll({ type: 'window' })) {
      client.postMessage({ type: RESUBSCRIBED_MESSAGE });
    }
  };
  (event as ExtendableEvent).waitUntil(work());
});
