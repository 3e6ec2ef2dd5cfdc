// Web Push in the browser: the service worker turns a push (delivered
// through Chromium's DevTools protocol, since headless Chromium cannot
// subscribe at a real push service) into a notification with the payload's
// neutral title, tagged by its id so a duplicate shows once. The whole
// chain runs too: the server's sender encrypts a push to web-push-testing (a
// real push service peer on loopback), which decrypts it, and the decrypted
// payload is what the service worker shows.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { freePort, startLantern, webClient, skipWelcome } from './harness.mjs';
import { capture } from './screens.mjs';

let base;
let browser;
let lantern;
let stop;
let peer;
let peerBase;

async function peerCall(path, body) {
  const response = await fetch(`${peerBase}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  return response.json();
}

before(async () => {
  const port = await freePort();
  peerBase = `http://localhost:${port}`;
  peer = spawn('node', [join(webClient, 'node_modules/web-push-testing/src/bin/server.js'), String(port)], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${peerBase}/status`, { method: 'POST' })).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  ({ base, browser, lantern, stop } = await startLantern({
    LANTERN_PUSH_ORIGINS: peerBase,
    LANTERN_PUSH_POLL_MS: '200',
  }));
});

after(async () => {
  await stop?.();
  peer?.kill();
});

async function api(method, path, token, body) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** Delivers `data` to the page's service worker as a push. */
/** Delivers `data` to the page's service worker as a push and waits until
 * a notification tagged `tag` is showing. Chromium now and then lets a
 * push from the DevTools protocol go by unhandled (a real push service
 * would deliver it again), so an unanswered one is delivered again. */
async function deliverPush(page, data, tag = data.id) {
  const cdp = await page.context().newCDPSession(page);
  const activated = new Promise((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ready = versions.find((v) => v.status === 'activated' && v.runningStatus === 'running');
      if (ready) resolve(ready.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const registrationId = await activated;
  for (let attempt = 0; attempt < 5; attempt++) {
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(base).origin,
      registrationId,
      data: JSON.stringify(data),
    });
    const shown = await page.evaluate(async (wanted) => {
      const registration = await navigator.serviceWorker.ready;
      for (let i = 0; i < 15; i++) {
        if ((await registration.getNotifications({ tag: wanted })).length > 0) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    }, tag);
    if (shown) return;
  }
  throw new Error(`no notification tagged ${tag} was shown`);
}

test('a push becomes a notification with a neutral title, once per id', async () => {
  const page = await browser({ viewport: { width: 390, height: 844 } });
  await page.context().grantPermissions(['notifications'], { origin: base });
  await page.goto(base);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));

  const payload = { kind: 'encouragement', id: 'note-1', title: 'Lantern: you have a message' };
  await deliverPush(page, payload);
  await deliverPush(page, payload);
  const shown = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    for (let i = 0; i < 50; i++) {
      const list = await registration.getNotifications();
      if (list.length > 0) return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }));
      await new Promise((r) => setTimeout(r, 100));
    }
    return [];
  });
  assert.deepEqual(shown, [
    {
      title: 'Lantern: you have a message',
      body: 'Tap to open.',
      tag: 'note-1',
      data: { kind: 'encouragement', id: 'note-1' },
    },
  ]);
});

test('a push that is not ours shows only that something arrived', async () => {
  const page = await browser({ viewport: { width: 390, height: 844 } });
  await page.context().grantPermissions(['notifications'], { origin: base });
  await page.goto(base);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await deliverPush(page, { kind: 'chat', id: 'x', title: 'Sky told us something private' }, 'lantern');
  const titles = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    for (let i = 0; i < 50; i++) {
      const list = await registration.getNotifications();
      if (list.length > 0) return list.map((n) => n.title);
      await new Promise((r) => setTimeout(r, 100));
    }
    return [];
  });
  assert.deepEqual(titles, ['Lantern']);
});

test('a link from a tapped reminder opens the check-in', async () => {
  const page = await browser({ viewport: { width: 390, height: 844 } });
  await page.goto(`${base}/#/check-in`);
  await skipWelcome(page);
  await page.getByRole('heading', { name: /how are you feeling/i }).waitFor();
});

test('a worker\'s message goes from the server through a real push service to the phone\'s notification', async () => {
  const serviceId = lantern(['admin', 'create-service', '--name', 'Push Service']);
  lantern(
    ['admin', 'create-worker', '--service', serviceId, '--email', 'pat@example.org', '--name', 'Pat', '--password-stdin'],
    'a long enough password\n',
  );
  const worker = await api('POST', '/auth/login', undefined, { email: 'pat@example.org', password: 'a long enough password' });
  const { code } = await api('POST', '/invites', worker.access_token, {});
  const young = await api('POST', '/join', undefined, { code, display_name: 'Jo', age_band: '13-15' });
  // Whatever the hour this runs at, quiet hours must not hold the push back.
  await api('PUT', '/me/notification-settings', young.access_token, { time_zone: 'Europe/London', quiet_hours: null });

  // The phone's subscription, made at the push service with our server's key.
  const { public_key } = await api('GET', '/push/vapid-public-key');
  const subscribed = await peerCall('/subscribe', { applicationServerKey: public_key, userVisibleOnly: 'true' });
  const { endpoint, keys, clientHash } = subscribed.data;
  await api('POST', '/push/subscriptions', young.access_token, { endpoint, keys });

  await api('POST', '/encouragements', worker.access_token, {
    young_person_ids: [young.user.id],
    text: 'Thinking of you today. You are doing better than you think.',
  });

  let decrypted;
  for (let i = 0; i < 100 && !decrypted; i++) {
    const { data } = await peerCall('/get-notifications', { clientHash });
    decrypted = data?.messages?.[0];
    if (!decrypted) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(decrypted, 'the push service received and decrypted a push');
  const inbox = await api('GET', '/me/notifications', young.access_token);
  assert.deepEqual(JSON.parse(decrypted), {
    kind: 'encouragement',
    id: inbox.items[0].id,
    title: 'Lantern: you have a message',
  });
  assert.doesNotMatch(decrypted, /Thinking of you|Jo|Pat/, 'the words stay on the server');

  const phone = await browser({ viewport: { width: 390, height: 844 } });
  await phone.context().grantPermissions(['notifications'], { origin: base });
  await phone.goto(base);
  await skipWelcome(phone);
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await deliverPush(phone, JSON.parse(decrypted));
  const shown = await phone.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    for (let i = 0; i < 50; i++) {
      const list = await registration.getNotifications();
      if (list.length > 0) return list.map((n) => ({ title: n.title, tag: n.tag }));
      await new Promise((r) => setTimeout(r, 100));
    }
    return [];
  });
  assert.deepEqual(shown, [{ title: 'Lantern: you have a message', tag: inbox.items[0].id }]);
  await capture(phone, 'young-after-push');
});

