// The service lead's reports in a real browser against the real server,
// on the demo's data: figures for the whole service and for one group,
// "fewer than 5" where a figure could point to a young person, and each
// table downloaded as CSV with the same hidden figures.

import { readFileSync } from 'node:fs';
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

test('a service lead reads the report, narrows it to a group and downloads a table', async () => {
  const page = await browser({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/#/worker`);
  await page.getByLabel('Email').fill('demo.lead@lantern.example');
  await page.getByLabel('Password').fill('lantern-demo-lead');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'How the service is doing' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'My caseload' }).count(), 0, 'a lead has no caseload');

  // The whole service: real numbers, and hidden ones said in words.
  const activity = page.getByTestId('report-activity');
  const taking = activity.getByRole('row', { name: /Young people taking part/ });
  await taking.waitFor();
  const count = Number((await taking.locator('td').textContent()).trim());
  assert.ok(count >= 16, `young people taking part: ${count}`);
  const thrive = page.getByTestId('report-thrive');
  assert.ok((await thrive.getByText('fewer than 5').count()) > 0, 'small THRIVE moves are hidden');
  assert.match(await thrive.textContent(), /Hidden to protect young people’s privacy/);
  const wheel = page.getByTestId('report-wheel');
  assert.match(await wheel.locator('tbody tr').first().textContent(), /\d+\.\d/, 'wheel change shown');
  await capture(page, 'lead-report');

  // Narrowed to one group: the choice lists the demo's groups and schools.
  await page.getByLabel('Who').selectOption({ label: 'Group: Year 8 Resilience (demo)' });
  // The group's answer, then its drawing: "Making the report…" shows from the
  // click until the new report is drawn, but may not have shown yet.
  const narrowed = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/v1/reports/outcomes' && new URL(r.url()).searchParams.has('group'),
  );
  await page.getByRole('button', { name: 'Show the report' }).click();
  await narrowed;
  await page.getByRole('status').filter({ hasText: 'Making the report…' }).waitFor({ state: 'detached' });
  const groupCount = (await page.getByTestId('report-activity').getByRole('row', { name: /Young people taking part/ }).locator('td').textContent()).trim();
  assert.ok(groupCount === 'fewer than 5' || Number(groupCount) <= 11, `a group of 11: ${groupCount}`);

  // A table as CSV: the same rows, hidden figures in words.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download “THRIVE groupings: where young people started and ended” as CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.match(lines[0], /^At the start \\ at the end,Thriving,/);
  assert.equal(lines.length, 1 + (await page.getByTestId('report-thrive').locator('tbody tr').count()));
  assert.match(csv, /fewer than 5/);
});
