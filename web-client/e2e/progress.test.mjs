// Progress in a real browser, against the real server with the demo data.
// A young person on a phone shares moods, goals and the wheel; has check-ins
// in three different weeks (one made through the app, two older ones put in
// the phone's own IndexedDB); sees a drawn mood chart and the same weeks in
// a table, switching between 4 weeks and 3 months; sets goals (the core
// stops a fourth), rates one, removes one, fills in the wheel twice; and
// their worker sees each goal as it is set, no longer sees the removed one,
// and sees the rating and the wheel, with feelings "Not shared". Offline,
// the charts still draw (the service worker keeps uPlot). The demo
// worker sees Sky's mood chart, and "Not shared" for the goals Sky keeps.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { eventually, startLantern, skipWelcome } from './harness.mjs';
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

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A record id as the core makes them: a ULID for `ms`. */
function recordId(ms) {
  let time = '';
  for (let rest = ms, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = CROCKFORD[rest % 32] + time;
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD[Math.floor(Math.random() * 32)];
  return time + random;
}

/** Noon `daysAgo` days ago, as the phone would record it (UTC here). */
function noon(daysAgo) {
  const date = new Date();
  date.setUTCHours(12, 0, 0, 0);
  date.setUTCDate(date.getUTCDate() - daysAgo);
  return date;
}

/** The Monday of that date's week, as the table writes it ("16 Nov"). */
function weekLabel(date) {
  const monday = new Date(date);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(monday);
}

/** Whether a chart's canvas has anything drawn on it. */
async function drawn(locator) {
  const canvas = locator.locator('canvas');
  await canvas.waitFor();
  return canvas.evaluate((c) => {
    const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
    return inked;
  });
}

/** Waits until the worker's page for Juniper does (or no longer does) show a goal. */
async function workerSees(worker, goal, shown) {
  for (let attempt = 0; attempt < 20; attempt++) {
    await worker.reload();
    await worker.getByRole('button', { name: 'Juniper' }).click();
    const goals = worker.getByRole('region', { name: 'Goals' });
    await goals.waitFor();
    if ((await goals.getByText(goal).count()) > 0 === shown) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`the worker ${shown ? 'never saw' : 'still sees'} "${goal}"`);
}

async function signInDemoWorker(page) {
  await page.goto(`${base}/#/worker`);
  await page.getByLabel('Email').fill('demo.worker@lantern.example');
  await page.getByLabel('Password').fill('lantern-demo-worker');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My caseload' }).waitFor();
}

test('my progress: mood chart and table, goals, the wheel — and the worker sees what is shared', async () => {
  const worker = await browser({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  await signInDemoWorker(worker);
  await worker.getByRole('button', { name: 'Create invite code' }).click();
  const code = (await worker.getByTestId('invite-code').textContent()).trim();

  const phone = await browser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-GB' });
  await phone.goto(base);
  await skipWelcome(phone);
  await phone.getByRole('button', { name: 'I have a code from my worker' }).click();
  await phone.getByLabel('Your code').fill(code);
  await phone.getByLabel('What should Lantern call you?').fill('Juniper');
  await phone.getByRole('button', { name: '13-15' }).click();
  await phone.getByRole('button', { name: 'Connect' }).click();
  await phone.getByRole('heading', { name: 'What you share' }).waitFor();
  await phone.getByLabel('what I added before too').check();
  for (const [scope, name] of [
    ['mood', 'My moods'],
    ['goals', 'My goals'],
    ['wheel', 'My wheel'],
  ]) {
    await phone.getByRole('switch', { name }).click();
    await phone.waitForFunction(
      (s) => document.querySelector(`[aria-labelledby="scope-${s}"]`)?.getAttribute('aria-checked') === 'true',
      scope,
    );
  }
  await phone.getByRole('button', { name: 'Done' }).click();

  // Nothing yet: kind words, not an empty chart.
  await phone.getByRole('button', { name: 'My progress' }).click();
  await phone.getByRole('heading', { name: 'My progress', level: 1 }).waitFor();
  await phone.getByText('No check-ins in this time yet.').waitFor();
  assert.equal(await phone.locator('canvas').count(), 0);
  await phone.getByText('You haven’t filled in your wheel yet.').waitFor();
  await phone.getByRole('button', { name: 'Back to home' }).click();

  // One check-in through the app, this week…
  await phone.getByRole('button', { name: 'Check in' }).click();
  await phone.getByRole('button', { name: 'Good', exact: true }).click();
  await phone.getByRole('button', { name: 'Worried' }).click();
  await phone.getByRole('button', { name: 'Save check-in' }).click();
  await phone.getByRole('heading', { name: 'Ideas for right now' }).waitFor();

  // …and two older ones, put where the app keeps them: 1 and 5 weeks back.
  const older = [
    { when: noon(7), mood: 2 },
    { when: noon(35), mood: 3 },
  ];
  await phone.evaluate(async (rows) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('lantern');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise((resolve, reject) => {
      const transaction = db.transaction('check_ins', 'readwrite');
      for (const row of rows) {
        transaction.objectStore('check_ins').put({
          id: row.id,
          checkIn: { id: row.id, recorded_at: row.at, mood: row.mood, feelings: [{ feeling: 'worried', intensity: 2 }] },
        });
      }
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
    });
    db.close();
  }, older.map((o) => ({ id: recordId(o.when.getTime()), at: o.when.toISOString().slice(0, 19) + '+00:00', mood: o.mood })));

  await phone.goto(`${base}/#/progress`);
  await phone.reload();
  const mood = phone.getByRole('region', { name: 'Mood over the weeks' });
  await mood.waitFor();
  assert.ok((await drawn(mood.getByTestId('mood-chart'))) > 500, 'the mood chart is drawn');
  const weekRows = mood.getByTestId('mood-table').locator('tbody tr');
  const rowTexts = async () => (await weekRows.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());

  // 4 weeks: this week and last week, oldest first, each with its check-in.
  let rows = await rowTexts();
  assert.equal(rows.length, 2, rows.join(' | '));
  assert.ok(rows[0].startsWith(`${weekLabel(older[0].when)}1`) && /Not good \(2 out of 5\)/.test(rows[0]), rows[0]);
  assert.ok(rows[1].startsWith(`${weekLabel(new Date())}1`) && /Good \(4 out of 5\)/.test(rows[1]), rows[1]);
  await capture(phone, 'young-progress');

  // 3 months: the week five weeks back joins them.
  const picture = () => mood.getByTestId('mood-chart').locator('canvas').evaluate((c) => c.toDataURL());
  const fourWeeks = await picture();
  await mood.getByRole('button', { name: '3 months' }).click();
  await phone.waitForFunction(() => document.querySelectorAll('[data-testid="mood-table"] tbody tr').length === 3);
  rows = await rowTexts();
  assert.ok(rows[0].startsWith(weekLabel(older[1].when)) && /Okay \(3 out of 5\)/.test(rows[0]), rows[0]);
  // Drawn again for 3 months: a new picture, not the 4 weeks' still showing.
  await eventually(async () => assert.notEqual(await picture(), fourWeeks, 'the chart is drawn again for 3 months'));
  assert.ok((await drawn(mood.getByTestId('mood-chart'))) > 500, 'with ink on it');
  assert.match(await phone.getByTestId('feelings').textContent(), /Worried — 3 times/);

  // Goals: three at most — the core says so — then a rating.
  await phone.getByRole('button', { name: 'My goals' }).click();
  await phone.getByRole('heading', { name: 'My goals', level: 1 }).waitFor();
  for (const goal of ['Speak up once in class', 'Walk the dog after school', 'Sleep before eleven']) {
    await phone.getByLabel('A goal, in my own words').fill(goal);
    await phone.getByRole('button', { name: 'Add goal' }).click();
    await phone.getByRole('heading', { name: goal }).waitFor();
  }
  await phone.getByLabel('A goal, in my own words').fill('A fourth one');
  await phone.getByRole('button', { name: 'Add goal' }).click();
  await phone.getByText('You can work on up to three goals at a time.').waitFor();
  assert.equal(await phone.getByTestId('goal').count(), 3);

  // Goals are shared, so each went to the worker as it was set.
  await workerSees(worker, 'Sleep before eleven', true);

  const speakUp = phone.getByRole('region', { name: 'Speak up once in class' });
  await speakUp.getByRole('button', { name: '6', exact: true }).click();
  await speakUp.getByRole('button', { name: 'Save', exact: true }).click();
  await speakUp.getByText('Latest: 6 out of 10').waitFor();

  // One is let go: removed from the phone, and space for a new one.
  const sleep = phone.getByRole('region', { name: 'Sleep before eleven' });
  await sleep.getByRole('button', { name: 'Remove' }).click();
  await sleep.getByRole('button', { name: 'Yes, remove it' }).click();
  await sleep.waitFor({ state: 'detached' });
  assert.equal(await phone.getByTestId('goal').count(), 2);
  assert.equal(await phone.getByText('You can work on up to three goals at a time.').count(), 0);
  await phone.getByLabel('A goal, in my own words').fill('');
  await capture(phone, 'young-goals');
  await phone.getByRole('button', { name: 'Back to my progress' }).click();

  const goals = phone.getByRole('region', { name: 'My goals' });
  assert.match(await goals.textContent(), /Speak up once in class.*Latest: 6 out of 10/);
  assert.match(await goals.textContent(), /Walk the dog after school.*Not rated yet/);
  assert.doesNotMatch(await goals.textContent(), /Sleep before eleven/);

  // The wheel: every part needs an answer (the core checks), then it shows.
  await phone.getByRole('button', { name: 'Fill in my wheel' }).click();
  await phone.getByRole('heading', { name: 'My wheel', level: 1 }).waitFor();
  await phone.getByRole('button', { name: 'Save my wheel' }).click();
  await phone.getByText('Please answer: I like who I am.').waitFor();
  const parts = phone.locator('fieldset');
  assert.equal(await parts.count(), 7);
  for (let i = 0; i < 7; i++) await parts.nth(i).getByRole('button', { name: String(i + 3), exact: true }).click();
  await capture(phone, 'young-wheel');
  await phone.getByRole('button', { name: 'Save my wheel' }).click();
  const wheel = phone.getByRole('region', { name: 'My wheel' });
  await wheel.getByTestId('wheel-table').waitFor();
  const wheelRows = (await wheel.getByTestId('wheel-table').locator('tbody tr').allTextContents()).map((t) => t.trim());
  assert.deepEqual(wheelRows, [
    'Liking myself3',
    'Understanding others4',
    'Getting on with people5',
    'Belonging6',
    'Trust7',
    'Responsibility8',
    'Making choices9',
  ]);
  assert.ok((await drawn(wheel.getByTestId('wheel-chart'))) > 500, 'the wheel chart is drawn');

  // A second time: each part from the first time to the latest.
  await wheel.getByRole('button', { name: 'Fill in my wheel again' }).click();
  for (let i = 0; i < 7; i++) await parts.nth(i).getByRole('button', { name: String(i + 4), exact: true }).click();
  await phone.getByRole('button', { name: 'Save my wheel' }).click();
  await wheel.getByTestId('wheel-table').getByRole('columnheader', { name: 'First time' }).waitFor();
  const changed = (await wheel.getByTestId('wheel-table').locator('tbody tr').allTextContents()).map((t) => t.trim());
  assert.equal(changed[0], 'Liking myself34');
  assert.equal(changed[6], 'Making choices910');
  assert.ok((await drawn(wheel.getByTestId('wheel-chart'))) > 500, 'the wheel chart is drawn with both');
  await capture(phone, 'young-progress-full');

  // With no network the charts still draw: the service worker keeps uPlot too.
  await phone.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await phone.context().setOffline(true);
  await phone.reload();
  await phone.getByRole('heading', { name: 'My progress', level: 1 }).waitFor();
  assert.ok((await drawn(phone.getByTestId('mood-chart'))) > 500, 'the mood chart is drawn offline');
  await phone.context().setOffline(false);

  // Everything shared has reached the worker; feelings were never shared.
  await phone.getByRole('button', { name: 'Back to home' }).click();
  await phone.getByRole('button', { name: 'Send now' }).click();
  await phone.getByText(/Sent to your worker|Nothing new to send/).waitFor();

  await worker.reload();
  await worker.getByRole('button', { name: 'Juniper' }).click();
  const seen = worker.getByTestId('shared-progress');
  await seen.waitFor();
  const workerGoals = worker.getByRole('region', { name: 'Goals' });
  await workerGoals.getByText('Speak up once in class').waitFor();
  assert.match(await workerGoals.textContent(), /Latest: 6 out of 10/);
  await workerSees(worker, 'Sleep before eleven', false); // a removed goal is gone for the worker too
  const workerWheel = worker.getByRole('region', { name: 'Wheel' }).getByTestId('wheel-table').locator('tbody tr');
  await workerWheel.nth(6).waitFor();
  assert.equal(await workerWheel.count(), 7);
  assert.equal((await workerWheel.first().textContent()).trim(), 'Liking myself34', 'first time and latest');
  assert.equal((await worker.getByTestId('not-shared-feelings').textContent()).replace('Feelings', '').trim(), 'Not shared');
  assert.ok((await drawn(worker.getByTestId('mood-chart'))) > 500, 'the worker sees the mood chart');
});

test('the worker’s page for Sky: mood chart from what Sky shares, "Not shared" for goals and the wheel', async () => {
  const worker = await browser({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  await signInDemoWorker(worker);
  await worker.getByRole('button', { name: 'Sky' }).click();
  const mood = worker.getByRole('region', { name: 'Mood over the weeks' });
  await mood.getByTestId('mood-table').waitFor();
  assert.ok((await drawn(mood.getByTestId('mood-chart'))) > 500, 'Sky’s mood chart is drawn');
  assert.ok((await mood.getByTestId('mood-table').locator('tbody tr').count()) >= 1);
  assert.ok(await worker.getByRole('region', { name: 'Feelings' }).getByTestId('feelings').isVisible());
  for (const part of ['goals', 'wheel', 'helps']) {
    const section = worker.getByTestId(`not-shared-${part}`);
    assert.match(await section.textContent(), /Not shared$/);
    assert.equal(await section.locator('canvas, table, ul').count(), 0, `nothing more for ${part}`);
  }
  await worker.evaluate(() => window.scrollTo(0, 0));
  await capture(worker, 'worker-young-person-progress');
});
