// Every main screen a browser test reaches is checked and pictured here:
// axe-core runs in the page against WCAG 2.2 A and AA rules (any serious or
// critical violation fails the test that showed it), then the screen is
// saved at phone (390×844) and desktop (1280×800) sizes for docs/screens.md.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { shots } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The serious and critical WCAG violations on the page as it is now. */
export async function seriousViolations(page) {
  // Evaluated through the DevTools protocol, so the app's CSP does not stop it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) => r.violations),
    WCAG_22_AA,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, where: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Fails with each rule and where it broke when `screen` has a serious or critical violation. */
export async function expectAccessible(page, screen) {
  const found = await seriousViolations(page);
  assert.deepEqual(found, [], `${screen}: accessibility violations\n${JSON.stringify(found, null, 2)}`);
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
const MAX_HEIGHT = 2100;

/** Checks the screen's accessibility, then saves it at both sizes as
 * `<name>-phone.jpg` and `<name>-desktop.jpg`; the page keeps its own size. */
export async function capture(page, name) {
  await expectAccessible(page, name);
  const own = page.viewportSize();
  for (const [label, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ]) {
    await page.setViewportSize(size);
    // From the top: a full-page picture taken while scrolled draws the
    // sticky top bar part-way down.
    await page.evaluate(() => window.scrollTo(0, 0));
    // CSS pixels, at most about two and a half screens: enough to see the
    // screen, small enough to keep in the repository.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({
      path: join(shots, `${name}-${label}.jpg`),
      type: 'jpeg',
      quality: 60,
      scale: 'css',
      fullPage: true,
      clip: { x: 0, y: 0, width: size.width, height: Math.min(height, MAX_HEIGHT) },
    });
  }
  if (own) await page.setViewportSize(own);
}
