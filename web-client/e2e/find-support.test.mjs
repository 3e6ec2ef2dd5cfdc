// Finding support on the phone, in a real browser against the real server:
// a young person with no account finds national services by need and age
// with links to call and text; the list stays on the phone, so it still
// opens with no network. A young person who has joined also sees their
// service's own places.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startLantern } from './harness.mjs';
import { capture } from './screens.mjs';

let base;
let lantern;
let browser;
let stop;

before(async () => {
  ({ base, lantern, browser, stop } = await startLantern());
  lantern(['demo']);
});

after(async () => {
  await stop?.();
});

const phoneSize = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('no account: national services by need and age, and offline from the saved copy', async () => {
  const phone = await browser(phoneSize);
  await phone.goto(base);
  await phone.getByRole('button', { name: 'Skip', exact: true }).click();
  await phone.getByRole('button', { name: '13-15' }).click();
  await phone.getByRole('button', { name: 'Find support' }).click();
  await phone.getByRole('heading', { name: 'Find support', level: 1 }).waitFor();
  assert.equal(await phone.getByLabel('For my age').inputValue(), '13-15', 'the age band from the welcome');
  const services = phone.getByTestId('support-service');
  await services.first().waitFor();
  const names = await services.getByRole('heading').allTextContents();
  assert.ok(names.includes('Childline') && names.includes('Shout'), names.join(', '));
  assert.ok(!names.includes('Riverside Drop-in (demo)'), 'a service’s own places need a sign-in');

  await phone.getByRole('button', { name: 'Someone has died' }).click();
  // Read the list once it is the one for that need.
  await phone.getByRole('button', { name: 'Someone has died', pressed: true }).waitFor();
  const childline = services.filter({ has: phone.getByRole('heading', { name: 'Childline' }) });
  assert.equal(await childline.getByRole('link', { name: 'Call 0800 1111' }).getAttribute('href'), 'tel:08001111');
  const shout = services.filter({ has: phone.getByRole('heading', { name: 'Shout' }) });
  assert.equal(await shout.getByRole('link', { name: /^Text SHOUT to 85258/ }).getAttribute('href'), 'sms:85258?body=SHOUT');
  await capture(phone, 'young-find-support');

  // Opened again with internet: the saved copy is current, so the server
  // answers 304 without the list and the phone keeps showing its own.
  const again = phone.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/directory');
  await phone.reload();
  assert.equal((await again).status(), 304);
  await phone.getByRole('heading', { name: 'Childline' }).waitFor();
  assert.ok(await phone.getByText('For anyone up to 18').first().isVisible(), 'an age range with no lower end');

  // No network: the saved list still opens.
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await phone.context().setOffline(true);
  await phone.reload();
  await phone.getByRole('heading', { name: 'Find support', level: 1 }).waitFor();
  await phone.getByText('No internet right now, so this is the list saved on this phone.').waitFor();
  // That line can come before the age band is read, and with it the list.
  await services.first().waitFor();
  assert.ok((await services.getByRole('heading').allTextContents()).includes('Childline'));
});

test('joined: the service’s own places too', async () => {
  const worker = await browser({ viewport: { width: 1280, height: 800 } });
  await worker.goto(`${base}/#/worker`);
  await worker.getByLabel('Email').fill('demo.worker@lantern.example');
  await worker.getByLabel('Password').fill('lantern-demo-worker');
  await worker.getByRole('button', { name: 'Sign in' }).click();
  await worker.getByRole('button', { name: 'Create invite code' }).click();
  const code = (await worker.getByTestId('invite-code').textContent()).trim();

  const phone = await browser(phoneSize);
  await phone.goto(base);
  await phone.getByRole('button', { name: 'Skip', exact: true }).click();
  await phone.getByRole('button', { name: '16-18' }).click();
  await phone.getByRole('button', { name: 'I have a code from my worker' }).click();
  await phone.getByLabel('Your code').fill(code);
  await phone.getByLabel('What should Lantern call you?').fill('Quinn');
  await phone.getByRole('button', { name: 'Connect' }).click();
  await phone.getByRole('heading', { name: 'What you share' }).waitFor();
  await phone.goto(`${base}/#/find-support`);
  await phone.getByRole('heading', { name: 'Riverside Drop-in (demo)' }).waitFor();
});