test('tapping a notification opens the screen it is about', async () => {
  const page = await browser({ viewport: { width: 390, height: 844 } });
  await page.context().grantPermissions(['notifications'], { origin: base });
  await page.goto(base);
  await skipWelcome(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await deliverPush(page, { kind: 'reminder', id: 'reminder-1', title: 'Lantern: a gentle reminder' });
  // Playwright may not have attached to the service worker yet.
  const worker = page.context().serviceWorkers()[0] ?? (await page.context().waitForEvent('serviceworker'));
  // Chromium has no way to click a notification from a test, so the test
  // dispatches the click event the browser would, on the notification the
  // push handler showed.
  await worker.evaluate(async () => {
    for (let i = 0; i < 50; i++) {
      const [shown] = await self.registration.getNotifications({ tag: 'reminder-1' });
      if (shown) {
        try {
          self.dispatchEvent(new NotificationEvent('notificationclick', { notification: shown }));
        } catch {
          // waitUntil refuses an event the browser did not send; the handler has already acted
        }
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no notification was shown: ${JSON.stringify((await self.registration.getNotifications()).map((n) => n.tag))}`);
  });
  // The open window moves to the check-in, or, if the worker found none,
  // a new one opens there.
  let opened;
  for (let i = 0; i < 100 && !opened; i++) {
    opened = page.context().pages().find((p) => /#\/check-in$/.test(p.url()));
    if (!opened) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(opened, `a window shows the check-in: ${page.context().pages().map((p) => p.url())}`);
  await opened.getByRole('heading', { name: 'How are you feeling?' }).waitFor();
});

test('when the push service replaces the subscription, the app tells the server on its next start', async () => {
  const serviceId = lantern(['admin', 'create-service', '--name', 'Fresh Service']);
  lantern(
    ['admin', 'create-worker', '--service', serviceId, '--email', 'fresh@example.org', '--name', 'Fay', '--password-stdin'],
    'a long enough password\n',
  );
  const worker = await api('POST', '/auth/login', undefined, { email: 'fresh@example.org', password: 'a long enough password' });
  const { code } = await api('POST', '/invites', worker.access_token, {});
  const young = await api('POST', '/join', undefined, { code, display_name: 'Lee', age_band: '10-12' });
  const { public_key } = await api('GET', '/push/vapid-public-key');
  const old = (await peerCall('/subscribe', { applicationServerKey: public_key, userVisibleOnly: 'true' })).data;
  const replaced = (await peerCall('/subscribe', { applicationServerKey: public_key, userVisibleOnly: 'true' })).data;
  const { id: oldId } = await api('POST', '/push/subscriptions', young.access_token, { endpoint: old.endpoint, keys: old.keys });

  const phone = await browser({ viewport: { width: 390, height: 844 } });
  await phone.context().grantPermissions(['notifications'], { origin: base });
  // Headless Chromium cannot subscribe at a real push service (it only
  // talks to FCM), so the browser's push manager hands out a subscription
  // made at web-push-testing instead: the one that replaced the old.
  await phone.addInitScript((sub) => {
    const subscription = {
      endpoint: sub.endpoint,
      options: { applicationServerKey: null },
      toJSON: () => ({ endpoint: sub.endpoint, keys: sub.keys }),
      unsubscribe: async () => true,
    };
    PushManager.prototype.getSubscription = async () => subscription;
  }, replaced);
  await phone.goto(base);
  await skipWelcome(phone);
  await phone.getByRole('button', { name: 'Check in' }).waitFor(); // the app has made its database
  // This phone is signed in and last told the server about the old endpoint.
  await phone.evaluate(
    async ({ session, stored }) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('lantern');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise((resolve, reject) => {
        const transaction = db.transaction('kv', 'readwrite');
        transaction.objectStore('kv').put(session, 'session');
        transaction.objectStore('kv').put(stored, 'push_subscription');
        transaction.oncomplete = resolve;
        transaction.onerror = () => reject(transaction.error);
      });
    },
    { session: young, stored: { id: oldId, endpoint: old.endpoint } },
  );
  await phone.reload();
  let endpoints = [];
  for (let i = 0; i < 50 && !endpoints.includes(replaced.endpoint); i++) {
    const exported = await api('GET', '/me/export', young.access_token);
    endpoints = exported.push_subscriptions.map((s) => s.endpoint);
    if (!endpoints.includes(replaced.endpoint)) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(endpoints.includes(replaced.endpoint), `the server knows the new endpoint: ${endpoints}`);
});
