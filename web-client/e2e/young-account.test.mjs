// The young person's own account of things, in a real browser against the
// real server: the first-run welcome, the app PIN and lock (help still one
// tap away), exporting and wiping the device, sharing previews, who looked,
// and deleting the account.

import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { eventually, startLantern } from './harness.mjs';
import { capture } from './screens.mjs';

let base;
let lantern;
let browser;
let stop;

before(async () => {
  ({ base, lantern, browser, stop } = await startLantern());
});

after(async () => {
  await stop?.();
});

const phoneSize = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function checkIn(phone, note) {
  await phone.getByRole('button', { name: 'Check in' }).click();
  await phone.getByRole('button', { name: 'Not good' }).click();
  await phone.getByRole('button', { name: 'Worried' }).click();
  await phone.getByLabel('A note, if you like (optional)').fill(note);
  await phone.getByRole('button', { name: 'Save check-in' }).click();
  await phone.getByRole('heading', { name: 'Ideas for right now' }).waitFor();
  await phone.getByRole('button', { name: 'Done' }).click();
  await phone.getByText('Saved. Well done for checking in.').waitFor();
}

async function openMyData(phone) {
  await phone.getByRole('button', { name: 'Me and my data' }).click();
  await phone.getByRole('heading', { name: 'Me and my data', level: 1 }).waitFor();
}

test('welcome, PIN lock, export and wiping the device', async () => {
  const phone = await browser(phoneSize);
  await phone.goto(base);

  // First run: the welcome, with help one tap away, then the age band.
  await phone.getByRole('heading', { name: 'Welcome to Lantern' }).waitFor();
  await phone.getByRole('button', { name: 'Get help now' }).waitFor();
  await capture(phone, 'young-welcome');
  await phone.getByRole('button', { name: 'Next' }).click();
  await phone.getByRole('heading', { name: 'It stays on this phone' }).waitFor();
  await phone.getByRole('button', { name: 'Next' }).click();
  await phone.getByRole('button', { name: 'Next' }).click();
  await phone.getByRole('heading', { name: 'How old are you?' }).waitFor();
  await phone.getByRole('button', { name: '13-15' }).click();
  await phone.getByRole('heading', { name: 'Hi! How are things?' }).waitFor();

  await checkIn(phone, 'pizza for tea');

  // A PIN: saved as a hash only.
  await openMyData(phone);
  await phone.getByLabel('New PIN (4 to 6 numbers)').fill('4821');
  await phone.getByLabel('Type it again').fill('4821');
  await phone.getByRole('button', { name: 'Save PIN' }).click();
  await phone.getByText('PIN saved.').waitFor();
  await capture(phone, 'young-my-data');
  const kvPin = await phone.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('lantern');
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('pin');
          get.onsuccess = () => resolve(get.result);
        };
      }),
  );
  assert.match(kvPin.hash, /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(kvPin).includes('4821'), 'the PIN itself is not kept');

  // Reloading locks it; help still opens while locked.
  await phone.reload();
  await phone.getByRole('heading', { name: 'Lantern is locked' }).waitFor();
  assert.equal(await phone.getByText('pizza for tea').count(), 0);
  await capture(phone, 'young-lock');
  await phone.getByRole('button', { name: 'Get help now' }).click();
  const help = phone.getByRole('dialog', { name: 'Help right now' });
  await help.waitFor();
  assert.ok((await help.getByRole('link').count()) > 0, 'crisis contacts while locked');
  await phone.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });

  // Wrong PIN refused; after a few, a wait.
  const pin = phone.getByLabel('Your PIN');
  await pin.fill('1111');
  await phone.getByRole('button', { name: 'Open' }).click();
  assert.match(await phone.getByRole('alert').textContent(), /That PIN isn’t right\. Try again\./);
  for (let i = 0; i < 2; i++) {
    await pin.fill('1111');
    await phone.getByRole('button', { name: 'Open' }).click();
    await phone.waitForFunction(() => document.querySelector('#unlock-pin')?.value === '');
  }
  await phone.getByText(/Please wait \d+ seconds/).waitFor();
  assert.ok(await phone.getByRole('button', { name: 'Open' }).isDisabled());
  // Reloading does not start the count again: the next wrong try waits longer.
  await phone.reload();
  await phone.getByRole('heading', { name: 'Lantern is locked' }).waitFor();
  await phone.waitForFunction(() => !document.querySelector('button[type=submit]')?.disabled, null, { timeout: 15_000 });
  await pin.fill('1111');
  await phone.getByRole('button', { name: 'Open' }).click();
  await phone.getByText(/Please wait 10 seconds/).waitFor();
  await phone.waitForFunction(() => !document.querySelector('button[type=submit]')?.disabled, null, { timeout: 20_000 });
  await pin.fill('4821');
  await phone.getByRole('button', { name: 'Open' }).click();
  // Unlocked, it is where it was before the reload.
  await phone.getByRole('heading', { name: 'Me and my data', level: 1 }).waitFor();

  // Export: the check-in, the age band, no PIN hash.
  const [download] = await Promise.all([
    phone.waitForEvent('download'),
    phone.getByRole('button', { name: 'Save what’s on this phone' }).click(),
  ]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.check_ins.length, 1);
  assert.equal(exported.check_ins[0].checkIn.note, 'pizza for tea');
  assert.equal(exported.kv.age_band, '13-15');
  const text = JSON.stringify(exported);
  assert.ok(!('pin' in exported.kv) && !text.includes(kvPin.hash) && !text.includes(kvPin.salt), 'no PIN hash');
  assert.ok(!/access_token|refresh_token/.test(text), 'no tokens');

  // Delete everything: a confirm step, then first run again with nothing.
  await phone.getByRole('button', { name: 'Delete everything on this phone' }).click();
  await phone.getByRole('button', { name: 'Yes, delete it all' }).click();
  await phone.getByRole('heading', { name: 'Welcome to Lantern' }).waitFor();
  await phone.getByRole('button', { name: 'Skip', exact: true }).click();
  await phone.getByRole('button', { name: 'Skip this' }).click();
  await phone.getByText('Nothing yet. Your check-ins will show here.').waitFor();
});

