/* Linggong service worker: shows offer notifications and keeps the app shell for weak signals.
 * The API and Socket.IO are never cached: offers and hires must always be live. */
const SHELL = 'lg-shell-v1';
const SCOPE = self.registration.scope; // e.g. https://host/m/

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const index = await fetch(SCOPE, { cache: 'no-cache' });
      if (index.ok) {
        await cache.put(SCOPE, index.clone());
        // Precache the entry files named in index.html and every chunk the build listed,
        // so a phone that lost its signal can still open any screen.
        const html = await index.text();
        const linked = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css|webmanifest|svg|png))"/g)].map((m) => m[1]);
        const built = await fetch(SCOPE + 'precache.json', { cache: 'no-cache' })
          .then((res) => (res.ok ? res.json() : []))
          .catch(() => []);
        const urls = new Set([...linked, ...built].map((path) => new URL(path, SCOPE).href));
        await Promise.all([...urls].map((url) => cache.add(url).catch(() => undefined)));
        // Drop the previous build's hashed files.
        for (const request of await cache.keys()) {
          if (request.url !== SCOPE && !urls.has(request.url)) await cache.delete(request);
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== SHELL) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;

  if (request.mode === 'navigate') {
    // Network first, so a new version arrives at once; the cached shell when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) caches.open(SHELL).then((cache) => cache.put(SCOPE, response.clone()));
          return response;
        })
        .catch(() => caches.match(SCOPE).then((cached) => cached || Response.error())),
    );
    return;
  }
  if (url.pathname.includes('/assets/') || url.pathname.includes('/icons/')) {
    // Hashed build files never change: cache first, and remember lazily loaded chunks.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(SHELL).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = (event.notification.data && event.notification.data.url) || SCOPE + '#/worker';
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const client of windows) {
        if (client.url.startsWith(SCOPE) && 'focus' in client) return client.focus();
      }
      return self.clients.openWindow(target);
    })(),
  );
});
