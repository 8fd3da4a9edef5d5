// Service worker for app.html: precaches everything the page needs, then serves from the network
// when it can (so updates arrive) and from the cache when it cannot.
const CACHE = "cx-scorecard-app-v4";
// The page and its script, and the package's modules it imports (app.js → loader.js → index.js …).
const ASSETS = [
  "app.html", "app.js", "app.css", "favicon.svg", "cx-scorecard.css", "cx-scorecard-prerender.js",
  "loader.js", "wasm.js", "index.js", "start.js", "style.js", "cx_scorecard.js", "cx_scorecard_bg.wasm",
  "locales/index.js", "locales/de.js", "locales/fr.js", "locales/es.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("cx-scorecard-app-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((c) => c.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit || Response.error())),
  );
});
