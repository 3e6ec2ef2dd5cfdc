import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { loadCore } from './core';
import './ui/tokens.css';
import { WorkerApp } from './worker/WorkerApp';
import { FALLBACK_CONTACTS } from './young/crisis-contacts';
import { YoungApp } from './young/YoungApp';

/** Faces by route: `#/worker` is the worker's dashboard; anything else the young person's app. */
function App() {
  const [route, setRoute] = useState(location.hash);
  useEffect(() => {
    const onHash = () => setRoute(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route.startsWith('#/worker') ? <WorkerApp /> : <YoungApp />;
}

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
