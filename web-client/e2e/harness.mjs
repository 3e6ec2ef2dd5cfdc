// What every browser test needs: the real server binary on a fresh SQLite
// database serving the built web client, Debian's Chromium driven by
// playwright-core, and the `lantern` command line for setting things up.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const webClient = resolve(here, '..');
const binary = process.env.LANTERN_BIN ?? resolve(webClient, '../target/debug/lantern');
export const shots = join(here, 'screenshots');
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** Starts `lantern serve` on a free port with its own data folder. */
export async function startLantern(extraEnv = {}) {
  mkdirSync(shots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'lantern-e2e-'));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const env = {
    ...process.env,
    LANTERN_BIND: `127.0.0.1:${port}`,
    LANTERN_DATA_DIR: dataDir,
    LANTERN_DATABASE_URL: join(dataDir, 'lantern.sqlite'),
    LANTERN_WEB_ROOT: join(webClient, 'dist'),
    LANTERN_LOG: 'warn',
    // The VAPID subject every push carries: the operator's contact.
    LANTERN_PUSH_SUBJECT: 'mailto:e2e@lantern.example',
    ...extraEnv,
  };
  const server = spawn(binary, ['serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const contexts = [];
  const lantern = (args, input) => {
    const result = spawnSync(binary, args, { env, input, encoding: 'utf8' });
    assert.equal(result.status, 0, `lantern ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  /** A page in a fresh Chromium profile. `textSize` (px, default 16) is the
   * profile's default font size: the setting a person changes for larger text. */
  const browser = async ({ textSize, ...options } = {}) => {
    const profile = mkdtempSync(join(tmpdir(), 'lantern-chromium-'));
    if (textSize) {
      mkdirSync(join(profile, 'Default'));
      const preferences = { webkit: { webprefs: { default_font_size: textSize } } };
      writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(preferences));
    }
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
      // Lantern's people are in the UK: dates as they would see them.
      locale: 'en-GB',
      ...options,
    });
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error('page error:', error));
    return page;
  };
  const stop = async () => {
    for (const context of contexts) await context.close().catch(() => {});
    server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) return { base, lantern, browser, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('the server did not become ready');
}

/** Runs `check` (which asserts) every 50 ms until it passes, and returns what
 * it returned; after `timeoutMs` it throws the last failure, which says what
 * was seen. For what the app draws, stores or sends a moment after an action:
 * Playwright's counts and reads do not wait for a value to be right. */
export async function eventually(check, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= until) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A fresh phone opens on the first-run welcome: skip its cards and the age band. */
export async function skipWelcome(page) {
  await page.getByRole('button', { name: 'Skip', exact: true }).click();
  await page.getByRole('button', { name: 'Skip this' }).click();
}
