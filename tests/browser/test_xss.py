"""Zero execution: every XSS vector, sanitized, rendered in Chromium inside a reader-like page.

Each payload goes through ``app.clean.sanitize`` and into its own block of an ``<article>`` in
``<main>``, as the reader page shows article blocks. The page is served on an http origin (through
``context.route``) with a report-only CSP whose scripts need a nonce, so any inline script,
handler, ``eval`` or ``javascript:`` navigation reports a violation while it runs; ``alert`` and
friends are replaced to record their calls. Then every element is focused, hovered, clicked and
sent the events that fire handlers, and the DOM is checked for what must not be there. Payloads
are rendered many to a page; a page with any finding is rendered again one payload at a time, so
each finding names its payload.

``eval`` and ``Function`` are left to the CSP (no ``'unsafe-eval'``): Playwright itself evaluates
through ``eval`` in the page, so replacing it would record Playwright.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from app.clean import sanitize

pytestmark = pytest.mark.browser

ORIGIN = "http://reader.baonoi.test"
BASE = "https://backan.gov.vn/news/Pages/ChiTietTinTuc.aspx?ItemID=4521"
BATCH = 50

# The reader page's CSP with scripts limited to one nonce; report-only, so violations also run.
POLICY = (
    "default-src 'self'; img-src 'self' https: http: data:; media-src 'self'; "
    "style-src 'self' 'unsafe-inline'; script-src 'nonce-{nonce}' 'report-sample'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'"
)

PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Kiểm tra XSS · Báo nói</title>
<script nonce="{nonce}">window.harnessReady = true;</script>
</head>
<body>
<a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header><div class="wrap top"><a class="brand" href="/">Báo nói</a></div></header>
<main id="main" tabindex="-1"><div class="wrap">
<article aria-labelledby="b0">
<h1 id="b0" data-block="0">Kiểm tra XSS</h1>
{blocks}
</article>
</div></main>
<footer><div class="wrap"><p>Báo nói</p></div></footer>
</body>
</html>
"""
BLOCK = '<div id="b{n}" data-block="{n}" data-vector="{id}">{html}</div>'

# Runs in every frame before the page's own markup: records calls, violations, javascript: links.
RECORDER = """(() => {
  const record = (kind, detail) => window.xssRecord(kind, String(detail).slice(0, 160));
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open', 'fetch']) {
    window[name] = (...args) => { record('call', `${name}(${args.join(', ')})`); };
  }
  XMLHttpRequest.prototype.open = function (...args) {
    record('call', `XMLHttpRequest.open(${args.join(', ')})`);
  };
  XMLHttpRequest.prototype.send = function () { record('call', 'XMLHttpRequest.send()'); };
  navigator.sendBeacon = (url) => { record('call', `sendBeacon(${url})`); return true; };
  for (const name of ['WebSocket', 'EventSource', 'Worker', 'SharedWorker']) {
    window[name] = function (url) { record('call', `new ${name}(${url})`); };
  }
  Document.prototype.write = function () { record('call', 'document.write()'); };
  Document.prototype.writeln = function () { record('call', 'document.writeln()'); };
  for (const name of ['setTimeout', 'setInterval']) {
    const real = window[name];
    window[name] = function (handler, ...rest) {
      if (typeof handler !== 'function') { record('call', `${name}(${handler})`); return 0; }
      return real.call(this, handler, ...rest);
    };
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    record('csp', `${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
  }, true);
  addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href], area[href]');
    if (link && link.protocol === 'javascript:') record('javascript: navigation', link.href);
    else event.preventDefault();  // other links would leave the page
  }, true);
  addEventListener('submit', (event) => {
    event.preventDefault();
    const target = event.submitter?.formAction || event.target.action;
    if (event.isTrusted) record('form submission', target);
  }, true);
})();"""

