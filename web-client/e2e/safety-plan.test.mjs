// The safety plan and sending that survives a lost connection, in a real
// browser against the real server. A young person makes their plan with no
// network, finds it again offline and in "Get help now"; once connected and
// sharing it, their worker reads it, and the moment they stop sharing the
// worker sees "Not shared". A check-in made while the server cannot be
// reached waits, says so, and reaches the server exactly once.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { eventually, startLantern, skipWelcome } from './harness.mjs';
import { capture } from './screens.mjs';

const PASSWORD = 'a long enough password';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let base;
let lantern;
let browser;
let stop;
let serviceId;

before(async () => {
  ({ base, lantern, browser, stop } = await startLantern());
  serviceId = lantern(['admin', 'create-service', '--name', 'Safety Plan Service']);
});

after(async () => {
  await stop?.();
});

/** A worker of the service, signed in on a desktop, with an invite code. */
async function workerWithInvite(email, name) {
  lantern(['admin', 'create-worker', '--service', serviceId, '--email', email, '--name', name, '--password-stdin'], `${PASSWORD}\n`);
  const worker = await browser({ viewport: { width: 1280, height: 800 } });
  await worker.goto(`${base}/#/worker`);
  await worker.getByLabel('Email').fill(email);
  await worker.getByLabel('Password').fill(PASSWORD);
  await worker.getByRole('button', { name: 'Sign in' }).click();
  await worker.getByRole('button', { name: 'Create invite code' }).click();
  const code = (await worker.getByTestId('invite-code').textContent())?.trim();
  return { worker, code };
}

