"""Every dashboard page, signed in as an admin over a realistic data set
(tests/dashboard/realistic_data.py), at 390x844 (a phone), 768x1024 (a tablet) and 1440x900 in
the system Chromium, each page loaded once and resized:

(a) no horizontal overflow (``document.scrollingElement.scrollWidth <= innerWidth``);
(b) no console errors or page errors (a CSP violation is a console error);
(c) every visible control is reached with Tab, and shows that it has focus (its computed outline
    or box-shadow changes);
(d) axe-core finds no serious or critical violation.

A full-page screenshot of each page at each width goes to ``VIBE_SCREENSHOTS`` (default
``test-artifacts/screenshots/``), taken before the checks so a failure has its picture. A GET
route added without an entry in PAGES (or NOT_PAGES) fails ``test_every_page_is_measured``, as
test_access_matrix.py does for access.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.dashboard.browser import chromium, collect_errors, login_with_github, new_page
from tests.dashboard.conftest import OCTO_REPO, Dashboard
from tests.dashboard.realistic_data import seed_realistic

ROOT = Path(__file__).resolve().parents[2]
# axe-core as the PyPI package axe-playwright-python ships it (the dev extra); we inject it and
# call axe.run ourselves, so the rule set and the reporting are ours.
_AXE_PACKAGE = importlib.util.find_spec("axe_playwright_python")
AXE_JS = Path(_AXE_PACKAGE.origin or "").parent / "axe.min.js" if _AXE_PACKAGE else None
# axe is served from the page's own origin, so the page's CSP (script-src 'self') stays in force.
AXE_URL = "/__page-quality/axe.min.js"
WIDTHS = ((390, 844), (768, 1024), (1440, 900))
# Our rule set: WCAG 2.2 A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Replaced by ids of the data set: the GitLab project's key, an open finding of octo/app, and
# the GitLab project's finding.
GITLAB, FINDING, GITLAB_FINDING = "{gitlab}", "{finding}", "{gitlab_finding}"


@dataclass(frozen=True)
class Page:
    name: str  # the screenshot's file name: <name>-<width>.png
    route: str  # the route as registered
    path: str  # a concrete request to it
    status: int = 200


PAGES = [
    Page("overview", "/", "/"),
    Page("overview-installation", "/", "/?installation_id=1"),
    Page("repository", "/repositories/{repository_id}", f"/repositories/{OCTO_REPO}"),
    Page("repository-gitlab", "/repositories/{repository_id}", f"/repositories/{GITLAB}"),
    Page("not-found", "/repositories/{repository_id}", "/repositories/999999", status=404),
    Page(
        "assistant",
        "/repositories/{repository_id}/assistant",
        f"/repositories/{OCTO_REPO}/assistant",
    ),
    Page("findings", "/findings", "/findings"),
    Page("finding", "/findings/{finding_id}", f"/findings/{FINDING}"),
    Page("finding-gitlab", "/findings/{finding_id}", f"/findings/{GITLAB_FINDING}"),
    Page("findings-search", "/findings", "/findings?q=formatting&severity=error"),
    Page("jobs", "/jobs", "/jobs"),
    Page("job-failed", "/jobs/{job_id}", "/jobs/pr_check:seed-5"),
    Page("settings", "/settings", "/settings"),
    Page("audit", "/audit", "/audit"),
    Page("notifications", "/notifications", "/notifications"),
    Page("login", "/login", "/login"),
    Page("api-docs", "/api/v1/docs", "/api/v1/docs"),
]
# GET routes that render no page: redirects, event streams, files, operations endpoints.
# Every other GET route under /api/v1/ answers JSON.
NOT_PAGES = {
    "/login/github",
    "/login/callback",
    "/login/gitlab",
    "/login/gitlab/callback",
    "/jobs/events",
    "/findings/{finding_id}/source",
    "/repositories/{repository_id}/assistant/messages/{message_id}/events",
    "/static",
    "/healthz",
    "/readyz",
    "/metrics",
}


def _is_page(route: str) -> bool:
    if route in NOT_PAGES:
        return False
    return not route.startswith("/api/v1/") or route in {page.route for page in PAGES}


def test_every_page_is_measured(dashboard: Dashboard):
    registered = {
        route.resource.canonical
        for route in dashboard.server.app.router.routes()
        if route.method == "GET" and route.resource is not None
    }
    pages = {route for route in registered if _is_page(route)}
    measured = {page.route for page in PAGES}
    assert pages - measured == set(), "pages without an entry in PAGES (or NOT_PAGES)"
    assert measured - registered == set(), "entries for pages that do not exist"


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("VIBE_SCREENSHOTS") or ROOT / "test-artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# The controls Tab should reach: visible, enabled, not taken out of the tab order. One radio of
# a group is enough (arrow keys move within it). Their unfocused look is kept to compare.
_FOCUSABLE_JS = """() => {
  // Tab starts from the top, as after a load. blur() alone would leave the starting point at the
  // control focused last (the previous width's round); a node focused and removed moves it to
  // the start of the body.
  const start = document.createElement('span');
  start.tabIndex = -1;
  document.body.prepend(start);
  start.focus({preventScroll: true});
  start.remove();
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex], '
    + '[contenteditable="true"]';
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|');
  };
  const candidates = [...document.querySelectorAll(selector)].filter((el) => {
    if (el.matches(':disabled') || el.getAttribute('tabindex') === '-1') return false;
    if (el.type === 'hidden' || el.closest('[inert]')) return false;
    // Inside a closed <details>: laid out (so it has a box) but not shown, nor reachable.
    if (!el.checkVisibility()) return false;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
  });
  const describe = (el) => {
    const text = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (text ? ` "${text}"` : '');
  };
  window.__quality = {
    candidates,
    keys: candidates.map((el, i) => el.type === 'radio' && el.name ? 'radio:' + el.name : 'c' + i),
    looks: candidates.map(look),
    names: candidates.map(describe),
    look,
  };
  return candidates.length;
}"""
# After a Tab: which candidate has focus (-1: none of them; -2: the page itself), and whether
# its look differs from its unfocused one.
_FOCUSED_JS = """() => {
  const q = window.__quality;
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return [-2, false];
  const i = q.candidates.indexOf(el);
  if (i < 0) return [-1, false];
  const now = q.look(el).split('|');
  const before = q.looks[i].split('|');
  const outline = now[0] !== 'none' && parseFloat(now[1]) > 0
    && now.slice(0, 3).join('|') !== before.slice(0, 3).join('|');
  return [i, outline || now[3] !== before[3]];
}"""
_AXE_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                  targets: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}));
}"""


