/* Báo nói: "Lưu để nghe khi không có mạng", fetched by reader.js when the panel is opened (its
   buttons come with it: the page does not carry them before). Only
   when the reader presses the button, it registers the service worker (app/static/sw.js, scope
   /) and saves this page, its audio (Opus when "Tiết kiệm dữ liệu" is on and the browser
   plays it, else MP3), its timings and its scripts in a cache of its own. It shows the space the
   saved articles take, and removes them on request. */
(function () {
  "use strict";
  var panel = document.getElementById("offline");
  if (!panel || !window.DOMParser) return;
  var SAVED = "baonoi-offline-", SCOPE = "/", TRIES = 200, lowdata = panel.getAttribute("data-small") === "1";
  panel.insertAdjacentHTML("beforeend", '<p class="note" id="off-d">Lưu trang này và âm thanh của nó (' +
    (lowdata ? "bản Opus nhỏ" : "MP3; bật “Tiết kiệm dữ liệu” để lưu bản Opus nhỏ hơn") +
    ') vào máy, để nghe khi mất mạng. Không có gì được lưu nếu bạn không bấm nút.</p><ul class="opts">' +
    '<li><button type="button" id="off-save" aria-describedby="off-d">Lưu để nghe khi không có mạng</button></li>' +
    '<li><button type="button" id="off-remove" hidden>Xóa bản đã lưu của bài này</button></li>' +
    '<li><button type="button" id="off-clear" hidden>Xóa mọi bài đã lưu</button></li></ul><p id="off-status" class="note" role="status"></p>');
  var name = SAVED + panel.getAttribute("data-id"), page = panel.getAttribute("data-page");
  var save = byId("off-save"), remove = byId("off-remove"), clear = byId("off-clear"), status = byId("off-status");
  var small = lowdata && new Audio().canPlayType("audio/ogg; codecs=opus") !== "";
  var audioUrl = panel.getAttribute(small ? "data-opus" : "data-mp3");

  function byId(id) { return document.getElementById(id); }
  function say(text) { status.textContent = text; }
  function size(bytes) {
    return bytes < 1e6 ? Math.max(1, Math.round(bytes / 1e3)) + " KB" : (bytes / 1e6).toFixed(1).replace(".", ",") + " MB";
  }
  function ours() {
    return caches.keys().then(function (names) { return names.filter(function (n) { return n.indexOf(SAVED) === 0; }); });
  }
  // Bytes held by one cache: the sum of its answers' bodies.
  function cacheSize(cacheName) {
    return caches.open(cacheName).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (r) {
          return cache.match(r).then(function (hit) { return hit ? hit.blob() : null; }).then(function (b) { return b ? b.size : 0; });
        }));
      });
    }).then(function (sizes) { return sizes.reduce(function (a, b) { return a + b; }, 0); });
  }
  // The panel as it stands: this article saved or not, and what every saved article takes.
  function show(before) {
    return ours().then(function (names) {
      return Promise.all(names.map(cacheSize)).then(function (sizes) {
        var total = sizes.reduce(function (a, b) { return a + b; }, 0), at = names.indexOf(name);
        remove.hidden = at < 0; clear.hidden = names.length === 0;
        save.textContent = at < 0 ? "Lưu để nghe khi không có mạng" : "Lưu lại bản mới nhất";
        var text = at < 0 ? "Bài này chưa được lưu." : "Bài này đã được lưu: " + size(sizes[at]) + ".";
        if (names.length) text += " Tổng cộng " + names.length + " bài đã lưu, chiếm " + size(total) + " trên máy.";
        say((before ? before + " " : "") + text);
        panel.setAttribute("data-saved", at < 0 ? "0" : String(sizes[at]));
      });
    });
  }
  // A whole answer, ready to keep (no redirect flag, which a page must not carry).
  function keepable(response) {
    return response.blob().then(function (body) {
      return new Response(body, { status: 200, headers: response.headers });
    });
  }
  // The audio file, once made: 503 answers while it is made are waited out.
  function fetchAudio(tries) {
    return fetch(audioUrl, { cache: "no-store" }).then(function (r) {
      if (r.ok) return r;
      if (r.status !== 503 || tries <= 0) throw new Error(r.status);
      say("Đang tạo âm thanh để lưu…");
      return new Promise(function (resolve) { setTimeout(resolve, 1500); }).then(function () { return fetchAudio(tries - 1); });
    });
  }
  function put(cache, url, response) {
    if (!response.ok) throw new Error(response.status);
    return keepable(response).then(function (kept) { return cache.put(url, kept); });
  }
  function doSave() {
    save.disabled = true;
    say("Đang lưu…");
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist();  // kept under pressure
    var cache;
    navigator.serviceWorker.register(panel.getAttribute("data-worker"), { scope: SCOPE }).then(function () {
      return caches.open(name);
    }).then(function (opened) {
      cache = opened;
      return fetchAudio(TRIES);
    }).then(function (audio) {
      return put(cache, audio.url, audio);
    }).then(function () {  // the page once its audio is made: it names the finished files
      return fetch(page, { cache: "no-store", credentials: "same-origin" });
    }).then(function (response) {
      return response.clone().text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html"), urls = [panel.getAttribute("data-script"), "/static/listens.js"];
        var player = doc.getElementById("player");
        if (player && player.getAttribute("data-timings")) urls.push(player.getAttribute("data-timings"));
        Array.prototype.forEach.call(doc.querySelectorAll("script[src]"), function (s) { urls.push(s.getAttribute("src")); });
        Array.prototype.forEach.call(doc.querySelectorAll("[data-js]"), function (el) { urls.push(el.getAttribute("data-js")); });  // loaded later (prefs.js)
        return put(cache, page, response).then(function () {
          return Promise.all(urls.map(function (u) { return fetch(u).then(function (r) { return put(cache, u, r); }); }));
        });
      });
    }).then(function () {
      return show("Đã lưu. Bạn có thể mở và nghe bài này khi không có mạng.");
    }, function () {
      return caches.delete(name).then(function () { return show("Chưa lưu được bài này. Vui lòng thử lại khi có mạng."); });
    }).then(function () { save.disabled = false; });
  }
  // No saved article left: the service worker goes too.
  function unregisterIfEmpty() {
    return ours().then(function (names) {
      if (names.length) return null;
      return navigator.serviceWorker.getRegistration(SCOPE).then(function (reg) { return reg && reg.unregister(); });
    });
  }
  save.addEventListener("click", doSave);
  remove.addEventListener("click", function () {
    caches.delete(name).then(unregisterIfEmpty).then(function () { return show("Đã xóa bản đã lưu của bài này."); });
  });
  clear.addEventListener("click", function () {
    ours().then(function (names) { return Promise.all(names.map(function (n) { return caches.delete(n); })); })
      .then(unregisterIfEmpty).then(function () { return show("Đã xóa mọi bài đã lưu."); });
  });
  show("");
})();
