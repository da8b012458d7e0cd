/* Báo nói offline service worker (scope /). It answers from the caches the reader filled by
   pressing "Lưu để nghe khi không có mạng" (app/static/offline.js) and never stores anything
   itself: a page or file nobody saved is fetched from the network as if it were not here. Offline,
   a page nobody saved gets our own page (in Vietnamese, with the saved articles); online, a saved
   article the service no longer has (404, 410: deleted) is dropped, and the reader is told. */
"use strict";

var SAVED = "baonoi-offline-";
var SLOW_MS = 8000;  // a saved page is shown when the network has not answered by then
var IMMUTABLE = /^\/audio\/[0-9a-f]{32}\.[0-9a-f]{16}\./;  // content-addressed: the same bytes forever
var OURS = /^\/(articles|static)\//;  // what a saved copy holds besides its audio
var PAGE = /^\/articles\/[^/]+$/;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function ours() {
  return caches.keys().then(function (names) { return names.filter(function (n) { return n.indexOf(SAVED) === 0; }); });
}

// The saved answer to ``request`` in any of our caches (a page whatever its query), or undefined.
function saved(request) {
  var options = { ignoreSearch: request.mode === "navigate", ignoreVary: true };
  return ours().then(function (names) {
    return names.reduce(function (found, name) {
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
  } else if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (OURS.test(url.pathname)) {
    event.respondWith(networkFirst(request));
  }
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

// A page: as networkFirst, and our page when there is neither network nor saved copy, or when
// the service answers that a saved article is gone (its copy is dropped, and the reader told).
function page(request) {
  return saved(request).then(function (hit) {
    var network = fetch(request).then(function (r) {
      if (!hit || (r.status !== 404 && r.status !== 410)) return r;
      return forget(request).then(function () {
        return ownPage(404, "Bài này đã bị gỡ khỏi Báo nói",
          "Bản đã lưu trên máy này cũng đã được xóa, vì bài không còn trên Báo nói.");
      });
    }, function () {
      if (hit) return hit;
      return PAGE.test(new URL(request.url).pathname)
        ? ownPage(503, "Bài này chưa được lưu để nghe khi không có mạng",
          "Máy đang không có mạng. Khi có mạng, hãy mở lại bài và bấm “Lưu để nghe khi không có mạng”.")
        : ownPage(503, "Không có mạng", "Máy đang không có mạng. Các bài đã lưu vẫn đọc và nghe được.");
    });
    if (!hit) return network;
    var slow = new Promise(function (resolve) { setTimeout(resolve, SLOW_MS, hit); });
    return Promise.race([network, slow]);
  });
}

// Drop every saved copy that holds this page.
function forget(request) {
  return ours().then(function (names) {
    return Promise.all(names.map(function (name) {
      return caches.open(name).then(function (cache) { return cache.match(request, { ignoreSearch: true }); })
        .then(function (hit) { return hit && caches.delete(name); });
    }));
  });
}

// The saved articles: their address and title, read from each saved page.
function savedArticles() {
  return ours().then(function (names) {
    return Promise.all(names.map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (requests) {
          var req = requests.filter(function (r) { return PAGE.test(new URL(r.url).pathname); })[0];
          if (!req) return null;
          return cache.match(req).then(function (r) { return r.text(); }).then(function (html) {
            var title = /<title>([^<]*?)(?: · Báo nói)?<\/title>/.exec(html);
            return { url: new URL(req.url).pathname, title: title ? title[1] : new URL(req.url).pathname };
          });
        });
      });
    }));
  }).then(function (found) { return found.filter(Boolean); });
}

function text(s) { return String(s).replace(/[<>"]/g, ""); }

function ownPage(status, heading, detail) {
  return savedArticles().then(function (list) {
    var items = list.map(function (a) { return "<li><a href=\"" + text(a.url) + "\">" + text(a.title) + "</a></li>"; }).join("");
    var html = "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">" +
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + heading + " · Báo nói</title></head>" +
      "<body><main><h1>" + heading + "</h1><p>" + detail + "</p><h2>Bài đã lưu trên máy này</h2>" +
      (items ? "<ul>" + items + "</ul>" : "<p>Chưa có bài nào được lưu.</p>") + "</main></body></html>";
    return new Response(html, { status: status, headers: {
      "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; base-uri 'none'; form-action 'none'" } });
  });
}
