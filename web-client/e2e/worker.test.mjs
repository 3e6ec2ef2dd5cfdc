// The worker's dashboard against the real server and the demo seed: a
// service that requires two-step sign-in makes the demo worker enrol (codes
// computed here per RFC 6238), then sign in with a code; the caseload shows
// the open disclosure; a THRIVE change lands in the history; a safety plan is
// "Not shared" until a young person shares one; one message reaches two
// young people; the invite card is what prints.

import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { shots, startLantern } from './harness.mjs';
import { capture } from './screens.mjs';

const WORKER = { email: 'demo.worker@lantern.example', password: 'lantern-demo-worker' };

let base;
let lantern;
let browser;
let stop;

before(async () => {
  // Both tests sign in often within a minute; the limit is not what they test.
  ({ base, lantern, browser, stop } = await startLantern({ LANTERN_RATE_LIMIT_SIGN_IN: '200' }));
  lantern(['demo']);
});

after(async () => {
  await stop?.();
});

/** RFC 6238 (SHA-1, 6 digits, 30-second steps) for a base32 secret. */
function totp(secret, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Each code may be used once, and never an earlier one: always a later step. */
let lastStep = 0;
function nextCode(secret) {
  lastStep = Math.max(Math.floor(Date.now() / 30_000), lastStep + 1);
  return totp(secret, lastStep);
}

async function call(method, path, body, token) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/api/v1${path}`, { method, headers, body: body && JSON.stringify(body) });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A record id in the core's format (a ULID: 48 bits of time, 80 random). */
function recordId() {
  let value = (BigInt(Date.now()) << 80n) | BigInt(`0x${randomBytes(10).toString('hex')}`);
  let text = '';
  for (let i = 0; i < 26; i++) {
    text = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Number(value & 31n)] + text;
    value >>= 5n;
  }
  return text;
}

async function signIn(page) {
  await page.getByLabel('Email').fill(WORKER.email);
  await page.getByLabel('Password').fill(WORKER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('two-step sign-in, caseload, THRIVE, safety plan, group encouragement, invite card', async () => {
  // The demo's service starts requiring two-step sign-in.
  const first = await call('POST', '/auth/login', WORKER);
  lantern(['admin', 'require-totp', '--service', first.user.service_id, '--on', 'true']);

  const page = await browser({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/#/worker`);
  await signIn(page);

  // Enrolment: the key as text in groups of four, a link for the app, a code.
  await page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
  const shownKey = (await page.getByTestId('totp-secret').textContent()).trim();
  assert.match(shownKey, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  const secret = shownKey.replace(/ /g, '');
  const uri = await page.getByRole('link', { name: 'Open in an authenticator app' }).getAttribute('href');
  assert.ok(uri.startsWith('otpauth://totp/') && uri.includes(`secret=${secret}`), uri);
  // Everything else is refused while the session may only enrol.
  const enrolment = await page.evaluate(() => JSON.parse(sessionStorage.getItem('lantern.worker')));
  assert.equal(enrolment.scope, 'totp_enrolment');
  const refused = await fetch(`${base}/api/v1/caseload`, { headers: { authorization: `Bearer ${enrolment.access_token}` } });
  assert.equal(refused.status, 403);
  await capture(page, 'worker-enrolment');
  await page.getByLabel('6-digit code').fill(totp(secret, Math.floor(Date.now() / 30_000) + 10));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await page.getByText('That code is not right').waitFor();
  await page.getByLabel('6-digit code').fill(nextCode(secret));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();

  // A full session: the caseload, most in need first, with Jay's open
  // disclosure as words and an icon.
  await page.getByRole('heading', { name: 'My caseload' }).waitFor();
  const rows = page.getByTestId('caseload-row');
  const jay = rows.filter({ hasText: 'Jay' });
  assert.match(await rows.first().textContent(), /Jay/, 'the open disclosure comes first');
  const badge = jay.getByTestId('badge-disclosure');
  assert.equal((await badge.textContent()).trim(), '⚑ 1 answer to look at');
  assert.match(await jay.textContent(), /Getting Help/, 'THRIVE grouping title');
  const sky = rows.filter({ hasText: 'Sky' });
  // The trend is the core's, in words, as the API gives it.
  const caseload = await call('GET', '/caseload', undefined, first.access_token);
  const skyTrend = caseload.young_people.find((p) => p.display_name === 'Sky').recent_mood.trend;
  const trendWords = { rising: '↗ Going up', steady: '→ Steady', falling: '↘ Going down', not_enough_yet: 'Not enough' };
  assert.ok((await sky.getByTestId('trend').textContent()).startsWith(trendWords[skyTrend]));
  assert.match(await sky.textContent(), /ago|yesterday|today/, 'last check-in relative to now');
  assert.doesNotMatch(await rows.filter({ hasText: 'Robin' }).textContent(), /Going|Steady/, 'Robin shares no mood');
  await page.getByRole('heading', { name: 'My caseload' }).scrollIntoViewIfNeeded();
  await capture(page, 'worker-caseload');
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('heading', { name: 'My caseload' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'worker-caseload-tablet.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Security settings: the service requires it, so it cannot be turned off.
  await page.getByText('Security', { exact: true }).click();
  await page.getByLabel('Code or password').fill(WORKER.password);
  await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
  await page.getByText('Your service requires two-step sign-in, so it stays on.').waitFor();

  // Sign out; signing in now asks for a code. A wrong one says so.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page);
  await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
  await page.getByLabel('6-digit code').fill(totp(secret, lastStep - 20));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor();
  await capture(page, 'worker-sign-in-code');
  await page.getByLabel('6-digit code').fill(nextCode(secret));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'My caseload' }).waitFor();

  // Sky's page, opened from the keyboard: THRIVE with its reason and history;
  // her safety plan is not shared.
  await page.getByRole('button', { name: 'Sky', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Sky', level: 1 }).waitFor();
  const current = page.getByTestId('thrive-current');
  await current.getByText('Getting Advice and Signposting').waitFor();
  assert.match(await current.textContent(), /worries are easier now/);
  const plan = page.getByTestId('safety-plan');
  await plan.getByText('Not shared').waitFor();
  assert.equal((await plan.textContent()).trim(), 'Safety planNot shared', '"Not shared" and nothing more');

  await page.getByText('Change the grouping').click();
  await page.getByLabel('Grouping', { exact: true }).selectOption({ label: 'Getting Help' });
  await page.getByLabel('Reason', { exact: true }).fill('Agreed with Sky: a few sessions before the exams.');
  await page.getByLabel('I agreed this with the young person').check();
  await page.getByRole('button', { name: 'Save grouping' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.match(await current.textContent(), /Getting Help.*a few sessions before the exams/s);
  await page.getByText('Earlier groupings').click();
  const history = await page.getByTestId('thrive-history').textContent();
  assert.match(history, /Getting Advice and Signposting.*worries are easier now/s);
  assert.match(history, /six sessions on worries about school/);

  // A new-phone code for Sky: her new phone signs in with it.
  await page.getByRole('button', { name: 'Make a new-phone code' }).click();
  const relinkCode = (await page.getByTestId('relink-code').textContent()).trim();
  const skySession = await call('POST', '/relink', { code: relinkCode });
  await capture(page, 'worker-young-person-thrive');

  // An invite, and its card is what prints.
  await page.getByRole('button', { name: '← Caseload' }).click();
  await page.getByRole('button', { name: 'Create invite code' }).click();
  const inviteCode = (await page.getByTestId('invite-code').textContent()).trim();
  assert.match(inviteCode, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await page.emulateMedia({ media: 'print' });
  await page.getByTestId('print-code').waitFor();
  assert.equal((await page.getByTestId('print-code').textContent()).trim(), inviteCode);
  assert.equal(await page.getByTestId('invite-code').isVisible(), false, 'only the card prints');
  assert.equal(await page.getByRole('heading', { name: 'My caseload' }).isVisible(), false, 'no caseload on paper');
  const card = await page.getByTestId('print-card').textContent();
  assert.match(card, /What your worker will see/);
  assert.match(card, /What your worker won’t see/);
  assert.ok(card.includes(new URL(base).origin), 'the card says where to open Lantern');
  await capture(page, 'worker-print-card');
  await page.emulateMedia({ media: 'screen' });

  // A young person joins with it and shares a safety plan.
  const kit = await call('POST', '/join', { code: inviteCode, display_name: 'Kit', age_band: '13-15' });
  await call(
    'PUT',
    '/me/consents/safety_plan',
    { granted: true, include_past: true, wording_version: 1 },
    kit.access_token,
  );
  const shared = await call(
    'POST',
    '/sync',
    {
      version: 1,
      records: [
        {
          op: 'upsert_safety_plan',
          safety_plan: {
            id: recordId(),
            warning_signs: ['I stop answering my friends'],
            things_i_can_do: ['Music in my headphones'],
            people_and_places: ['The park with my dog'],
            people_i_can_ask: [{ name: 'Aunt Jo', phone: '07700 900123' }],
            professionals: [],
            making_my_space_safer: [],
            reasons_to_keep_going: ['My little sister'],
          },
        },
      ],
    },
    kit.access_token,
  );
  assert.deepEqual(shared.refused ?? [], []);

  await page.reload();
  await page.getByRole('button', { name: 'Kit', exact: true }).click();
  const kitPlan = page.getByTestId('safety-plan');
  await kitPlan.getByText('My little sister').waitFor();
  const kitPlanText = await kitPlan.textContent();
  for (const expected of ['When things start to get hard', 'I stop answering my friends', 'Aunt Jo: 07700 900123']) {
    assert.ok(kitPlanText.includes(expected), `the plan shows ${expected}`);
  }
  await kitPlan.scrollIntoViewIfNeeded();
  await capture(page, 'worker-safety-plan');

  // One message to Sky and Kit at once.
  await page.getByRole('button', { name: '← Caseload' }).click();
  const group = page.getByRole('region', { name: 'Encouragement to several young people' });
  await group.getByLabel('Sky').check();
  await group.getByLabel('Kit').check();
  await group.getByLabel('In my own words').check();
  await group.getByLabel('Your message').fill('Thinking of you both this week.');
  await group.scrollIntoViewIfNeeded();
  await capture(page, 'worker-group-encouragement');
  await group.getByRole('button', { name: 'Send message' }).click();
  await group.getByRole('status').filter({ hasText: 'Sent to 2 young people.' }).waitFor();
  for (const session of [skySession, kit]) {
    const inbox = await call('GET', '/me/encouragements', undefined, session.access_token);
    assert.ok(
      inbox.messages.some((m) => m.text === 'Thinking of you both this week.'),
      JSON.stringify(inbox.messages),
    );
  }
});

test('a worker turns two-step sign-in on and off in Security; a used-up challenge means signing in again', async () => {
  const serviceId = lantern(['admin', 'create-service', '--name', 'Two-step Service']);
  const kim = { email: 'kim@example.org', password: 'a long enough password' };
  lantern(
    ['admin', 'create-worker', '--service', serviceId, '--email', kim.email, '--name', 'Kim Lee', '--password-stdin'],
    `${kim.password}\n`,
  );
  const page = await browser({ viewport: { width: 1280, height: 800 } });
  const signInAs = async () => {
    await page.getByLabel('Email').fill(kim.email);
    await page.getByLabel('Password').fill(kim.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  await page.goto(`${base}/#/worker`);
  await signInAs();
  await page.getByRole('heading', { name: 'My caseload' }).waitFor();

  // Turn it on from Security, which says it is off.
  await page.getByText('Security', { exact: true }).click();
  await page.getByText('Two-step sign-in is off.').waitFor();
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent()).replace(/ /g, '');
  let step = Math.floor(Date.now() / 30_000);
  await page.getByLabel('6-digit code').fill(totp(secret, step));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await page.getByText('Two-step sign-in is on.').waitFor();

  // Five wrong codes use the challenge up: the sixth try starts again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs();
  await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
  for (let i = 0; i < 6 && (await page.getByLabel('6-digit code').count()) > 0; i++) {
    await page.getByLabel('6-digit code').fill(totp(secret, step - 40 - i));
    const answered = page.waitForResponse((r) => r.url().endsWith('/auth/login/totp'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await answered;
    await page.getByRole('alert').waitFor();
  }
  await page.getByRole('alert').filter({ hasText: 'This sign-in has ended' }).waitFor();
  await page.getByLabel('Password').waitFor();

  // A fresh sign-in with a good code, then off again with the password (a
  // code would have to wait for the next 30 seconds: codes only move forward).
  await signInAs();
  step = Math.max(step + 1, Math.floor(Date.now() / 30_000));
  await page.getByLabel('6-digit code').fill(totp(secret, step));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'My caseload' }).waitFor();
  await page.getByText('Security', { exact: true }).click();
  // After signing in again the screen knows it is on, without asking to set it up.
  await page.getByText('Two-step sign-in is on.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Set up two-step sign-in' }).count(), 0);
  await page.getByLabel('Code or password').fill(kim.password);
  await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
  await page.getByRole('status').filter({ hasText: 'Two-step sign-in is off.' }).waitFor();

  // Now a password alone signs in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs();
  await page.getByRole('heading', { name: 'My caseload' }).waitFor();
});
