/* Báo nói display settings: applied at once, in place (no reload: the reader keeps their place).
   The choice is saved as without JavaScript, in the cookie the page sets, by a HEAD request. */
(function () {
  "use strict";
  var nav = document.getElementById("prefs");
  if (!nav || !window.fetch || !window.URLSearchParams) return;
  var state = new URLSearchParams(nav.getAttribute("data-prefs") || "");
  var html = document.documentElement;
  var prefix = { theme: "t-", spacing: "sp-", width: "w-" };

  function links() { return Array.prototype.slice.call(nav.querySelectorAll("a[href]")); }
  // Each link sets the current state with its own change, should it be followed (low data reloads).
  function relink() {
    links().forEach(function (a) {
      var q = new URLSearchParams(state.toString());
      if (a.hasAttribute("data-k")) { q.set(a.getAttribute("data-k"), a.getAttribute("data-v")); }
      else { q.set("lowdata", a.getAttribute("data-lowdata")); }
      a.setAttribute("href", "?" + q.toString() + "#prefs-h");
    });
  }
  function apply(link) {
    var k = link.getAttribute("data-k"), v = link.getAttribute("data-v");
    state.set(k, v);
    if (k === "size") {
      html.style.fontSize = link.getAttribute("data-pct") + "%";
      document.getElementById("size-now").textContent = link.getAttribute("data-pct");
    } else {
      html.className = html.className.split(/\s+/).filter(function (c) { return c.indexOf(prefix[k]) !== 0; })
        .concat([prefix[k] + v]).join(" ");
      var scheme = document.querySelector('meta[name="color-scheme"]');
      if (k === "theme" && scheme) scheme.setAttribute("content", v === "dark" || v === "contrast" ? "dark" : "light");
    }
    var mark = null;
    links().forEach(function (a) {
      if (a.getAttribute("data-k") !== k) return;
      a.removeAttribute("aria-current");
      mark = mark || a.querySelector(".cur");
    });
    link.setAttribute("aria-current", "true");
    if (mark) link.appendChild(mark);  // "(đang dùng)": the choice said in words moves with it
    relink();
    link.scrollIntoView({ block: "nearest" });
    fetch("?" + state.toString(), { method: "HEAD", credentials: "same-origin" }).catch(function () {});
  }

  links().forEach(function (a) {
    if (!a.hasAttribute("data-k")) a.setAttribute("data-lowdata", /[?&]lowdata=1/.test(a.getAttribute("href")) ? "1" : "0");
  });
  nav.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-k]");
    if (!a || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    apply(a);
  });
})();
