// Before the core has arrived (a slow phone, a weak signal) and if it never
// does, "Get help now" already works, from the fallback copy of the crisis
// contacts; help someone opened stays open when the app becomes ready.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { skipWelcome, startLantern } from './harness.mjs';
import { expectAccessible } from './screens.mjs';

let base;
let browser;
let stop;

before(async () => {
  ({ base, browser, stop } = await startLantern());
});

after(async () => {
  await stop?.();
});

/** The service worker is blocked so page.route sees the core's download. */
const phone = () =>
  browser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });

/** The links in the help that shows while starting, once it is drawn. */
async function helpLinks(page) {
  const help = page.getByRole('region', { name: 'Help right now' });
  await help.waitFor();
  return help.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
}

test('while the core is still downloading, help is one tap away and stays open when the app is ready', async () => {
  const page = await phone();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(base);
  await page.getByRole('status').filter({ hasText: 'Getting Lantern ready' }).waitFor();
  await page.getByRole('button', { name: 'Get help now' }).click();
  assert.deepEqual(await helpLinks(page), ['tel:08001111', 'sms:85258?body=SHOUT', 'tel:116123', 'tel:999']);
  await expectAccessible(page, 'starting up with help open');

  release();
  await page.getByRole('button', { name: 'Go on to Lantern' }).waitFor();
  assert.equal((await helpLinks(page)).length, 4, 'help is still open');
  await page.getByRole('button', { name: 'Go on to Lantern' }).click();
  await skipWelcome(page);
  await page.getByRole('button', { name: 'Check in' }).waitFor();
});

test('if the core cannot load, the app says so and shows help', async () => {
  const page = await phone();
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(base);
  await page.getByRole('heading', { name: 'Lantern could not start' }).waitFor();
  assert.deepEqual(await helpLinks(page), ['tel:08001111', 'sms:85258?body=SHOUT', 'tel:116123', 'tel:999']);
});