/** The API as the worker, from here: what the server really holds. */
async function workerApi(email) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(login.status, 200);
  const { access_token: token } = await login.json();
  return (path) => fetch(`${base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
}

/** A value from the app's key-value store in IndexedDB, as the app keeps it. */
function kvGet(page, key) {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('lantern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('kv').objectStore('kv').get(key);
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result ?? null);
          };
        };
      }),
    key,
  );
}

async function youngPersonId(get, name) {
  const { young_people: people } = await (await get('/caseload')).json();
  return people.find((p) => p.display_name === name).id;
}

async function joinWithCode(phone, code, name) {
  await phone.getByRole('button', { name: 'I have a code from my worker' }).click();
  await phone.getByLabel('Your code').fill(code);
  await phone.getByLabel('What should Lantern call you?').fill(name);
  await phone.getByRole('button', { name: '13-15' }).click();
  await sharingScreen(phone, () => phone.getByRole('button', { name: 'Connect' }).click());
}

/** Turns a scope on or off on the sharing screen and waits for the server's answer. */
async function setSharing(phone, title, on) {
  const toggle = phone.getByRole('switch', { name: title });
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  await phone.getByRole('switch', { name: title, checked: on }).waitFor();
}

/** Runs `open` (which shows the sharing screen) and waits until every switch
 * shows the screen's own read of consent: until then a switch may show only
 * what the phone last heard, or nothing yet. */
async function sharingScreen(phone, open) {
  const read = phone.waitForResponse((r) => r.url().endsWith('/api/v1/me/consents') && r.request().method() === 'GET');
  await open();
  const { consents } = await (await read).json();
  await phone.getByRole('heading', { name: 'What you share' }).waitFor();
  await phone.waitForFunction(
    (consents) =>
      [...document.querySelectorAll('[role="switch"][aria-labelledby^="scope-"]')].every((toggle) => {
        const granted = consents.find((c) => `scope-${c.scope}` === toggle.getAttribute('aria-labelledby'))?.granted ?? false;
        return toggle.getAttribute('aria-checked') === String(granted);
      }),
    consents,
  );
}

/** Opens the app once online so the service worker has it, then cuts the network. */
async function installedThenOffline(phone) {
  await phone.goto(base);
  await skipWelcome(phone);
  await phone.getByRole('button', { name: 'Check in' }).waitFor();
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await phone.context().setOffline(true);
  await phone.reload();
  await phone.getByRole('heading', { name: 'Hi! How are things?' }).waitFor();
}

test('a safety plan made offline stays, shows in Get help now, and the worker sees it only while shared', async () => {
  const { worker, code } = await workerWithInvite('ash@example.org', 'Ash Green');
  const phone = await browser(PHONE);
  await installedThenOffline(phone);

  // Offline: make the plan. One number is wrong; the core says which, and
  // nothing typed is lost.
  await phone.getByRole('button', { name: 'My safety plan' }).click();
  await phone.getByRole('heading', { name: 'My safety plan', level: 1 }).waitFor();
  const sectionKeys = await phone.locator('[data-testid^="plan-section-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  assert.deepEqual(sectionKeys, [
    'plan-section-warning_signs',
    'plan-section-things_i_can_do',
    'plan-section-people_and_places',
    'plan-section-people_i_can_ask',
    'plan-section-professionals',
    'plan-section-making_my_space_safer',
    'plan-section-reasons_to_keep_going',
  ]);
  await phone.getByRole('button', { name: 'Add a line to When things start to get hard' }).click();
  // The new line takes focus, so typing goes straight in.
  const firstSign = phone.getByLabel('When things start to get hard, line 1');
  await firstSign.waitFor();
  await phone.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
  assert.equal(await firstSign.evaluate((el) => el === document.activeElement), true);
  await phone.keyboard.type('I stop answering my friends');
  await phone.getByRole('button', { name: 'Add a line to Things I can do on my own' }).click();
  await phone.getByLabel('Things I can do on my own, line 1').fill('Listen to my playlist');
  await phone.getByRole('button', { name: 'Add a person to People I can ask for help' }).click();
  const people = phone.getByTestId('plan-section-people_i_can_ask');
  await people.getByLabel('Name').fill('Auntie Jo');
  await people.getByLabel('Phone number (optional)').fill('call me maybe');
  // A line added and removed again: gone, and focus goes back to Add.
  const addPlace = phone.getByRole('button', { name: 'Add a line to People and places that help me switch off' });
  await addPlace.click();
  await phone.getByRole('button', { name: 'Remove People and places that help me switch off, line 1' }).click();
  await eventually(async () => assert.equal(await phone.getByLabel('People and places that help me switch off, line 1').count(), 0));
  assert.equal(await focused(phone, addPlace), true);
  await phone.getByRole('button', { name: 'Add a line to My reasons to keep going' }).click();
  await phone.getByLabel('My reasons to keep going, line 1').fill('My dog, Biscuit');
  await phone.getByRole('button', { name: 'Save my plan' }).click();
  await phone.getByRole('alert').filter({ hasText: 'Nothing you typed is lost' }).waitFor();
  const phoneField = people.getByLabel('Phone number (optional)');
  assert.match(await people.textContent(), /Use numbers, spaces and \+ only/);
  assert.equal(await phoneField.getAttribute('aria-invalid'), 'true');
  assert.equal(await focused(phone, phoneField), true, 'focus goes to what needs a change');
  assert.equal(await phoneField.inputValue(), 'call me maybe');
  assert.equal(await phone.getByLabel('When things start to get hard, line 1').inputValue(), 'I stop answering my friends');
  await phoneField.fill('07700 900123');
  await phone.getByRole('button', { name: 'Save my plan' }).click();
  await phone.getByTestId('plan-status').filter({ hasText: 'Saved on this phone.' }).waitFor();
  assert.equal(await phone.getByRole('alert').count(), 0);
  await capture(phone, 'young-safety-plan');

  // Typing that is not saved yet survives a reload too.
  await phone.getByRole('button', { name: 'Add a line to Making where I am safer' }).click();
  await phone.getByLabel('Making where I am safer, line 1').fill('Keep my door open');
  // Kept as it is typed: wait for the write, then start again.
  await eventually(async () => assert.match(JSON.stringify(await kvGet(phone, 'safety_plan_draft')), /Keep my door open/));
  await phone.reload();
  // A reload stays on the plan: the address names the screen.
  await phone.getByRole('heading', { name: 'My safety plan', level: 1 }).waitFor();
  assert.equal(await phone.getByLabel('Making where I am safer, line 1').inputValue(), 'Keep my door open');
  assert.equal(await phone.getByTestId('plan-status').textContent(), 'You have changes that aren’t saved yet.');
  assert.equal(await phone.getByLabel('Things I can do on my own, line 1').inputValue(), 'Listen to my playlist');
  await phone.getByRole('button', { name: 'Save my plan' }).click();
  await phone.getByTestId('plan-status').filter({ hasText: 'Saved on this phone.' }).waitFor();
  await phone.getByRole('button', { name: 'Back to home' }).click();

  // Still offline, after a reload: Get help now has the crisis numbers and
  // then the plan, with Auntie Jo one tap away.
  await phone.reload();
  await phone.getByRole('button', { name: 'Get help now' }).click();
  const help = phone.getByRole('dialog', { name: 'Help right now' });
  await help.waitFor();
  // The plan is read from the phone after the dialog opens: wait for it.
  const summary = help.getByTestId('plan-summary');
  await summary.waitFor();
  const hrefs = await help.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.indexOf('tel:08001111') >= 0 && hrefs.indexOf('tel:08001111') < hrefs.indexOf('tel:07700900123'), 'crisis contacts come first');
  for (const line of ['I stop answering my friends', 'Listen to my playlist', 'Keep my door open', 'My dog, Biscuit']) {
    assert.match(await summary.textContent(), new RegExp(line));
  }
  assert.equal(await summary.getByRole('link', { name: 'Call Auntie Jo' }).getAttribute('href'), 'tel:07700900123');
  assert.equal(await summary.getByRole('link', { name: 'Text Auntie Jo' }).getAttribute('href'), 'sms:07700900123');
  await summary.scrollIntoViewIfNeeded();
  await capture(phone, 'young-get-help-plan');
  // Its link opens the editor and closes the dialog.
  await summary.getByRole('link', { name: 'Change my plan' }).click();
  await help.waitFor({ state: 'hidden' });
  await phone.getByRole('heading', { name: 'My safety plan', level: 1 }).waitFor();
  await phone.getByRole('button', { name: 'Back to home' }).click();

  // Online: connect. Until the plan is shared the worker cannot read it.
  await phone.context().setOffline(false);
  await joinWithCode(phone, code, 'Robin');
  await phone.getByRole('button', { name: 'Done' }).click();
  const get = await workerApi('ash@example.org');
  const robin = await youngPersonId(get, 'Robin');
  const refused = await get(`/young-people/${robin}/safety-plan`);
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).code, 'consent_required');

  // Shared: it goes with the next sync and the worker reads it.
  await sharingScreen(phone, () => phone.getByRole('button', { name: 'What I share' }).click());
  await setSharing(phone, 'My safety plan', true);
  await phone.getByRole('button', { name: 'Done' }).click();
  await phone.getByText(/^Sent to your worker at \d\d:\d\d\./).waitFor();
  await worker.reload();
  await worker.getByRole('button', { name: 'Robin' }).click();
  const view = worker.getByTestId('safety-plan');
  await view.getByText('I stop answering my friends').waitFor();
  assert.match(await view.textContent(), /Auntie Jo: 07700 900123/);
  assert.match(await view.textContent(), /My dog, Biscuit/);
  await capture(worker, 'worker-safety-plan-shared');

  // Revoked: the worker's page says "Not shared" and nothing more, at once.
  // No sync is involved: the server refuses the read.
  await sharingScreen(phone, () => phone.getByRole('button', { name: 'What I share' }).click());
  await setSharing(phone, 'My safety plan', false);
  await worker.getByRole('button', { name: '← Caseload' }).click();
  await worker.getByRole('button', { name: 'Robin' }).click();
  await view.getByTestId('safety-plan-not-shared').waitFor();
  assert.equal((await view.textContent()).trim(), 'Safety planNot shared');
  assert.equal((await get(`/young-people/${robin}/safety-plan`)).status, 403);

  // Shared again, then deleted on the phone: the server's copy goes too.
  await setSharing(phone, 'My safety plan', true);
  await phone.getByRole('button', { name: 'Done' }).click();
  await phone.getByRole('button', { name: 'My safety plan' }).click();
  await phone.getByRole('button', { name: 'Delete my plan' }).click();
  await phone.getByRole('button', { name: 'Yes, delete it' }).click();
  await phone.getByTestId('plan-status').filter({ hasText: 'Your safety plan is deleted.' }).waitFor();
  await eventually(async () => assert.equal((await (await get(`/young-people/${robin}/safety-plan`)).json()).safety_plan, null));
});

test('a check-in made while the server cannot be reached waits, then reaches it exactly once', async () => {
  const { code } = await workerWithInvite('rae@example.org', 'Rae Moss');
  const get = await workerApi('rae@example.org');
  const phone = await browser(PHONE);
  await phone.goto(base);
  await skipWelcome(phone);
  await joinWithCode(phone, code, 'River');
  // Including the past: a check-in in the same second as the grant still counts.
  await phone.getByLabel('what I added before too').check();
  await setSharing(phone, 'My moods', true);
  await phone.getByRole('button', { name: 'Done' }).click();
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const river = await youngPersonId(get, 'River');
  const held = async () => (await (await get(`/young-people/${river}/check-ins`)).json()).check_ins.length;
  const alerts = async () =>
    (await (await get('/alerts?status=all')).json()).alerts.filter((a) => a.young_person_id === river).length;

  // Check-in times are kept to the second, and answers from before joining
  // stay on the phone: let joining be at least a second ago.
  await phone.waitForTimeout(1100);

  // No connection: a check-in with a "yes" to the self-harm question. Help
  // comes first, with the numbers, and it all works offline.
  await phone.context().setOffline(true);
  await phone.getByRole('button', { name: 'Check in' }).click();
  await phone.getByRole('button', { name: 'Not good' }).click();
  await phone.getByRole('button', { name: 'Sad' }).click();
  await phone.getByText('More, if you want (optional)').click();
  await phone.getByRole('button', { name: 'Yes', exact: true }).click();
  await phone.getByRole('button', { name: 'Save check-in' }).click();
  await phone.getByRole('heading', { name: 'Thank you for telling us' }).waitFor();
  const card = phone.locator('section[aria-labelledby="help-first-title"]');
  const hrefs = await card.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  for (const href of ['tel:08001111', 'sms:85258?body=SHOUT', 'tel:116123', 'tel:999']) {
    assert.ok(hrefs.includes(href), `the help card offers ${href}`);
  }
  await card.getByTestId('plan-summary').getByRole('link', { name: 'Make my safety plan' }).waitFor();
  await capture(phone, 'young-help-first-offline');
  await phone.getByRole('button', { name: 'Back to home' }).click();

  // Honest: it is waiting, not sent, and the server has nothing.
  const status = phone.getByTestId('sync-status');
  await status.filter({ hasText: 'Waiting to send. It will go when you’re online again.' }).waitFor();
  assert.doesNotMatch(await phone.locator('.check-ins li').first().textContent(), /sent/);
  assert.equal(await held(), 0);
  assert.equal(await alerts(), 0);

  // Back online: it goes by itself, once.
  await phone.context().setOffline(false);
  await status.filter({ hasText: /^Sent to your worker at \d\d:\d\d\./ }).waitFor();
  await phone.locator('.check-ins li').first().filter({ hasText: /sent at \d\d:\d\d/ }).waitFor();
  assert.equal(await held(), 1);
  assert.equal(await alerts(), 1);

  // Sending again, and starting again, sends nothing twice.
  await phone.getByRole('button', { name: 'Send now' }).click();
  await status.filter({ hasText: 'Nothing new to send.' }).waitFor();
  await phone.reload();
  await status.filter({ hasText: 'Nothing new to send.' }).waitFor();
  assert.equal(await held(), 1);
  assert.equal(await alerts(), 1);
});

/** Whether `locator` has the focus, once the app has had a moment to move
 * it there (focus follows a render). */
async function focused(page, locator) {
  const element = await locator.elementHandle();
  await page.waitForFunction((el) => el === document.activeElement, element, { timeout: 5_000 }).catch(() => undefined);
  return element.evaluate((el) => el === document.activeElement);
}