# Focus, hover, click and fire the events that run handlers at every element of the article.
INTERACT = """async () => {
  const EVENTS = [
    'focus', 'focusin', 'blur', 'focusout', 'mouseover', 'mouseenter', 'mousemove', 'mousedown',
    'mouseup', 'mouseout', 'mouseleave', 'dblclick', 'contextmenu', 'auxclick', 'pointerover',
    'pointerenter', 'pointerdown', 'pointermove', 'pointerup', 'pointerout', 'pointerleave',
    'pointerrawupdate', 'gotpointercapture', 'touchstart', 'touchmove', 'touchend', 'keydown',
    'keypress', 'keyup', 'beforeinput', 'input', 'change', 'select', 'selectstart',
    'selectionchange', 'invalid', 'reset', 'search', 'wheel', 'mousewheel', 'scroll',
    'scrollend', 'copy', 'cut', 'paste', 'drag', 'dragstart', 'dragend', 'dragenter',
    'dragleave', 'dragover', 'drop', 'load', 'error', 'abort', 'loadstart', 'loadend',
    'progress', 'canplay', 'canplaythrough', 'play', 'playing', 'pause', 'ended', 'timeupdate',
    'volumechange', 'toggle', 'beforetoggle', 'animationstart', 'animationiteration',
    'animationend', 'webkitanimationend', 'transitionstart', 'transitionrun', 'transitionend',
    'webkittransitionend', 'begin', 'beginEvent', 'end', 'endEvent', 'repeat', 'show',
    'cancel', 'close', 'resize', 'message', 'readystatechange', 'contentvisibilityautostatechange',
  ];
  const WINDOW_EVENTS = [
    'load', 'pageshow', 'error', 'resize', 'scroll', 'hashchange', 'popstate', 'message',
    'focus', 'blur', 'online', 'offline', 'storage', 'beforeprint', 'afterprint', 'pagehide',
    'languagechange', 'unhandledrejection', 'rejectionhandled',
  ];
  const fire = (target, type) => target.dispatchEvent(
    new Event(type, { bubbles: true, cancelable: true, composed: true }));
  const all = (root) => [...root.querySelectorAll('*')].flatMap(
    (el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
  for (const el of all(document.querySelector('main article'))) {
    if (!el.isConnected) continue;
    el.focus?.({ preventScroll: true });
    const handlers = [...el.attributes].map((a) => a.localName.toLowerCase())
      .filter((name) => name.startsWith('on')).map((name) => name.slice(2));
    for (const type of new Set([...EVENTS, ...handlers])) fire(el, type);
    if (el.click) el.click();
    else el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  }
  for (const type of WINDOW_EVENTS) { fire(window, type); fire(document, type); }
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await new Promise((done) => setTimeout(done, 250));  // timers and late load events
}"""

# Where each block's centre is, for a real mouse pass over the page.
CENTRES = """() => [...document.querySelectorAll('article [data-vector]')].map((el) => {
  const box = el.getBoundingClientRect();
  return [box.left + box.width / 2, box.top + window.scrollY + Math.min(box.height / 2, 10)];
})"""

# What must not be in the page, by block ('' for the page itself).
INSPECT = """({ expected, url }) => {
  const FORBIDDEN = new Set([
    'svg', 'math', 'style', 'form', 'iframe', 'object', 'embed', 'base', 'meta', 'script',
    'link', 'frame', 'frameset', 'applet', 'noscript', 'template', 'portal', 'fencedframe',
  ]);
  const URL_ATTRIBUTES = new Set([
    'href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'srcset',
    'imagesrcset', 'cite', 'ping', 'codebase', 'lowsrc', 'dynsrc', 'longdesc', 'manifest',
    'icon', 'archive', 'classid', 'profile', 'usemap', 'itemtype',
  ]);
  const BAD_SCHEMES = new Set(['javascript:', 'vbscript:', 'data:']);
  const found = {};
  const add = (id, what) => (found[id] ??= []).push(what);
  const parsed = (value) => {
    try { return new URL(value, document.baseURI); } catch { return null; }
  };
  const urls = (name, value) => (name.endsWith('srcset')
    ? value.split(',').map((part) => part.trim().split(/\\s+/)[0]) : [value]);
  const all = (root) => [...root.querySelectorAll('*')].flatMap(
    (el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
  const blockOf = (el) => {  // across shadow roots
    for (let node = el; node; node = node.getRootNode().host) {
      const block = node.closest('[data-vector]');
      if (block) return block;
    }
    return null;
  };
  const HTML = 'http://www.w3.org/1999/xhtml';
  for (const el of all(document)) {
    const block = blockOf(el);
    const id = block ? block.dataset.vector : '';
    const tag = el.localName.toLowerCase();
    if (block && el !== block && (FORBIDDEN.has(tag) || el.namespaceURI !== HTML))
      add(id, `element <${el.localName}> in ${el.namespaceURI}`);
    if (tag === 'base' || (tag === 'meta' && el.parentElement !== document.head))
      add(id, `element <${tag}>`);
    for (const attr of el.attributes) {
      const name = attr.localName.toLowerCase();
      if (name.startsWith('on')) add(id, `handler ${attr.name} on <${tag}>`);
      if (!URL_ATTRIBUTES.has(name)) continue;
      for (const value of urls(name, attr.value)) {
        const url = parsed(value);
        if (!url || !BAD_SCHEMES.has(url.protocol)) continue;
        const image = tag === 'img' && name === 'src' && /^data:image\\//i.test(url.href);
        if (!image) add(id, `${attr.name}="${attr.value.slice(0, 60)}" on <${tag}>`);
      }
    }
  }
  const article = document.querySelector('main article');
  for (const node of article ? article.childNodes : []) {
    const element = node.nodeType === Node.ELEMENT_NODE;
    const stray = element ? !node.matches('[data-vector], h1') : node.textContent.trim();
    if (stray) add('', `content outside its block: ${node.textContent.slice(0, 60)}`);
  }
  const blocks = document.querySelectorAll('main article > [data-vector]').length;
  if (blocks !== expected) add('', `${blocks} of ${expected} blocks in place`);
  if (location.href !== url || document.baseURI !== url) add('', `page moved: ${document.baseURI}`);
  if (!window.harnessReady) add('', 'the nonced script did not run');
  return found;
}"""


