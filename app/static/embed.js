/* Báo nói portal snippet. Put once in the article layout:
   <div data-baonoi></div><script src="https://SERVICE/embed.js" async></script>
   data-baonoi-refusal="message" (default) shows a short Vietnamese note when the article cannot
   be read aloud; "none" shows nothing. No dependencies; nothing loads before the marker is near
   the viewport. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.URL) return;
  var base = new URL(me.src).origin;

  function address() {
    var link = document.querySelector('link[rel="canonical"][href]');
    var og = document.querySelector('meta[property="og:url"][content]');
    var found = (link && link.href) || (og && og.content) || location.href;
    try { var url = new URL(found, location.href); url.hash = ""; return url.href; }
    catch (e) { return location.href.split("#")[0]; }
  }

  function refuse(marker, frame, message) {
    frame.remove();
    if (marker.getAttribute("data-baonoi-refusal") === "none") return;
    var note = document.createElement("p");
    note.className = "baonoi-note";
    note.lang = "vi";
    note.textContent = message || "Chưa nghe được bài này.";
    marker.appendChild(note);
  }

  function start(marker) {
    if (marker.getAttribute("data-baonoi-started")) return;
    marker.setAttribute("data-baonoi-started", "1");
    var frame = document.createElement("iframe"), shown = false;
    frame.title = "Nghe bài đọc (Báo nói)";
    frame.setAttribute("allow", "autoplay 'none'");
    frame.style.cssText = "display:block;border:0;width:100%;height:0;visibility:hidden";
    frame.src = base + "/embed?url=" + encodeURIComponent(address()) +
      "&origin=" + encodeURIComponent(location.origin);
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.origin !== base || event.source !== frame.contentWindow) return;
      if (!data || data.baonoi !== 1) return;
      if (data.type === "refused") return refuse(marker, frame, String(data.message || ""));
      var height = Math.min(Math.max(Number(data.height) || 0, 0), 2000);
      if (data.type === "size" && height) {
        frame.style.height = height + "px";
        frame.style.visibility = "visible";
        shown = true;
      }
    });
    // A frame that loads but never speaks (its origin not allowed, an old proxy page) is refused.
    frame.addEventListener("load", function () {
      setTimeout(function () { if (!shown && frame.parentNode) refuse(marker, frame, ""); }, 3000);
    });
    marker.appendChild(frame);
  }

  function run() {
    var markers = document.querySelectorAll("[data-baonoi]");
    if (!window.IntersectionObserver) return Array.prototype.forEach.call(markers, start);
    var watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { watcher.unobserve(entry.target); start(entry.target); }
      });
    }, { rootMargin: "200px" });
    Array.prototype.forEach.call(markers, function (m) { watcher.observe(m); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
