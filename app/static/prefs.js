/* Display settings applied in place (the reader keeps their place), saved in the cookie as
   without JavaScript: by a HEAD request for the link's own address. */
(function () {
  "use strict";
  var nav = document.getElementById("prefs");
  if (!nav || !window.fetch || !window.URLSearchParams) return;
  var state = new URLSearchParams(nav.getAttribute("data-prefs") || "");
  var html = document.documentElement;
  // Low data and the voice change what is fetched: their links reload the page.
  var keys = { "size-l": "size", "theme-l": "theme", "sp-l": "spacing", "w-l": "width", "ld-l": "lowdata", "voice-l": "voice" };
  var prefix = { theme: "t-", spacing: "sp-", width: "w-" };
  var names = { size: "Cỡ chữ", theme: "Màu nền", spacing: "Giãn dòng", width: "Độ rộng cột chữ" };
  function key(a) { return keys[a.parentNode.parentNode.getAttribute("aria-labelledby")]; }
  function value(a, k) { return new URLSearchParams(a.getAttribute("href").split("#")[0].slice(1)).get(k); }
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[href]"));
  links.forEach(function (a) { a.setAttribute("data-v", value(a, key(a))); });

  function apply(link, k) {
    var v = link.getAttribute("data-v"), mark = null;
    state.set(k, v);
    if (k === "size") {
      html.style.fontSize = document.getElementById("size-now").textContent = link.firstChild.nodeValue;
    } else {
      html.className = html.className.split(/\s+/).filter(function (c) { return c.indexOf(prefix[k]) !== 0; })
        .concat([prefix[k] + v]).join(" ");
      var scheme = document.querySelector('meta[name="color-scheme"]');
      if (k === "theme" && scheme) scheme.setAttribute("content", v === "dark" || v === "contrast" ? "dark" : "light");
    }
    links.forEach(function (a) {
      var q = new URLSearchParams(state.toString()), ak = key(a);
      q.set(ak, a.getAttribute("data-v"));
      a.setAttribute("href", "?" + q.toString() + "#prefs-h");  // should it be followed (low data)
      if (ak === k) { a.removeAttribute("aria-current"); mark = mark || a.querySelector(".cur"); }
    });
    link.setAttribute("aria-current", "true");
    if (mark) link.appendChild(mark);  // "(đang dùng)" moves with the choice
    link.scrollIntoView({ block: "nearest" });
    var said = document.getElementById("prefs-status");  // said, not only shown
    if (said) said.textContent = names[k] + ": " + link.firstChild.nodeValue.trim() + ".";
    save();
  }
  // One save at a time, the newest state last: answers that overtook each other lost a choice.
  var saving = false, again = false;
  function save() {
    if (saving) { again = true; return; }
    saving = true;
    fetch("?" + state.toString(), { method: "HEAD", credentials: "same-origin" }).catch(function () {}).then(function () {
      saving = false;
      if (again) { again = false; save(); }
    });
  }
  nav.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href]"), k = a && key(a);
    if (!k || k === "lowdata" || k === "voice" || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    apply(a, k);
  });
})();