test('connected: sharing previews, who looked, and deleting the account', async () => {
  const serviceId = lantern(['admin', 'create-service', '--name', 'Account Service']);
  lantern(
    ['admin', 'create-worker', '--service', serviceId, '--email', 'ash@example.org', '--name', 'Ash Patel', '--password-stdin'],
    'a long enough password\n',
  );
  const worker = await browser({ viewport: { width: 1280, height: 800 } });
  await worker.goto(`${base}/#/worker`);
  await worker.getByLabel('Email').fill('ash@example.org');
  await worker.getByLabel('Password').fill('a long enough password');
  await worker.getByRole('button', { name: 'Sign in' }).click();
  await worker.getByRole('button', { name: 'Create invite code' }).click();
  const code = (await worker.getByTestId('invite-code').textContent())?.trim();

  const phone = await browser(phoneSize);
  await phone.goto(base);
  await phone.getByRole('button', { name: 'Skip', exact: true }).click();
  await phone.getByRole('button', { name: '16-18' }).click();
  await checkIn(phone, 'football went well');

  // Join: the age band from the welcome is already picked.
  await phone.getByRole('button', { name: 'I have a code from my worker' }).click();
  await phone.getByLabel('Your code').fill(code);
  await phone.getByLabel('What should Lantern call you?').fill('River');
  // Picked once the phone's store has answered.
  await eventually(async () => assert.equal(await phone.getByRole('button', { name: '16-18' }).getAttribute('aria-pressed'), 'true'));
  await phone.getByRole('button', { name: 'Connect' }).click();

  // Sharing: each scope previews exactly what the worker would see.
  await phone.getByRole('heading', { name: 'What you share' }).waitFor();
  // The latest check-in is read from the phone's store after the screen
  // draws: wait for it rather than read the placeholder.
  await phone.getByTestId('preview-mood').filter({ hasText: /Not good/ }).waitFor();
  assert.match(await phone.getByTestId('preview-feelings').textContent(), /Worried \(/i);
  assert.match(await phone.getByTestId('preview-notes').textContent(), /football went well/);
  assert.doesNotMatch(await phone.getByTestId('preview-mood').textContent(), /football/);
  assert.match(await phone.getByTestId('limits').textContent(), /must tell someone who can help keep you safe/);
  await phone.getByLabel('what I added before too').check();
  await phone.getByRole('switch', { name: 'My moods' }).click();
  await phone.waitForFunction(() => document.querySelector('[aria-labelledby="scope-mood"]')?.getAttribute('aria-checked') === 'true');
  await capture(phone, 'young-sharing-preview');
  await phone.getByRole('button', { name: 'Done' }).click();
  await phone.getByText(/^Sent to your worker at \d\d:\d\d\./).waitFor();

  // The worker opens River's page; River sees that they looked.
  await worker.reload();
  await worker.getByRole('button', { name: 'River' }).click();
  await worker.getByTestId('check-ins').locator('tbody tr').first().waitFor();
  // The worker writes down this term at school, which River can read.
  const school = worker.getByTestId('outcome-records');
  await school.getByLabel('Attendance (%)').fill('92.5');
  await school.getByLabel('How many').fill('1');
  await school.getByLabel('Days in all').fill('0.5');
  await school.getByRole('button', { name: 'Save this term' }).click();
  await school.getByText('Saved.', { exact: true }).waitFor();
  await openMyData(phone);
  await phone.getByRole('button', { name: 'Who looked at my things' }).click();
  const events = phone.getByTestId('audit-events');
  await events.waitFor();
  assert.match(await events.textContent(), /Looked at your check-ins\./);
  assert.match(await phone.getByRole('region', { name: 'Who can see what now' }).textContent(), /Ash Patel/);
  // Groups and school records are kept by workers, so they are named here too.
  assert.match(await phone.getByTestId('access-groups').textContent(), /You are not in a group right now\./);
  const schoolRecords = await phone.getByTestId('access-school').textContent();
  assert.match(schoolRecords, /term \d{4}: at school 92\.5% of the time\. Excluded once \(0\.5 days in all\)\./);
  assert.match(schoolRecords, /Your worker has written a school record for 1 term\./);
  await capture(phone, 'young-who-looked');
  await phone.getByRole('button', { name: 'Back', exact: true }).click();

  // Delete the account: the server refuses the old sign-in, the phone is wiped.
  const session = await phone.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('lantern');
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('session');
          get.onsuccess = () => resolve(get.result);
        };
      }),
  );
  await phone.getByRole('button', { name: 'Delete my account' }).click();
  await phone.getByRole('button', { name: 'Yes, delete my account' }).click();
  await phone.getByRole('heading', { name: 'Welcome to Lantern' }).waitFor();
  const refused = await fetch(`${base}/api/v1/me/consents`, { headers: { authorization: `Bearer ${session.access_token}` } });
  assert.equal(refused.status, 401);
});

