// A worker's closed groups in a real browser against the real server: the
// demo's school group (members, sessions, the register, the group's change
// from what members share, encouragement to everyone in it), and starting a new group (a bad field named,
// nothing lost), adding a young person and a session, taking the register,
// renaming and finishing it; and a young person seeing their group.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startLantern } from './harness.mjs';
import { capture, expectAccessible } from './screens.mjs';

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

async function signIn() {
  const page = await browser({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/#/worker`);
  await page.getByLabel('Email').fill('demo.groups@lantern.example');
  await page.getByLabel('Password').fill('lantern-demo-groups');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My groups' }).waitFor();
  return page;
}

test('the demo group: members, the register and what members share', async () => {
  const page = await signIn();
  await page.getByRole('button', { name: 'Open Year 8 Resilience (demo)' }).click();
  await page.getByRole('heading', { name: 'Year 8 Resilience (demo)', level: 1 }).waitFor();
  const members = page.getByTestId('group-members').locator('li');
  await members.first().waitFor();
  assert.equal(await members.count(), 11);
  assert.match(await members.first().textContent(), /Came to \d+ of \d+/);

  // The latest session's register, again: one fewer came.
  const sessions = page.getByTestId('group-sessions').locator('li');
  const last = await sessions.count();
  assert.ok(last >= 6, `weekly sessions so far: ${last}`);
  const before = (await sessions.nth(last - 1).textContent()).match(/(\d+) came, (\d+) away/);
  assert.ok(before, 'the register was taken');
  await page.getByRole('button', { name: `Take the register for session ${last}` }).click();
  const register = page.getByRole('group', { name: `Register for session ${last}` });
  const ticked = register.locator('input:checked');
  await ticked.first().uncheck();
  await page.getByRole('button', { name: 'Save the register' }).click();
  await page.getByRole('status').filter({ hasText: 'Register saved.' }).waitFor();
  const after = (await sessions.nth(last - 1).textContent()).match(/(\d+) came, (\d+) away/);
  assert.deepEqual([Number(after[1]), Number(after[2])], [Number(before[1]) - 1, Number(before[2]) + 1]);

  // The group's change: from what members share only.
  const wheel = page.getByTestId('group-wheel');
  assert.match(await wheel.locator('tbody tr').first().textContent(), /\d+\.\d/);
  await capture(page, 'worker-group');

  // Encouragement to the whole group: everyone in it is ticked at once.
  await page.getByRole('button', { name: 'Back to the dashboard' }).click();
  await page.getByLabel('Everyone in a group').selectOption({ label: 'Year 8 Resilience (demo)' });
  const form = page.getByRole('region', { name: 'Encouragement to several young people' });
  await page.waitForFunction(
    () => document.querySelectorAll('section[aria-labelledby="group-title"] .pick-grid input:checked').length === 11,
  );
  await form.getByLabel('Choose a message').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Send message' }).click();
  await form.getByRole('status').filter({ hasText: 'Sent to 11 young people.' }).waitFor();
});

test('starting a group: a bad field is named, then members, a session and its register', async () => {
  const page = await signIn();
  await page.getByText('Start a group').click();
  await page.getByLabel('Name').fill('Friday Calm');
  await page.getByLabel('Where it runs (optional)').fill('Oak School');
  await page.getByLabel('Weeks (12 to 18)').fill('20');
  await page.getByRole('button', { name: 'Start the group' }).click();
  await page.getByRole('alert').filter({ hasText: 'A group runs for 12 to 18 weeks.' }).waitFor();
  assert.equal(await page.getByLabel('Name').inputValue(), 'Friday Calm', 'what was typed stays');
  await page.getByLabel('Weeks (12 to 18)').fill('14');
  await page.getByRole('button', { name: 'Start the group' }).click();
  await page.getByRole('heading', { name: 'Friday Calm', level: 1 }).waitFor();

  const add = page.getByLabel('Add a young person');
  await add.locator('option').nth(1).waitFor({ state: 'attached' });
  for (const name of ['Ash', 'Bea']) {
    await add.selectOption({ label: name });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByTestId('group-members').getByText(name, { exact: true }).waitFor();
  }
  await page.getByText('Add a session').click();
  await page.getByLabel('Topic (optional)').fill('Worry time');
  await page.getByRole('button', { name: 'Add the session' }).click();
  const session = page.getByTestId('group-sessions').locator('li').first();
  await session.getByText(/Session 1, .*: Worry time/).waitFor();
  assert.match(await session.textContent(), /Register not taken yet/);
  await page.getByRole('button', { name: 'Take the register for session 1' }).click();
  await page.getByRole('group', { name: 'Register for session 1' }).getByLabel('Ash').check();
  await page.getByRole('button', { name: 'Save the register' }).click();
  await session.getByText('1 came, 1 away').waitFor();
  assert.match(await page.getByTestId('group-members').textContent(), /Ash — Came to 1 of 1.*Bea — Came to 0 of 1/);
  await capture(page, 'worker-new-group');

  // Renamed, then finished: it takes no one new and says so; run again, it does.
  const details = page.getByRole('region', { name: 'About the group' });
  await details.getByLabel('Name').fill('Friday Calm, Oak');
  await details.getByRole('button', { name: 'Save name and place' }).click();
  await page.getByRole('heading', { name: 'Friday Calm, Oak', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Finish the group' }).click();
  await page.getByTestId('group-finished').waitFor();
  assert.equal(await page.getByLabel('Add a young person').count(), 0);
  assert.ok(await page.getByText('Add a session').isHidden());
  await page.getByRole('button', { name: 'Take the register for session 1' }).waitFor();
  await expectAccessible(page, 'finished group');
  await page.getByRole('button', { name: 'Back to the dashboard' }).click();
  const listed = page.getByRole('listitem').filter({ hasText: 'Friday Calm, Oak' });
  await listed.getByText('Finished').waitFor();
  await listed.getByRole('button', { name: 'Open Friday Calm, Oak' }).click();
  await page.getByRole('button', { name: 'Run the group again' }).click();
  await page.getByLabel('Add a young person').waitFor();
  assert.equal(await page.getByTestId('group-finished').count(), 0);
});

test('a young person in a group sees it, and the sessions they came to, on their phone', async () => {
  const worker = await signIn();
  await worker.getByRole('button', { name: 'Create invite code' }).click();
  const code = (await worker.getByTestId('invite-code').textContent()).trim();
  const phone = await browser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(base);
  await phone.getByRole('button', { name: 'Skip', exact: true }).click();
  await phone.getByRole('button', { name: '10-12' }).click();
  await phone.getByRole('button', { name: 'I have a code from my worker' }).click();
  await phone.getByLabel('Your code').fill(code);
  await phone.getByLabel('What should Lantern call you?').fill('Rowan');
  await phone.getByRole('button', { name: 'Connect' }).click();
  await phone.getByRole('heading', { name: 'What you share' }).waitFor();
  await phone.getByRole('button', { name: 'Done', exact: true }).click();
  await phone.getByRole('button', { name: 'My groups' }).click();
  await phone.getByText('You are not in a group right now.').waitFor();

  // The worker starts a group with Rowan in it and takes a register.
  await worker.reload();
  await worker.getByRole('heading', { name: 'My groups' }).waitFor();
  await worker.getByText('Start a group').click();
  await worker.getByLabel('Name').fill('Lunch Club');
  await worker.getByRole('button', { name: 'Start the group' }).click();
  await worker.getByRole('heading', { name: 'Lunch Club', level: 1 }).waitFor();
  const add = worker.getByLabel('Add a young person');
  await add.locator('option', { hasText: 'Rowan' }).waitFor({ state: 'attached' });
  await add.selectOption({ label: 'Rowan' });
  await worker.getByRole('button', { name: 'Add', exact: true }).click();
  await worker.getByTestId('group-members').getByText('Rowan', { exact: true }).waitFor();
  await worker.getByText('Add a session').click();
  await worker.getByRole('button', { name: 'Add the session' }).click();
  await worker.getByRole('button', { name: 'Take the register for session 1' }).click();
  await worker.getByRole('group', { name: 'Register for session 1' }).getByLabel('Rowan').check();
  await worker.getByRole('button', { name: 'Save the register' }).click();
  await worker.getByTestId('group-sessions').getByText('1 came, 0 away').waitFor();

  await phone.getByRole('button', { name: 'Back to home' }).click();
  await phone.getByRole('button', { name: 'My groups' }).click();
  const group = phone.getByTestId('my-group');
  await group.getByRole('heading', { name: 'Lunch Club' }).waitFor();
  assert.match(await group.textContent(), /Session 1, .*: You came/);
  await expectAccessible(phone, 'my groups');
  await capture(phone, 'young-my-groups');
});