async def _keyboard_problems(page: Any) -> list[str]:
    count = await page.evaluate(_FOCUSABLE_JS)
    keys: list[str] = await page.evaluate("() => window.__quality.keys")
    names: list[str] = await page.evaluate("() => window.__quality.names")
    # Per control reached: whether any of its tab stops showed focus (a date input has several:
    # its fields and its calendar button).
    shown: dict[str, bool] = {}
    first_name: dict[str, str] = {}
    previous = None
    for step in range(2 * count + 10):
        await page.keyboard.press("Tab")
        index, visible = await page.evaluate(_FOCUSED_JS)
        if index == -2 and step > 0:
            break  # past the last control: the tab order went round
        if index < 0:
            continue
        key = keys[index]
        if key in shown and key != previous:
            break
        shown[key] = shown.get(key, False) or visible
        first_name.setdefault(key, names[index])
        previous = key
    missed = [names[i] for i, key in enumerate(keys) if key not in shown]
    no_focus_style = [first_name[key] for key, visible in shown.items() if not visible]
    problems = []
    if missed:
        problems.append(f"{len(missed)} controls not reached with Tab: {missed[:5]}")
    if no_focus_style:
        problems.append(f"{len(no_focus_style)} without a visible focus: {no_focus_style[:5]}")
    return problems


# The page's width, the window's, and the innermost elements reaching past its right edge (not
# those inside a scrolling box, which may be wider).
_OVERFLOW_JS = """() => {
  const inner = window.innerWidth;
  const clipped = e => {
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > inner + 1 && !clipped(e))
    .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > inner + 1))
    .slice(0, 3)
    .map(e => `${e.tagName.toLowerCase()}${e.className ? "." + e.className : ""}`
      + ` (${Math.round(e.getBoundingClientRect().right)}px)`);
  return [document.scrollingElement.scrollWidth, inner, wide.join(", ")];
}"""