test('the PIN locks after five minutes untouched, and a forgotten PIN starts the phone again', async () => {
  const phone = await browser(phoneSize);
  // A fake clock the test can move on; until moved, time runs as normal.
  await phone.clock.install();
  await phone.goto(base);
  await phone.getByRole('button', { name: 'Skip', exact: true }).click();
  await phone.getByRole('button', { name: 'Skip this' }).click();
  await checkIn(phone, 'a quiet walk');
  await openMyData(phone);
  await phone.getByLabel('New PIN (4 to 6 numbers)').fill('2468');
  await phone.getByLabel('Type it again').fill('2468');
  await phone.getByRole('button', { name: 'Save PIN' }).click();
  await phone.getByText('PIN saved.').waitFor();

  // Four minutes away: still open. Past five: locked, with nothing showing.
  // fastForward runs every timer that fell due before it returns; one more
  // round trip lets the screen draw whatever they changed.
  await phone.clock.fastForward('04:00');
  await phone.evaluate(() => new Promise((resolve) => queueMicrotask(() => resolve(true))));
  assert.equal(await phone.getByRole('heading', { name: 'Lantern is locked' }).count(), 0, 'still open at four minutes');
  assert.ok(await phone.getByRole('heading', { name: 'Me and my data', level: 1 }).isVisible());
  await phone.clock.fastForward('01:30');
  await phone.getByRole('heading', { name: 'Lantern is locked' }).waitFor();
  assert.equal(await phone.getByRole('heading', { name: 'Me and my data' }).count(), 0);

  // Forgot the PIN: a confirm step, then everything on the phone is gone.
  await phone.getByRole('button', { name: 'I forgot my PIN' }).click();
  await phone.getByRole('button', { name: 'Delete everything and start again' }).click();
  await phone.getByRole('heading', { name: 'Welcome to Lantern' }).waitFor();
  await phone.getByRole('button', { name: 'Skip', exact: true }).click();
  await phone.getByRole('button', { name: 'Skip this' }).click();
  await phone.getByText('Nothing yet. Your check-ins will show here.').waitFor();
  const pin = await phone.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('lantern');
        open.onsuccess = () => {
          const get = open.result.transaction('kv').objectStore('kv').get('pin');
          get.onsuccess = () => resolve(get.result ?? null);
        };
      }),
  );
  assert.equal(pin, null, 'no PIN left on the phone');
});
