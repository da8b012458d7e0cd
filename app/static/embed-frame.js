/* Báo nói frame: tells the page that embeds it its height, or that it was refused.
   Messages go to the one origin named in data-origin (the server checked it). */
(function () {
  "use strict";
  var me = document.currentScript, origin = me && me.getAttribute("data-origin");
  if (!origin || window.parent === window) return;
  var refused = document.body.getAttribute("data-refused");
  function send() {
    var note = document.getElementById("baonoi-refusal");
    window.parent.postMessage({
      baonoi: 1,
      type: refused ? "refused" : "size",
      code: refused || "",
      message: note ? note.textContent : "",
      height: Math.ceil(document.documentElement.getBoundingClientRect().height)
    }, origin);
  }
  if (window.ResizeObserver && !refused) new ResizeObserver(send).observe(document.documentElement);
  else send();
})();
