/* Báo nói frame while its article is being fetched: asks /api/portal again after the time the
   server names (Retry-After) and reloads the frame once the answer is no longer "pending" (the
   player, or the refusal). Without scripts a <noscript> refresh does the same. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var poll = me.getAttribute("data-poll"), after = Number(me.getAttribute("data-after")) || 2;
  var tries = 0;
  function reload() { window.location.reload(); }
  if (!poll || !window.fetch) { setTimeout(reload, after * 1000); return; }
  function ask() {
    fetch(poll, { credentials: "omit", cache: "no-store" }).then(function (answer) {
      if (answer.status !== 202 || ++tries >= 90) return reload();
      setTimeout(ask, (Number(answer.headers.get("Retry-After")) || after) * 1000);
    }, function () { setTimeout(ask, after * 2000); });
  }
  setTimeout(ask, after * 1000);
})();