def every(found: dict[str, list[str]]) -> list[str]:
    """All findings, whatever they are tied to."""
    return [item for items in found.values() for item in items]


@dataclass
class Harness:
    """One browser context serving reader-like pages and recording what runs in them."""

    context: Any
    nonce: str
    pages: dict[str, str] = field(default_factory=dict)
    records: list[str] = field(default_factory=list)
    numbers: Iterator[int] = field(default_factory=count)

    def record(self, kind: str, detail: str) -> None:
        """Note something that ran or tried to (called from the page, or by a listener)."""
        self.records.append(f"{kind}: {detail}")

    def dialog(self, dialog: Any) -> None:
        """Note a dialog that got past the replaced ``alert`` and friends, and close it."""
        self.record("dialog", dialog.message)
        dialog.dismiss()

    def navigated(self, frame: Any) -> None:
        """Note the page itself leaving our pages (frames that navigate are in ``serve``)."""
        if frame.parent_frame is None and not frame.url.startswith(ORIGIN):
            self.record("navigated", frame.url)

    def serve(self, route: Any) -> None:
        """Our pages with their report-only CSP; any other request recorded if it navigates."""
        request = route.request
        body = self.pages.get(request.url)
        if body is not None:
            policy = POLICY.format(nonce=self.nonce)
            headers = {"content-security-policy-report-only": policy}
            route.fulfill(body=body, content_type="text/html; charset=utf-8", headers=headers)
            return
        if request.is_navigation_request():
            self.record("navigation", request.url)
        route.abort()

    def render(self, page: Any, vectors: list[tuple[str, str]]) -> dict[str, list[str]]:
        """Findings by vector id ('' when not tied to one) for ``vectors`` shown on one page."""
        url = f"{ORIGIN}/bai/{next(self.numbers)}"
        blocks = (
            BLOCK.format(n=n, id=escape(vid), html=html) for n, (vid, html) in enumerate(vectors, 1)
        )
        self.pages[url] = PAGE.format(nonce=self.nonce, blocks="\n".join(blocks))
        self.records.clear()
        page.goto(url, wait_until="load")
        page.evaluate(INTERACT)
        self.hover(page)
        found: dict[str, list[str]] = page.evaluate(INSPECT, {"expected": len(vectors), "url": url})
        page.evaluate("0")  # a round trip: calls recorded before it have reached us
        del self.pages[url]
        if self.records:
            found.setdefault("", []).extend(self.records)
        return found

    def hover(self, page: Any) -> None:
        """A real mouse over every block, the viewport stretched to hold the page (to 16,000 px)."""
        centres = page.evaluate(CENTRES)
        height = max([int(y) + 20 for _, y in centres], default=800)
        page.set_viewport_size({"width": 1024, "height": min(max(height, 800), 16_000)})
        for x, y in centres:
            page.mouse.move(x, min(y, 15_990))
        page.mouse.click(5, 5)

    def findings(self, page: Any, vectors: list[tuple[str, str]]) -> dict[str, list[str]]:
        """Findings by vector id: pages of BATCH vectors, one vector a page where one is found."""
        failures: dict[str, list[str]] = {}
        for start in range(0, len(vectors), BATCH):
            batch = vectors[start : start + BATCH]
            if not self.render(page, batch):
                continue
            for vid, html in batch:
                if found := self.render(page, [(vid, html)]):
                    failures[vid] = every(found)
        return failures


