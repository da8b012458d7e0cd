"""A keyboard alone reaches every control, sees where focus is, and never gets trapped."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

# Marks every visible control with data-k (its order in the page) and returns how many there are.
MARK_CONTROLS = """() => {
  const sel = 'a[href], button, select, textarea, input, summary, audio[controls], [tabindex="0"]';
  const all = [...document.querySelectorAll(sel)].filter(
    (el) => !el.disabled && el.checkVisibility({visibilityProperty: true}));
  all.forEach((el, i) => { el.dataset.k = String(i); });
  return all.length;
}"""

# The control that has focus: its data-k, and whether it looks different from when unfocused.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el.dataset.k === undefined) return null;
  const look = (s) => [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|');
  const ring = (s) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
    || s.boxShadow !== 'none';
  const focused = getComputedStyle(el);
  const now = look(focused), shown = ring(focused);
  return {k: Number(el.dataset.k), tag: el.tagName, text: el.textContent.trim().slice(0, 40),
          visible: shown && now !== el.dataset.unfocused};
}"""

REMEMBER_UNFOCUSED = """() => document.querySelectorAll('[data-k]').forEach((el) => {
  const s = getComputedStyle(el);
  el.dataset.unfocused = [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|');
})"""


def walk(page: Any) -> None:
    """Tab through the page twice over: every control reached, focus visible, wraps to the start."""
    count = page.evaluate(MARK_CONTROLS)
    page.evaluate(REMEMBER_UNFOCUSED)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    reached: dict[int, dict[str, Any]] = {}
    order: list[int] = []
    for _ in range(count * 4 + 20):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if info is None:
            continue  # the browser's own chrome, between the last control and the first
        if order and info["k"] == 0 and len(reached) >= count:
            break  # back at the start: no trap
        if not order or order[-1] != info["k"]:
            order.append(info["k"])
        reached.setdefault(info["k"], info)
    missing = sorted(set(range(count)) - set(reached))
    assert missing == [], f"never reached by Tab: {missing}"
    invisible = [i for i in reached.values() if not i["visible"]]
    assert invisible == [], f"focus not visible on: {invisible}"
    assert order == sorted(order), "Tab order does not follow the page order"
    last = page.evaluate(FOCUSED)
    assert last is not None and last["k"] == 0, "Tab never came back to the first control"


def test_keyboard_reaches_every_control_on_the_reader_page(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}"))
    page.wait_for_selector("#player:not([hidden])")
    page.evaluate("() => { document.querySelector('details').open = true; }")
    walk(page)


@pytest.mark.parametrize("theme", ["dark", "contrast"])
def test_keyboard_focus_is_visible_in_dark_themes(page: Any, live_server: Any, theme: str) -> None:
    page.goto(live_server.at(f"/articles/{live_server.sample}?theme={theme}"))
    page.wait_for_selector("#player:not([hidden])")
    walk(page)


def test_keyboard_reaches_every_control_on_the_list_page(page: Any, live_server: Any) -> None:
    page.goto(live_server.at("/"))
    walk(page)


def test_keyboard_reaches_the_embedded_player(page: Any, live_server: Any) -> None:
    page.goto(live_server.at(f"/embed/{live_server.sample}"))
    walk(page)
