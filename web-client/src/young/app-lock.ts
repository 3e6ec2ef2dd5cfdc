// When the app PIN is set, Lantern locks on start and after 5 minutes
// hidden or untouched, so a phone left lying about does not show it.

import { useEffect, useState } from 'preact/hooks';

import { profile } from './device';

const IDLE_MS = 5 * 60_000;

export type Gate = 'loading' | 'welcome' | 'locked' | 'open';

async function readGate(): Promise<Gate> {
  const [welcomed, pin] = await Promise.all([profile.welcomed(), profile.pin()]);
  return !welcomed ? 'welcome' : pin ? 'locked' : 'open';
}

let early: Promise<Gate> | undefined;

/** Reads where the app opens (welcome, lock or app) while the core is
 * still downloading, so the first screen does not then wait on the
 * phone's database as well. */
export function startReadingGate(): void {
  early ??= readGate();
}

export function useGate(): [Gate, (gate: Gate) => void] {
  const [gate, setGate] = useState<Gate>('loading');

  useEffect(() => {
    // The early read serves the first opening only; later ones read afresh.
    const read = early ?? readGate();
    early = undefined;
    void read.then(setGate);
  }, []);

  useEffect(() => {
    if (gate !== 'open') return;
    let last = Date.now();
    const lockIfSet = () => void profile.pin().then((pin) => pin && setGate('locked'));
    const touched = () => {
      last = Date.now();
    };
    const check = () => {
      if (Date.now() - last >= IDLE_MS) lockIfSet();
    };
    const onVisibility = () => (document.hidden ? touched() : check());
    const timer = window.setInterval(check, 15_000);
    const events = ['pointerdown', 'keydown', 'scroll'] as const;
    for (const name of events) window.addEventListener(name, touched, { passive: true });
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      for (const name of events) window.removeEventListener(name, touched);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [gate]);

  return [gate, setGate];
}
