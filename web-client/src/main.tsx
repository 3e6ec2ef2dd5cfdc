import { render, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { loadCore } from './core';
import { registerServiceWorker } from './push/subscribe';
import './ui/tokens.css';
import { lazily } from './ui/lazily';
import { StartUp } from './ui/StartUp';
import { startReadingGate } from './young/app-lock';
import { YoungApp } from './young/YoungApp';

// The worker's and parent's faces load only when opened: a young person's
// phone never runs them (the service worker still keeps them offline).
const inMain = (status: ComponentChildren) => <main class="stack">{status}</main>;
const WorkerFace = lazily(() => import('./worker/WorkerApp').then((face) => face.WorkerApp), inMain);
const ParentFace = lazily(() => import('./parent/ParentApp').then((face) => face.ParentApp), inMain);

/** Faces by route: `#/worker` is the worker's dashboard, `#/parent` the
 * parent's view; anything else the young person's app. */
function App() {
  const [route, setRoute] = useState(location.hash);
  useEffect(() => {
    const onHash = () => setRoute(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (route.startsWith('#/worker')) return <WorkerFace />;
  if (route.startsWith('#/parent')) return <ParentFace />;
  return <YoungApp />;
}

// The service worker shows pushes and opens the right screen when one is tapped.
void registerServiceWorker();
navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { type?: string; url?: unknown } | undefined;
  if (message?.type !== 'lantern:open' || typeof message.url !== 'string') return;
  const target = new URL(message.url, location.href);
  if (target.origin === location.origin) location.assign(target.href);
});

/** Draws at once, so help is there before the core has arrived; the app
 * itself once the core is ready. */
function Boot() {
  const [core, setCore] = useState<'loading' | 'failed' | 'ready'>('loading');
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    coreLoading.then(
      () => setCore('ready'),
      () => setCore('failed'),
    );
  }, []);
  if (core === 'ready' && !helpOpen) return <App />;
  return <StartUp core={core} helpOpen={helpOpen} onHelp={setHelpOpen} />;
}

// The core starts loading now, not after the first paint: on a slow phone
// that paint alone takes a noticeable part of the budget.
const coreLoading = loadCore();
// Boot reports a failure; this only keeps it from counting as unhandled
// before Boot has drawn.
coreLoading.catch(() => undefined);

const root = document.getElementById('app');
if (root) {
  if (!location.hash.startsWith('#/worker') && !location.hash.startsWith('#/parent')) startReadingGate();
  render(<Boot />, root);
}