async def _measure(
    page: Any, errors: list[str], target: Page, path: str
) -> list[tuple[int, dict[str, Any]]]:
    """The page loaded once, then measured at each width in turn: its CSS follows a resize as it
    follows a load, so a load per width would only repeat the requests and axe's injection."""
    first_width, first_height = WIDTHS[0]
    await page.set_viewport_size({"width": first_width, "height": first_height})
    errors.clear()
    response = await page.goto(path, wait_until="load")
    status = response.status if response is not None else None
    await page.add_script_tag(url=AXE_URL)
    # What the page logged at its load and at each width, before axe ran. An error page's own
    # status (the 404 asked for) is logged by Chromium as a failed load: expected, not counted.
    errors[:] = [
        error
        for error in errors
        if target.status == 200
        or not error.startswith("console: Failed to load resource")
        or not error.endswith(f" at {page.url}")
    ]
    measured = []
    for width, height in WIDTHS:
        await page.set_viewport_size({"width": width, "height": height})
        # No focus left by the previous width's Tab round in the picture (a skip link shown).
        await page.evaluate("() => document.activeElement?.blur()")
        await page.screenshot(path=screenshot_dir() / f"{target.name}-{width}.png", full_page=True)
        overflow = await page.evaluate(_OVERFLOW_JS)
        keyboard = await _keyboard_problems(page)
        console = list(errors)
        axe: list[dict[str, Any]] = await page.evaluate(_AXE_JS, AXE_TAGS)
        errors.clear()
        found = {
            "status": status,
            "overflow": overflow if overflow[0] > overflow[1] else None,
            "console": console,
            "keyboard": keyboard,
            "axe": axe,
        }
        measured.append((width, found))
    return measured


def _failures(name: str, width: int, target: Page, found: dict[str, Any]) -> list[str]:
    where = f"{name} at {width}px"
    lines = []
    if found["status"] != target.status:
        lines.append(f"{where}: status {found['status']}, expected {target.status}")
    if found["overflow"]:
        scroll, inner, widest = found["overflow"]
        lines.append(f"{where}: {scroll}px wide in a {inner}px window, widest: {widest}")
    lines += [f"{where}: {error}" for error in found["console"]]
    lines += [f"{where}: {problem}" for problem in found["keyboard"]]
    lines += [
        f"{where}: axe {v['impact']} {v['id']} ({v['help']}) on {v['count']} elements, "
        f"e.g. {v['targets']}"
        for v in found["axe"]
    ]
    return lines


def _table_row(name: str, width: int, found: dict[str, Any]) -> str:
    axe = found["axe"]
    return (
        f"{name:<20} {width:>5}  overflow={'yes' if found['overflow'] else 'no':<3} "
        f"console={len(found['console'])} keyboard={'ok' if not found['keyboard'] else 'FAIL'} "
        f"axe={len(axe)} {','.join(v['id'] for v in axe)}"
    )


async def _ids(dashboard: Dashboard) -> dict[str, str]:
    pool = dashboard.context.pool
    query = (
        "SELECT f.id FROM findings f JOIN projects p ON p.id = f.project_id "
        "WHERE p.repository_id = $1 AND f.fixed_at IS NULL ORDER BY f.id LIMIT 1"
    )
    return {
        GITLAB: str(dashboard.demo_key),
        FINDING: str(await pool.fetchval(query, OCTO_REPO)),
        GITLAB_FINDING: str(await pool.fetchval(query, dashboard.demo_key)),
    }


@pytest.mark.timeout(600)
async def test_every_page_passes_at_every_width(dashboard: Dashboard):
    await seed_realistic(dashboard.context.pool, (dashboard.demo_key, dashboard.hidden_key))
    failures: list[str] = []
    table: list[str] = []
    ids = await _ids(dashboard)
    assert AXE_JS is not None, "no axe-core: `pip install -e '.[dev]'` (axe-playwright-python)"
    async with chromium() as browser:
        page = await new_page(browser, str(dashboard.server.make_url("/")))
        await page.route(f"**{AXE_URL}", lambda route: route.fulfill(path=AXE_JS))
        errors: list[str] = []
        collect_errors(page, errors, failed_loads=True)
        await login_with_github(page, dashboard.oauth, "root")
        rows: list[tuple[int, str]] = []
        for target in PAGES:
            path = target.path
            for placeholder, value in ids.items():
                path = path.replace(placeholder, value)
            for width, found in await _measure(page, errors, target, path):
                failures += _failures(target.name, width, target, found)
                rows.append((width, _table_row(target.name, width, found)))
        table = [row for _, row in sorted(rows, key=lambda row: row[0])]
    print("\n".join(table))  # the summary, for -s or a failure's captured output
    assert failures == [], "\n".join(["page quality problems:", *failures])
