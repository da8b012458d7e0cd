/* Báo nói reader page beside the player: keep listening, the offline panel (offline.js loads
   when opened, listens.js at the first play), lost pictures shown as their alt. */
(function () {
  "use strict";
  var AUTOPLAY = "baonoi:autoplay", CONTINUE = "baonoi:continue";
  function byId(id) { return document.getElementById(id); }
  function get(store, key) { try { return store.getItem(key); } catch (e) { return null; } }
  function set(store, key, value) { try { store.setItem(key, value); } catch (e) { /* private mode */ } }

  function keepListening(panel) {
    var box = byId("cont-toggle"), status = byId("cont-status"), audio = byId("audio"), going = false;
    function data(name) { return panel.getAttribute("data-" + name); }
    function say(text) { status.textContent = text; }
    // Say a phrase with a clip of its own, then open article ``target`` and play it there.
    function go(target, phrase, text) {
      if (going) return;
      going = true; say(text);
      var open = function () {
        if (!target) return;
        set(sessionStorage, AUTOPLAY, data(target));
        location.assign(data(target + "-url"));
      };
      if (!phrase) { open(); return; }
      var clip = new Audio(data("phrase-" + phrase));
      clip.addEventListener("ended", open);
      clip.addEventListener("error", open);
      clip.play().catch(open);
    }
    function next() {
      if (data("next")) go("next", "next", "Bài tiếp theo: " + data("next-title"));
      else go(null, "end", "Đã hết danh sách bài.");
    }
    function previous() { if (data("prev")) go("prev", null, "Mở bài trước."); }
    function ended() { if (box.checked) next(); }
    // The lock screen's next and previous always open the articles beside this one (the player says so).
    function claimTracks() {
      if (!("mediaSession" in navigator)) return;
      [["nexttrack", next], ["previoustrack", data("prev") ? previous : null]].forEach(function (p) {
        try { navigator.mediaSession.setActionHandler(p[0], p[1]); } catch (e) { /* unsupported */ }
      });
    }
    function later() { setTimeout(claimTracks, 0); }
    box.checked = get(localStorage, CONTINUE) === "1";
    box.addEventListener("change", function () {
      set(localStorage, CONTINUE, box.checked ? "1" : "0");
      say(box.checked ? "Đã bật nghe liên tục: hết bài sẽ tự phát bài tiếp theo." : "Đã tắt nghe liên tục.");
    });
    document.addEventListener("baonoi:ended", ended);
    document.addEventListener("baonoi:play", later);
    document.addEventListener("baonoi:lock", claimTracks);
    if (audio) { audio.addEventListener("ended", ended); audio.addEventListener("play", later); }
    byId("cont-js").hidden = false;
    claimTracks();
    // Opened by the end of the article before: play, through the player (else its "Phát").
    if (get(sessionStorage, AUTOPLAY) === data("id")) {
      sessionStorage.removeItem(AUTOPLAY);
      var asked = false;
      document.addEventListener("baonoi:play", function () { asked = true; }, { once: true });
      document.dispatchEvent(new CustomEvent("baonoi:play-request"));
      setTimeout(function () {
        if (!asked && audio && audio.paused && byId("toggle")) byId("toggle").click();
      }, 800);
      setTimeout(function () {  // the browser would not start it without a press
        if (!audio || !audio.paused) return;
        say("Bấm “Phát” để nghe bài này.");
        if (byId("toggle")) byId("toggle").focus();
      }, 3000);
    }
  }

  function addScript(src) {
    var script = document.createElement("script");
    script.src = src;
    document.head.appendChild(script);
    return script;
  }

  function offlinePanel(panel) {
    if (!("serviceWorker" in navigator) || !window.caches) return;
    panel.addEventListener("toggle", function () {
      if (!panel.open || byId("offline-js")) return;
      addScript(panel.getAttribute("data-script")).id = "offline-js";
    });
    panel.hidden = false;
  }

  function collapse(img) {
    var text = document.createElement("span"), alt = img.getAttribute("alt");
    text.className = "img-alt";
    text.textContent = alt;
    if (alt) img.replaceWith(text); else img.remove();
  }
  document.addEventListener("error", function (e) { if (e.target.tagName === "IMG") collapse(e.target); }, true);
  Array.prototype.forEach.call(document.querySelectorAll("article img"), function (img) {
    if (img.complete && img.naturalWidth === 0 && img.getAttribute("src")) collapse(img);
  });
  document.addEventListener("play", function () { addScript("/static/listens.js"); }, { capture: true, once: true });
  if (byId("continue")) keepListening(byId("continue"));
  if (byId("offline")) offlinePanel(byId("offline"));
})();
