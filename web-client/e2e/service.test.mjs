// A service's records in the worker's dashboard: school outcome records per
// term (a bad value is named beside its field and nothing typed is lost),
// and a place that can help, from the directory, sent to a young person —
// whose phone shows it with tap-to-call and tap-to-text.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startLantern, skipWelcome } from './harness.mjs';
import { capture } from './screens.mjs';

const WORKER = { email: 'demo.worker@lantern.example', password: 'lantern-demo-worker' };

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

async function signInWorker() {
  const page = await browser({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/#/worker`);
  await page.getByLabel('Email').fill(WORKER.email);
  await page.getByLabel('Password').fill(WORKER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My caseload' }).waitFor();
  return page;
}

test('a worker records a term at school; a wrong figure is named and nothing typed is lost', async () => {
  const page = await signInWorker();
  await page.getByRole('button', { name: 'Sky', exact: true }).click();
  const records = page.getByTestId('outcome-records');
  await records.getByRole('heading', { name: 'School this term' }).waitFor();

  const term = await records.getByLabel('Term').inputValue();
  await records.getByLabel('Attendance (%)').fill('101');
  await records.getByLabel('How many').fill('1');
  await records.getByLabel('Days in all').fill('1.5');
  await records.getByRole('button', { name: 'Save this term' }).click();
  await records.getByText('Attendance is a percentage from 0 to 100.').waitFor();
  assert.equal(await records.getByLabel('Attendance (%)').inputValue(), '101', 'what was typed stays');
  assert.equal(await records.getByLabel('Attendance (%)').getAttribute('aria-invalid'), 'true');

  await records.getByLabel('Attendance (%)').fill('92.5');
  await records.getByRole('button', { name: 'Save this term' }).click();
  await records.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const [year, season] = term.split('-');
  const row = records.getByRole('row').filter({ hasText: `${season[0].toUpperCase()}${season.slice(1)} term ${year}` });
  await row.getByText('92.5%').waitFor();
  assert.match(await row.textContent(), /1 \(1\.5 days\)/);
  assert.match(await row.textContent(), /Recorded by /);
  await capture(page, 'worker-outcome-records');
});

test('a worker suggests a place that can help; the young person can call or text it from their messages', async () => {
  const worker = await signInWorker();
  await worker.getByRole('button', { name: 'Create invite code' }).click();
  const code = (await worker.getByTestId('invite-code').textContent()).trim();

  const phone = await browser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(base);
  await skipWelcome(phone);
  await phone.getByRole('button', { name: 'I have a code from my worker' }).click();
  await phone.getByLabel('Your code').fill(code);
  await phone.getByLabel('What should Lantern call you?').fill('Kit');
  await phone.getByRole('button', { name: '13-15' }).click();
  await phone.getByRole('button', { name: 'Connect' }).click();
  await phone.getByRole('button', { name: 'Done' }).click();

  await worker.reload();
  await worker.getByRole('button', { name: 'Kit', exact: true }).click();
  await worker.getByLabel('What it should help with').selectOption('low_mood');
  await worker.getByLabel('Service', { exact: true }).selectOption('shout');
  await worker.getByLabel('A few words of your own (optional)').fill('If talking is hard, texting them might be easier.');
  await worker.getByRole('button', { name: 'Send', exact: true }).click();
  await worker.getByRole('status').filter({ hasText: 'Sent: Shout.' }).waitFor();

  await phone.reload();
  await phone.getByTestId('new-messages').filter({ hasText: 'You have a new message from your worker.' }).waitFor();
  await phone.getByRole('button', { name: 'Messages', exact: true }).click();
  const card = phone.getByTestId('signpost');
  await card.getByRole('heading', { name: 'A place that could help: Shout' }).waitFor();
  assert.match(await card.textContent(), /If talking is hard, texting them might be easier\./);
  assert.equal(await card.getByRole('link', { name: 'Text SHOUT to 85258' }).getAttribute('href'), 'sms:85258?body=SHOUT');
  await capture(phone, 'young-signpost');
});
