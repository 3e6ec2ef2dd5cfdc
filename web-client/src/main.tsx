import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { loadCore } from './core';
import { registerServiceWorker } from './push/subscribe';
import './ui/tokens.css';
import { ParentApp } from './parent/ParentApp';
import { WorkerApp } from './worker/WorkerApp';
import { StartUp } from './ui/StartUp';
import { YoungApp } from './young/YoungApp';

/** Faces by route: `#/worker` is the worker's dashboard, `#/parent` the
 * parent's view; anything else the young person's app. */
function App() {
  const [route, setRoute] = useState(location.hash);
  useEffect(() => {
    const onHash = () => setRoute(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (route.startsWith('#/worker')) return <WorkerApp />;
  if (route.startsWith('#/parent')) return <ParentApp />;
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
    loadCore().then(
      () => setCore('ready'),
      () => setCore('failed'),
    );
  }, []);
  if (core === 'ready' && !helpOpen) return <App />;
  return <StartUp core={core} helpOpen={helpOpen} onHelp={setHelpOpen} />;
}

const root = document.getElementById('app');
if (root) render(<Boot />, root);
