/* Báo nói player, what it needs only once it plays: fetched by player.js at the first press (or the
   first step by sentence or paragraph, or a click on a paragraph). The spoken sentence highlighted
   and kept in view, steps by sentence and by paragraph, playing from a clicked paragraph, and the
   lock screen's title and buttons. */
window.BaonoiSentences = function (p) {
  "use strict";
  var audio = p.audio, dock = p.dock, say = p.say, seek = p.seek, play = p.play, withTimings = p.withTimings, T = p.timings;
  var current = -1, hl = window.CSS && CSS.highlights && window.Highlight;

  function index(t) {
    if (!T()) return -1;
    var lo = 0, hi = T().length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (T()[mid].start <= t + 0.05) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  // The Range of ``text`` inside ``el``, matching with runs of white space collapsed.
  function rangeOf(el, text) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), node, flat = "", map = [];
    while ((node = walker.nextNode())) {
      for (var k = 0; k < node.nodeValue.length; k++) {
        var ch = node.nodeValue[k], space = /\s/.test(ch);
        if (space && (flat === "" || flat[flat.length - 1] === " ")) continue;
        flat += space ? " " : ch; map.push([node, k]);
      }
    }
    var want = text.replace(/\s+/g, " ").trim(), at = flat.indexOf(want);
    if (at < 0 && want.indexOf(": ") > 0) { want = want.slice(want.indexOf(": ") + 2); at = flat.indexOf(want); }
    if (at < 0 || !want) return null;
    var r = document.createRange(), end = map[at + want.length - 1];
    r.setStart(map[at][0], map[at][1]); r.setEnd(end[0], end[1] + 1);
    return r;
  }

  function show(i) {
    if (i === current || !T()) return;
    var old = document.querySelector(".now");
    if (old) old.classList.remove("now");
    if (hl) CSS.highlights.delete("now");
    current = i;
    if (i < 0) return;
    var el = document.getElementById("b" + T()[i].block);
    if (!el) return;
    var r = hl && rangeOf(el, T()[i].text);
    if (r) { CSS.highlights.set("now", new Highlight(r)); } else { el.classList.add("now"); }
    var box = (r || el).getBoundingClientRect(), bottom = window.innerHeight - (dock ? dock.offsetHeight : 0);
    if (box.top < 0 || box.bottom > bottom) {
      el.scrollIntoView({ block: "center", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    }
  }
  function sentence(step) {
    withTimings(function () {
      var j = Math.max(0, Math.min(T().length - 1, index(audio.currentTime) + step));
      if (seek(T()[j].start)) say("Câu " + (j + 1) + (p.complete() ? "/" + T().length : "") + ".");
    });
  }
  function paragraph(step) {
    withTimings(function () {
      var j = Math.max(0, index(audio.currentTime)), block = T()[j].block;
      if (step < 0) {
        while (j > 0 && T()[j].block === block) j--;
        while (j > 0 && T()[j - 1].block === T()[j].block) j--;
      } else {
        while (j < T().length - 1 && T()[j].block === block) j++;
      }
      var n = 1;
      for (var k = 1; k <= j; k++) if (T()[k].block !== T()[k - 1].block) n++;
      if (seek(T()[j].start)) say("Đoạn " + n + ".");
    });
  }
  function playFrom(block) {
    withTimings(function () {
      for (var i = 0; i < T().length; i++) {
        if (T()[i].block >= block) { p.resumed(); seek(T()[i].start); play(); return; }
      }
    });
  }

  // The lock screen: what plays, and its buttons (next and previous: sentences, unless the page's
  // own script gives them the articles beside this one, and says so).
  function lock() {
    if (!("mediaSession" in navigator)) return;
    var root = p.root, a = p.actions;
    if (window.MediaMetadata) {
      navigator.mediaSession.metadata = new MediaMetadata({
        title: root.getAttribute("data-title"), artist: root.getAttribute("data-author") || "Báo nói", album: "Báo nói" });
    }
    if (lock.done) return;
    lock.done = true;
    [["play", play], ["pause", function () { audio.pause(); }],
     ["seekbackward", a.back], ["seekforward", a.fwd],
     ["previoustrack", a.prevs], ["nexttrack", a.nexts]].forEach(function (x) {
      try { navigator.mediaSession.setActionHandler(x[0], x[1]); } catch (e) { /* unsupported action */ }
    });
    document.dispatchEvent(new CustomEvent("baonoi:lock"));  // the page may give them other meanings
  }

  return {
    lock: lock, show: function () { show(index(audio.currentTime)); },
    sentence: sentence, paragraph: paragraph, playFrom: playFrom
  };
};