@pytest.fixture(scope="module")
def harness(browser: Any) -> Iterator[Harness]:
    """A context whose frames record calls and CSP reports, with every request routed."""
    context = browser.new_context(viewport={"width": 1024, "height": 800}, locale="vi-VN")
    harness = Harness(context, secrets.token_urlsafe(18))
    context.expose_function("xssRecord", harness.record)
    context.add_init_script(RECORDER)
    context.route("**/*", harness.serve)
    context.on("page", lambda popup: harness.record("popup", popup.url))
    yield harness
    context.close()


@pytest.fixture
def harness_page(harness: Harness) -> Iterator[Any]:
    """A page of the harness context whose dialogs and navigations are recorded."""
    page = harness.context.new_page()
    page.on("dialog", harness.dialog)
    page.on("framenavigated", harness.navigated)
    yield page
    page.close()


@pytest.fixture(scope="module")
def vectors(shared_corpus: Path) -> list[dict[str, str]]:
    """The XSS corpus, one dict per payload."""
    text = (shared_corpus / "xss" / "vectors.jsonl").read_text(encoding="utf-8")
    lines = text.split("\n")  # not splitlines(): payloads hold U+2028
    return [json.loads(line) for line in lines if line.strip()]


def test_no_sanitized_vector_runs_script_or_keeps_forbidden_markup(
    harness: Harness, harness_page: Any, vectors: list[dict[str, str]]
) -> None:
    assert len(vectors) >= 400
    clean = [(v["id"], sanitize(v["payload"], base_url=BASE)) for v in vectors]
    failures = harness.findings(harness_page, clean)
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


# What the harness must catch when the sanitizer is left out, and the evidence it must show.
EXECUTING = {
    "handler on a broken image": ("<img src=x onerror=alert(1)>", "call: alert(1)"),
    "handler fired by hover": ("<p onmouseover=alert(2)>di chuột</p>", "call: alert(2)"),
    "handler fired by focus": ("<input autofocus onfocus=alert(3)>", "call: alert(3)"),
    "handler fired by a click": ("<b onclick=print()>bấm</b>", "call: print()"),
    "inline script": ("<script>confirm(4)</script>", "call: confirm(4)"),
    "javascript: link": ('<a href="javascript:prompt(5)">x</a>', "call: prompt(5)"),
    "eval in a handler": ("<img src=x onerror=eval('1+1')>", "csp: script-src eval"),
    "body handler": ("<body onload=alert(6)>", "call: alert(6)"),
    "svg animation": (
        "<svg><animate onbegin=alert(7) attributeName=x dur=1s></animate></svg>",
        "call: alert(7)",
    ),
}


@pytest.mark.parametrize("name", EXECUTING)
def test_harness_catches_unsanitized_execution(
    harness: Harness, harness_page: Any, name: str
) -> None:
    payload, evidence = EXECUTING[name]
    found = every(harness.render(harness_page, [("x", payload)]))
    assert any(item.startswith(evidence) for item in found), found
    assert any(item.startswith("csp: ") for item in found), found


def test_harness_names_the_vector_that_ran(harness: Harness, harness_page: Any) -> None:
    bad = "<img src=x onerror=alert(1)>"
    vectors = [("a", "<p>một</p>"), ("b", bad), ("c", "<p>hai</p>")]
    assert set(harness.findings(harness_page, vectors)) == {"b"}
    vectors[1] = ("b", sanitize(bad))
    assert harness.findings(harness_page, vectors) == {}


# Markup that runs nothing here yet must not survive: the DOM checks alone must find it.
FORBIDDEN_BUT_INERT = {
    "svg": "<svg><circle r=1></circle></svg>",
    "math": "<math><mi>x</mi></math>",
    "style": "<style>p{}</style>",
    "form": "<form><label>x</label></form>",
    "iframe": "<iframe></iframe>",
    "object": "<object></object>",
    "embed": "<embed>",
    "meta": '<meta name="x" content="y">',
    "unknown handler": "<p onbaonoi=alert(1)>x</p>",
    "vbscript link": '<a href="vbscript:msgbox(1)">x</a>',
    "data link": '<a href="data:text/html,x">x</a>',
    "data frame on an image": '<img src="data:text/html,x">',
    "form action": '<form action="javascript:alert(1)"></form>',
}


def test_harness_flags_forbidden_markup_even_when_nothing_runs(
    harness: Harness, harness_page: Any
) -> None:
    found = harness.render(harness_page, list(FORBIDDEN_BUT_INERT.items()))
    assert set(found) == set(FORBIDDEN_BUT_INERT), found
