import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { loadCore } from './core';
import { registerServiceWorker } from './push/subscribe';
import './ui/tokens.css';
import { ParentApp } from './parent/ParentApp';
import { WorkerApp } from './worker/WorkerApp';
import { FALLBACK_CONTACTS } from './young/crisis-contacts';
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

const root = document.getElementById('app');
if (root) {
  loadCore()
    .then(() => render(<App />, root))
    .catch(() => render(<CouldNotStart />, root));
}

/** Even if the core cannot load, help is one tap away. */
function CouldNotStart() {
  return (
    <main class="stack">
      <h1>Lantern could not start</h1>
      <p>Please reload the page. If you need help right now:</p>
      {FALLBACK_CONTACTS.map((c) => (
        <p key={c.href}>
          <strong>{c.name}</strong>{' '}
          <a class="button" href={c.href}>
            {c.action}
          </a>
        </p>
      ))}
    </main>
  );
}
