// Times the core in WebAssembly under Node, on the same two years of data
// as core/benches/core.rs. Budgets from the core issue: suggest ≤ 5 ms.
// Run after scripts/build-wasm: `node bench/core-bench.mjs` (in web-client).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '../src/core/pkg/lantern_core.js';

core.initSync({ module: readFileSync(fileURLToPath(new URL('../src/core/pkg/lantern_core_bg.wasm', import.meta.url))) });

const feelings = JSON.parse(core.feelingOptions()).map((f) => f.feeling);
const contexts = ['school', 'exams', 'home', 'family', 'friends', 'relationships', 'online', 'body', 'sleep', 'health'];
const strategyIds = JSON.parse(core.strategyCatalogue()).strategies.map((s) => s.id);
const start = Date.parse('2024-11-23T17:00:00Z');
const day = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', '+00:00');

const checkIns = Array.from({ length: 730 }, (_, d) => ({
  id: core.newRecordId(start + d * day, new Uint8Array(10).fill(d % 256)),
  recorded_at: iso(start + d * day),
  mood: 1 + (d % 5),
  feelings: [
    { feeling: feelings[d % 16], intensity: 1 + (d % 3) },
    { feeling: feelings[(d + 5) % 16], intensity: 2 },
  ],
  contexts: [contexts[d % 10]],
}));
const uses = Array.from({ length: 2000 }, (_, n) => ({
  id: core.newRecordId(start + n * 3_600_000, new Uint8Array(10).fill(n % 251)),
  strategy_id: strategyIds[(n * 7) % strategyIds.length],
  used_at: iso(start + n * 8 * 3_600_000),
  feeling: feelings[n % 16],
  before: 2,
  after: 1 + (n % 5),
}));
// Three goals rated every week and the wheel every four weeks, as in
// core/benches/core.rs.
const goals = [0, 1, 2].map((n) => ({
  id: core.newRecordId(start, new Uint8Array(10).fill(n)),
  text: `Goal ${n}`,
  set_at: iso(start),
}));
const goalRatings = Array.from({ length: 104 }, (_, week) =>
  goals.map((goal) => ({
    id: core.newRecordId(start + week * 7 * day, new Uint8Array(10).fill(week % 256)),
    goal_id: goal.id,
    rated_at: iso(start + week * 7 * day),
    progress: Math.floor(week / 10) % 11,
  })),
).flat();
const wheel = JSON.parse(core.measureCatalogue()).measures.find((m) => m.id === 'resilience_wheel');
const wheels = Array.from({ length: 26 }, (_, month) => ({
  id: core.newRecordId(start + month * 28 * day, new Uint8Array(10).fill(month)),
  measure_id: wheel.id,
  completed_at: iso(start + month * 28 * day),
  answers: wheel.items.map((item) => ({ item_id: item.id, value: 1 + (month % 10) })),
}));
const moment = {
  check_in: checkIns[729],
  preferences: { favourites: [], hidden: [], personal_learning: true, sensitivities: { eating_difficulties: false }, age: 13 },
  now: iso(start + 729 * day),
  seed: 42,
};
const request = JSON.stringify({ moment, history: uses });
const momentJson = JSON.stringify(moment);
const recordsJson = JSON.stringify({
  check_ins: checkIns,
  strategy_uses: uses,
  goals,
  goal_ratings: goalRatings,
  measure_responses: wheels,
});
const usesJson = JSON.stringify(uses);
const today = iso(start + 729 * day).slice(0, 10);

function time(name, run, runs = 200) {
  for (let i = 0; i < 20; i++) run();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(runs / 2)];
  const p95 = samples[Math.floor(runs * 0.95)];
  console.log(`${name}: median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms (${runs} runs, JSON in and out included)`);
}

const check = JSON.parse(core.suggest(request));
if (check.status !== 'valid') throw new Error(JSON.stringify(check.errors));
const engine = new core.SuggestionEngine(JSON.stringify(uses));
time('suggest, 2 years of history kept in the engine (wasm)', () => engine.suggest(momentJson));
time('suggest, 2 years of history sent as JSON each time (wasm)', () => core.suggest(request));
const checkedProgress = JSON.parse(core.progress(recordsJson, today, 104));
if (checkedProgress.status !== 'valid') throw new Error(JSON.stringify(checkedProgress.errors));
time('progress with goals and the wheel, 2 years (wasm)', () => core.progress(recordsJson, today, 104));
time('parse 2,000 ratings only (explainLearning, wasm)', () => core.explainLearning(usesJson));
