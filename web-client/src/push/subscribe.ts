// Web Push on this device: turn it on (ask permission, subscribe with the
// server's VAPID key, register the subscription), keep it fresh (the push
// service can replace a subscription at any time; each start compares and
// tells the server) and turn it off again.

import type { Api } from '../api/client';
import { settings } from '../store/db';

const STORED = 'push_subscription';
/** The message the service worker posts when the push service replaced the subscription. */
export const RESUBSCRIBED_MESSAGE = 'lantern:push-subscription-changed';

interface StoredSubscription {
  id: string;
  endpoint: string;
}

export type PushState = 'unsupported' | 'blocked' | 'off' | 'on';

export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** Registers /sw.js once per page load; harmless when it is already there. */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  try {
    return await navigator.serviceWorker.register('/sw.js');
  } catch {
    return undefined;
  }
}

export async function pushState(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  const stored = await settings.get<StoredSubscription>(STORED);
  const current = await currentSubscription();
  return stored && current && stored.endpoint === current.endpoint ? 'on' : 'off';
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration();
  return registration ? registration.pushManager.getSubscription() : null;
}

/** Asks permission (only ever from a tap) and subscribes. */
export async function turnOnPush(api: Api): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'blocked' : 'off';
  await subscribeAndRegister(api);
  return 'on';
}

async function subscribeAndRegister(api: Api): Promise<void> {
  await register(api, await browserSubscription(api));
}

/** This browser's push subscription for our server's key, made if needed.
 * Call only after notification permission is granted. */
export async function browserSubscription(api: Api): Promise<PushSubscription> {
  const registration = (await registerServiceWorker()) ?? (await navigator.serviceWorker.ready);
  const { public_key } = await api.anonymous<{ public_key: string }>('GET', '/push/vapid-public-key');
  const key = base64UrlToBytes(public_key);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    // Made for another server key (the server's keys were replaced).
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  return subscription;
}

async function register(api: Api, subscription: PushSubscription): Promise<void> {
  const { id } = await api.call<{ id: string }>('POST', '/push/subscriptions', subscription.toJSON());
  await settings.set(STORED, { id, endpoint: subscription.endpoint } satisfies StoredSubscription);
}

/** On start and when the service worker says so: if the browser's
 * subscription is not the one the server knows, tell the server. Never asks
 * for permission. */
export async function keepPushFresh(api: Api): Promise<void> {
  if (!pushSupported() || Notification.permission !== 'granted') return;
  const stored = await settings.get<StoredSubscription>(STORED);
  if (!stored) return; // never turned on here
  const current = await currentSubscription();
  if (!current) {
    await subscribeAndRegister(api);
  } else if (current.endpoint !== stored.endpoint) {
    await register(api, current);
  }
}

export async function turnOffPush(api: Api): Promise<PushState> {
  const stored = await settings.get<StoredSubscription>(STORED);
  if (stored) {
    await api.call('DELETE', `/push/subscriptions/${encodeURIComponent(stored.id)}`).catch(() => undefined);
  }
  await (await currentSubscription())?.unsubscribe();
  await settings.set(STORED, undefined);
  return pushSupported() ? 'off' : 'unsupported';
}

export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameKey(existing: ArrayBuffer | null, wanted: Uint8Array): boolean {
  if (!existing) return false;
  const have = new Uint8Array(existing);
  return have.length === wanted.length && have.every((byte, i) => byte === wanted[i]);
}
