// The young person's first load, gzipped: what dist/index.html loads (its
// scripts, styles and module preloads) plus the core's wasm, which the entry
// script fetches before anything shows. Chunks loaded later (uPlot) are
// listed apart. Budget from the progress issue: ≤ 250 kB in total.
// Run after `npm run build`: `node bench/first-load.mjs` (in web-client).

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const html = readFileSync(`${dist}index.html`, 'utf8');
const linked = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*\bhref)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
const assets = readdirSync(`${dist}assets`).map((name) => `assets/${name}`);
const wasm = assets.filter((file) => file.endsWith('.wasm'));
const first = [...new Set([...linked, ...wasm])];
const later = assets.filter((file) => !first.includes(file));

const gz = (file) => gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length / 1000;
const html_kb = gzipSync(html, { level: 9 }).length / 1000;
let total = html_kb;
console.log(`first load (gzipped):\n  ${html_kb.toFixed(2).padStart(7)} kB  index.html`);
for (const file of first) {
  const kb = gz(file);
  total += kb;
  console.log(`  ${kb.toFixed(2).padStart(7)} kB  ${file}`);
}
console.log(`  ${total.toFixed(2).padStart(7)} kB  total (budget ${BUDGET_KB} kB)`);
console.log('loaded later, when needed:');
for (const file of later) console.log(`  ${gz(file).toFixed(2).padStart(7)} kB  ${file}`);
if (total > BUDGET_KB) {
  console.error(`over budget by ${(total - BUDGET_KB).toFixed(2)} kB`);
  process.exit(1);
}
