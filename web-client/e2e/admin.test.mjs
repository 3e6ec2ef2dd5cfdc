// A service admin in a real browser against the real server on the demo's
// data. Staff: someone is added (a weak password refused first), signs in
// under the two-step rule the admin just turned on, is given a young person,
// is disabled (with a warning about that young person) and turned back on.
// Settings: bad values are named and change nothing. Places: a place with a
// bad field is refused with the field named and nothing kept; put right, it
// is saved; a spreadsheet with a good and a bad row keeps the good one and
// names the bad one by line; a place is changed and removed.

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

/** The demo's admin, signed in on the dashboard; it opens on Staff. */
async function signInAsAdmin() {
  const page = await browser({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/#/worker`);
  await page.getByLabel('Email').fill('demo.admin@lantern.example');
  await page.getByLabel('Password').fill('lantern-demo-admin');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
  return page;
}

const HEADER = 'name,description,needs,thrive,min_age,max_age,area,phone,text_number,text_keyword,website,self_referral,hours';

test('an admin adds, imports, changes and removes the service’s own places', async () => {
  const page = await signInAsAdmin();
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('button', { name: 'Places' }).click();
  await page.getByRole('heading', { name: 'Your service’s places', level: 1 }).waitFor();
  const places = page.getByTestId('own-place');
  const named = (name) => places.filter({ has: page.getByRole('heading', { name, exact: true }) });
  await named('Riverside Drop-in (demo)').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'My caseload' }).count(), 0, 'an admin has no caseload');
  assert.equal(await named('Childline').count(), 0, 'national services are Lantern’s, not listed to change');
  await capture(page, 'admin-places');

  // A website without https:// is refused, named at its field.
  await page.getByRole('button', { name: 'Add a place' }).click();
  const title = page.getByRole('heading', { name: 'Add a place', level: 1 });
  await title.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'place-form-title');
  await page.getByLabel('Name').fill('Oak Tree Counselling');
  await page.getByLabel('What they do').fill('Free talking sessions for young people, after school.');
  await page.getByRole('checkbox', { name: 'Feeling worried' }).check();
  await page.getByRole('checkbox', { name: 'Getting Help' }).check();
  await page.getByLabel('Area').fill('Riverside');
  await page.getByLabel('Website').fill('http://oak-tree.example');
  await page.getByLabel('When they are open').fill('Monday to Thursday, 3:30pm to 6pm');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('alert').filter({ hasText: 'Please check the fields marked above.' }).waitFor();
  const website = page.getByLabel('Website');
  assert.equal(await website.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#place-website-error').textContent(), /https:\/\//);
  await expectAccessible(page, 'admin place form with an error');

  await website.fill('https://oak-tree.example');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Oak Tree Counselling is saved.' }).waitFor();
  await named('Oak Tree Counselling').waitFor();
  assert.equal(await named('Oak Tree Counselling').count(), 1, 'kept once: the refused try stored nothing');

  // A spreadsheet (labelled as Excel, as Windows does) with one good row and one bad.
  const csv = [
    HEADER,
    'Young Carers Club,"Games, food and a break.",young_carers,getting_advice,8,18,Riverside,01234 567890,,,,yes,Wednesdays 4pm to 6pm',
    'Broken Row,Has a bad website,anxiety,getting_help,11,18,Riverside,,,,not-a-website,no,Weekdays',
  ].join('\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'places.csv', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('status').filter({ hasText: 'Added 1 place, updated 0.' }).waitFor();
  const rejected = page.getByTestId('import-rejected');
  assert.match(await rejected.getByRole('listitem').textContent(), /^Line 3: .*https:\/\//);
  await named('Young Carers Club').waitFor();
  assert.equal(await named('Broken Row').count(), 0, 'the bad row is not kept');
  await capture(page, 'admin-import');

  // Changed: the form starts from what is saved.
  await page.getByRole('button', { name: 'Change Young Carers Club' }).click();
  const hours = page.getByLabel('When they are open');
  assert.equal(await hours.inputValue(), 'Wednesdays 4pm to 6pm');
  await hours.fill('Wednesdays 4pm to 7pm');
  await page.getByRole('button', { name: 'Save' }).click();
  await named('Young Carers Club').filter({ hasText: 'Wednesdays 4pm to 7pm' }).waitFor();

  // Removed, after saying yes.
  await page.getByRole('button', { name: 'Remove Oak Tree Counselling' }).click();
  await page.getByRole('button', { name: 'Yes, remove it' }).click();
  await page.getByRole('status').filter({ hasText: 'Oak Tree Counselling is removed.' }).waitFor();
  await named('Oak Tree Counselling').waitFor({ state: 'detached' });

  // What young people of the service see: the place, with how to reach it.
  const directory = await page.evaluate(async () => {
    const session = JSON.parse(sessionStorage.getItem('lantern.worker'));
    const response = await fetch('/api/v1/directory', { headers: { authorization: `Bearer ${session.access_token}` } });
    return (await response.json()).services.map((s) => s.name);
  });
  assert.ok(directory.includes('Young Carers Club') && !directory.includes('Oak Tree Counselling'), directory.join(', '));
});

test('an admin adds someone to the staff, sets the service’s rules, and disables an account', async () => {
  const page = await signInAsAdmin();
  const rows = page.getByTestId('staff').locator('tbody tr');
  const row = (name) => rows.filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  await row('Sam Rivers').waitFor();
  assert.match(await row('Sam Rivers').textContent(), /Worker.*demo\.worker@lantern\.example\s*4\s*Active/);
  assert.match(await row('Priya Shah').textContent(), /\(you\)/);
  assert.equal(await row('Priya Shah').getByRole('button').count(), 0, 'an admin cannot disable themselves');

  // A weak first password is refused at its field; then they are added.
  await page.getByLabel('Name, as young people will see it').fill('Alex Morgan');
  await page.getByLabel('Email', { exact: true }).fill('alex.morgan@lantern.example');
  const password = page.getByLabel('A first password');
  await password.fill('short');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator('#staff-password-error').waitFor();
  assert.equal(await password.getAttribute('aria-invalid'), 'true');
  await expectAccessible(page, 'admin staff with an error');
  await password.fill('a long first password for Alex');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Alex Morgan can sign in now.' }).waitFor();
  await row('Alex Morgan').waitFor();
  await capture(page, 'admin-staff');

  // Settings: a bad number is named and nothing is saved; then two-step
  // sign-in for everyone, and Alex as duty contact.
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Service settings', level: 1 }).waitFor();
  const duty = page.getByLabel('Duty contact', { exact: true });
  assert.equal(await duty.locator('option:checked').textContent(), 'Morgan Hale (duty)');
  const minutes = page.getByLabel('Minutes before the duty contact is told');
  await minutes.fill('1');
  await page.getByRole('switch', { name: 'Staff must use two-step sign-in' }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.locator('#service-alert_escalation_minutes-error').filter({ hasText: 'Choose between 5 and 10080 minutes.' }).waitFor();
  const saved = () =>
    page.evaluate(async () => {
      const session = JSON.parse(sessionStorage.getItem('lantern.worker'));
      const response = await fetch('/api/v1/admin/service', { headers: { authorization: `Bearer ${session.access_token}` } });
      return response.json();
    });
  assert.equal((await saved()).require_totp, false, 'a refused save changes nothing');
  await minutes.fill('60');
  await duty.selectOption({ label: 'Alex Morgan' });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const now = await saved();
  assert.equal(now.require_totp, true);
  assert.equal(now.alert_escalation_minutes, 60);
  await capture(page, 'admin-settings');

  // Alex signs in and, under the new rule, is asked to set up two-step sign-in.
  const alex = await browser({ viewport: { width: 1280, height: 800 } });
  await alex.goto(`${base}/#/worker`);
  await alex.getByLabel('Email').fill('alex.morgan@lantern.example');
  await alex.getByLabel('Password').fill('a long first password for Alex');
  await alex.getByRole('button', { name: 'Sign in' }).click();
  await alex.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();

  // Young people: Alex also works with Sky now.
  const nav = page.getByRole('navigation', { name: 'Admin' });
  await nav.getByRole('button', { name: 'Young people' }).click();
  const sky = page.getByTestId('young-people').locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Sky' }) });
  await sky.waitFor();
  assert.match(await sky.textContent(), /Sam Rivers/);
  await sky.getByLabel('Worker to add for Sky').selectOption({ label: 'Alex Morgan' });
  await sky.getByRole('button', { name: 'Add a worker for Sky' }).click();
  await page.getByRole('status').filter({ hasText: 'Alex Morgan now works with Sky.' }).waitFor();
  await sky.getByRole('button', { name: 'End Alex Morgan’s work with Sky' }).waitFor();
  await capture(page, 'admin-young-people');

  // Disabled, after saying yes: Alex cannot sign in any more.
  await nav.getByRole('button', { name: 'Staff' }).click();
  await page.getByRole('button', { name: 'Disable Alex Morgan' }).click();
  await page.getByText('They work with 1 young person: give them another worker in Young people', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Yes, disable' }).click();
  await page.getByRole('status').filter({ hasText: 'Alex Morgan is disabled.' }).waitFor();
  await row('Alex Morgan').filter({ hasText: 'Disabled' }).waitFor();
  const refused = await alex.evaluate(async () => {
    const response = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alex.morgan@lantern.example', password: 'a long first password for Alex' }),
    });
    return response.status;
  });
  assert.equal(refused, 401);

  // Sky's list says Alex is disabled; their work with Sky is ended.
  // (The warning when disabling named Alex's one young person.)
  await nav.getByRole('button', { name: 'Young people' }).click();
  await sky.filter({ hasText: 'Alex Morgan (disabled)' }).waitFor();
  await sky.getByRole('button', { name: 'End Alex Morgan’s work with Sky' }).click();
  await page.getByRole('status').filter({ hasText: 'Alex Morgan no longer works with Sky.' }).waitFor();
  await sky.filter({ hasNotText: 'Alex Morgan' }).waitFor();

  // Turned back on: Alex can sign in again.
  await nav.getByRole('button', { name: 'Staff' }).click();
  await page.getByRole('button', { name: 'Turn Alex Morgan back on' }).click();
  await page.getByRole('status').filter({ hasText: 'Alex Morgan can sign in again.' }).waitFor();
  await row('Alex Morgan').filter({ hasText: 'Active' }).waitFor();
  const back = await browser({ viewport: { width: 1280, height: 800 } });
  await back.goto(`${base}/#/worker`);
  await back.getByLabel('Email').fill('alex.morgan@lantern.example');
  await back.getByLabel('Password').fill('a long first password for Alex');
  await back.getByRole('button', { name: 'Sign in' }).click();
  await back.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
});
