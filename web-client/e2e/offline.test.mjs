// Offline first: once the app has been opened, it starts again with no
// network at all — the check-in, the wasm core's ideas and "Get help now"
// with its crisis numbers all work, because the service worker keeps the
// app's files.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startLantern, skipWelcome } from './harness.mjs';
import { capture } from './screens.mjs';

let base;
let browser;
let stop;

before(async () => {
  ({ base, browser, stop } = await startLantern());
});

after(async () => {
  await stop?.();
});

test('with no network the app still opens, checks in, suggests and offers help', async () => {
  const phone = await browser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(base);
  await skipWelcome(phone);
  await phone.getByRole('button', { name: 'Check in' }).waitFor();
  // Installed means the whole app is cached.
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => true));

  await phone.context().setOffline(true);
  await phone.reload();
  await phone.getByRole('heading', { name: 'Hi! How are things?' }).waitFor();

  await phone.getByRole('button', { name: 'Check in' }).click();
  await phone.getByRole('button', { name: 'Not good' }).click();
  await phone.getByRole('button', { name: 'Worried' }).click();
  await phone.getByRole('button', { name: 'Save check-in' }).click();
  const ideas = phone.getByTestId('idea');
  await ideas.first().waitFor();
  assert.ok((await ideas.count()) >= 1, 'the core suggests something offline');

  await phone.getByRole('button', { name: 'Get help now' }).click();
  const help = phone.getByRole('dialog', { name: 'Help right now' });
  await help.waitFor();
  assert.match(await help.textContent(), /999/);
  assert.match(await help.textContent(), /116 123/);
  await capture(phone, 'young-offline-help');
});
