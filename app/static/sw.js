/* Báo nói offline service worker (scope /articles/). It answers from the caches the reader filled
   by pressing "Lưu để nghe khi không có mạng" (app/static/offline.js) and never stores anything
   itself: a page or file nobody saved is fetched from the network as if it were not here. */
"use strict";

var SAVED = "baonoi-offline-";
var SLOW_MS = 8000;  // a saved page is shown when the network has not answered by then
var IMMUTABLE = /^\/audio\/[0-9a-f]{32}\.[0-9a-f]{16}\./;  // content-addressed: the same bytes forever

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

// The saved answer to ``request`` in any of our caches (a page whatever its query), or undefined.
function saved(request) {
  return caches.keys().then(function (names) {
    var ours = names.filter(function (n) { return n.indexOf(SAVED) === 0; });
    var options = { ignoreSearch: request.mode === "navigate", ignoreVary: true };
    return ours.reduce(function (found, name) {
      return found.then(function (hit) {
        return hit || caches.open(name).then(function (cache) { return cache.match(request, options); });
      });
    }, Promise.resolve(undefined));
  });
}

// A saved whole file answered as the byte range a media element asks for (RFC 9110).
function ranged(request, response) {
  var wanted = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("Range") || "");
  if (!wanted || response.status !== 200 || (wanted[1] === "" && wanted[2] === "")) return response;
  return response.blob().then(function (blob) {
    var size = blob.size, start, end;
    if (wanted[1] === "") { start = Math.max(0, size - Number(wanted[2])); end = size - 1; }
    else { start = Number(wanted[1]); end = wanted[2] ? Math.min(Number(wanted[2]), size - 1) : size - 1; }
    if (start >= size || start > end) {
      return new Response(null, { status: 416, headers: { "Content-Range": "bytes */" + size } });
    }
    return new Response(blob.slice(start, end + 1), { status: 206, headers: {
      "Content-Type": response.headers.get("Content-Type") || "application/octet-stream",
      "Content-Range": "bytes " + start + "-" + end + "/" + size,
      "Content-Length": String(end - start + 1), "Accept-Ranges": "bytes" } });
  });
}

function fromCache(request) {
  return saved(request).then(function (hit) { return hit ? ranged(request, hit) : undefined; });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (IMMUTABLE.test(url.pathname)) {  // saved audio first: it cannot have changed
    event.respondWith(fromCache(request).then(function (hit) { return hit || fetch(request); }));
    return;
  }
  event.respondWith(networkFirst(request));
});

// The network first (pages change); the saved copy when it fails, or answers too slowly.
function networkFirst(request) {
  return fromCache(request).then(function (hit) {
    var network = fetch(request);
    if (!hit) return network;
    var slow = new Promise(function (resolve) { setTimeout(resolve, SLOW_MS, hit); });
    return Promise.race([network.catch(function () { return hit; }), slow]);
  });
}
