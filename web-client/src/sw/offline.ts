// The app works with no network: the service worker keeps every file the
// app needs (listed by the build in /precache.json) and answers from that
// copy when the network cannot. The API is never cached: what is private
// stays in IndexedDB, where the app itself keeps it.

declare const self: ServiceWorkerGlobalScope;

const PREFIX = 'lantern-app-';
/** Paths that are never the app's files. */
const NOT_APP = ['/api/', '/healthz', '/readyz', '/metrics', '/sw.js', '/precache.json'];

interface Precache {
  version: string;
  files: string[];
}

let refreshing: Promise<void> | undefined;

/** Makes sure the newest build's files are cached, then forgets older
 * builds. Cheap when nothing changed: one small request. */
export function refreshPrecache(): Promise<void> {
  refreshing ??= (async () => {
    const response = await fetch('/precache.json', { cache: 'no-store' });
    if (!response.ok) return;
    const manifest = (await response.json()) as Precache;
    const name = PREFIX + manifest.version;
    if (!(await caches.has(name))) {
      const cache = await caches.open(name);
      try {
        await cache.addAll(manifest.files.map((url) => new Request(url, { cache: 'reload' })));
      } catch (error) {
        // Half a copy is no copy: keep the old one until a whole one exists.
        await caches.delete(name);
        throw error;
      }
    }
    for (const old of await caches.keys()) {
      if (old.startsWith(PREFIX) && old !== name) await caches.delete(old);
    }
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

export function handleFetch(event: FetchEvent): void {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NOT_APP.some((path) => url.pathname.startsWith(path))) return;
  if (request.mode === 'navigate') {
    event.respondWith(pageFirstFromNetwork(request));
  } else {
    event.respondWith(fileFirstFromCache(request));
  }
}

/** The page: the newest from the network when there is one (and a chance
 * to cache a new build), else the cached app. */
async function pageFirstFromNetwork(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    void refreshPrecache().catch(() => undefined);
    return response;
  } catch {
    return (await caches.match('/')) ?? Response.error();
  }
}

/** Built files have hashed names, so a cached copy is always right. */
async function fileFirstFromCache(request: Request): Promise<Response> {
  return (await caches.match(request)) ?? fetch(request);
}
