// The check-in for everyone: with the keyboard alone, by the names a screen
// reader reads out, and with the text twice its usual size (the browser's
// own text-size setting) without anything cut off or scrolling sideways.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startLantern, skipWelcome } from './harness.mjs';
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

/** Presses Tab until the focused element's accessible text is `name`. */
async function tabTo(page, name) {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name || focused.endsWith(name)) return;
  }
  assert.fail(`Tab never reached "${name}"`);
}

/** The focused element shows where focus is (WCAG 2.4.7). */
async function focusIsVisible(page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });
}

test('the check-in works with the keyboard alone, and every control says what it is', async () => {
  const page = await browser({ viewport: { width: 390, height: 844 } });
  await page.goto(base);
  await skipWelcome(page);
  await page.getByRole('button', { name: 'Check in' }).waitFor();

  await tabTo(page, 'Check in');
  assert.ok(await focusIsVisible(page), 'focus is visible on "Check in"');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'How are you feeling?' }).waitFor();

  // Screen readers hear each face's word and whether it is picked.
  for (const word of ['Awful', 'Not good', 'Okay', 'Good', 'Great']) {
    await page.getByRole('button', { name: word, exact: true, pressed: false }).waitFor();
  }
  await tabTo(page, 'Okay');
  assert.ok(await focusIsVisible(page), 'focus is visible on a face');
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Okay', exact: true, pressed: true }).waitFor();

  await tabTo(page, 'Worried');
  await page.keyboard.press('Enter');
  await page.getByRole('group', { name: 'How worried?' }).waitFor();
  await tabTo(page, 'Save check-in');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /ideas|might help/i }).first().waitFor();
  await expectAccessible(page, 'ideas after a keyboard check-in');
});

test('with the text at twice its size nothing scrolls sideways and the check-in still works', async () => {
  const page = await browser({ viewport: { width: 390, height: 844 }, textSize: 32 });
  await page.goto(base);
  await skipWelcome(page);
  await page.getByRole('button', { name: 'Check in' }).waitFor();
  const rootSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.equal(rootSize, 34, 'the app follows the browser text size (17px at 16px, so 34px at 32px)');

  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok((await sideways()) <= 0, `home scrolls sideways by ${await sideways()}px`);
  await expectAccessible(page, 'home at 200% text');

  await page.getByRole('button', { name: 'Get help now' }).click();
  const help = page.getByRole('dialog', { name: 'Help right now' });
  // Measured with the safety plan's card, which follows once the phone is read.
  await help.getByTestId('plan-summary').waitFor();
  assert.ok((await sideways()) <= 0, `Get help now scrolls sideways by ${await sideways()}px`);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Check in' }).click();
  await page.getByRole('button', { name: 'Okay', exact: true }).click();
  await page.getByRole('button', { name: 'Worried' }).click();
  await page.getByRole('group', { name: 'How worried?' }).waitFor();
  assert.ok((await sideways()) <= 0, `the check-in scrolls sideways by ${await sideways()}px`);
  await expectAccessible(page, 'check-in at 200% text');
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await page.getByRole('heading', { name: /ideas|might help/i }).first().waitFor();
});
