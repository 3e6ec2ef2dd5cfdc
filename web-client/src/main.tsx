import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { loadCore } from './core';
import './ui/tokens.css';
import { WorkerApp } from './worker/WorkerApp';
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
    .catch(() => {
      root.textContent = 'Lantern could not start. Please reload the page.';
    });
}
