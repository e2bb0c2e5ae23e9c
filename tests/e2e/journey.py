"""What every journey checks on every page it visits, as a person (and a screen reader) would notice.

A `Journey` is one person in one browser context at one screen size. It collects console errors,
uncaught exceptions, CSP and Permissions-Policy violations from every page; `look(page, step)`
runs axe-core (no serious or critical violation), refuses sideways scrolling on a phone, checks
that every picture loaded and every sound or video can play, and keeps a screenshot in
test-artifacts/; `tables_read_as_cards(step)` checks that a page's tables read as cards on a phone
and as tables on a computer. The test ends with `journey.assert_clean()`.
"""
from __future__ import annotations

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from tests.fixtures.browser import PASSWORD, log_in

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "desktop": DESKTOP}

# Runs in every page before its own scripts: report policy violations where the console listener hears them.
_WATCH = """
(() => {
  const say = (kind, text) => console.error(`[${kind}] ${text}`);
  document.addEventListener('securitypolicyviolation',
    e => say('csp-violation', `${e.violatedDirective} blocked ${e.blockedURI}`));
  if (window.ReportingObserver) {
    new ReportingObserver(reports => reports.forEach(r => say(r.type, JSON.stringify(r.body))),
      {types: ['permissions-policy-violation', 'csp-violation'], buffered: true}).observe();
  }
})();
"""

# Make lazy pictures load, then wait for each picture and each sound or video on the page.
_MEDIA = """
async () => {
  const main = document.querySelector('main') || document;
  const images = [...main.querySelectorAll('img')];
  images.forEach(i => { i.loading = 'eager'; });
  await Promise.all(images.map(i => i.decode().catch(() => null)));
  const players = [...main.querySelectorAll('audio[src], video[src]')].filter(m => !m.src.startsWith('blob:'));
  await Promise.all(players.map(m => m.readyState >= 1 ? null : new Promise(done => {
    m.addEventListener('loadedmetadata', done, {once: true});
    m.addEventListener('error', done, {once: true});
    setTimeout(done, 8000);
    m.preload = 'metadata'; m.load();
  })));
  return {
    images: images.map(i => ({src: i.currentSrc || i.src, width: i.naturalWidth})),
    players: players.map(m => ({src: m.src, tag: m.tagName.toLowerCase(), ready: m.readyState,
                                duration: m.duration, error: m.error && m.error.code})),
  };
}
"""

# Every visible radio button and check box: at least 24 px, and its label right beside it.
_CHOICES = """
() => [...document.querySelectorAll('input[type=radio], input[type=checkbox]')]
  .filter(i => i.offsetParent !== null)
  .map(i => {
    const box = i.getBoundingClientRect();
    const label = i.labels && i.labels[0] ? i.labels[0].getBoundingClientRect() : null;
    const gap = label ? Math.max(0, label.left - box.right, box.left - label.right) : null;
    const sameLine = label ? label.top < box.bottom && label.bottom > box.top : false;
    return {name: i.name, width: box.width, height: box.height, gap, sameLine};
  })
"""

# Each table in a `.table-wrap` of the page: how wide it is against its frame, and for each cell of
# its first row the column's header, the label the stylesheet writes before the value and the text.
_TABLES = r"""
() => [...document.querySelectorAll('main .table-wrap')].map(wrap => {
  const table = wrap.querySelector('table');
  const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  const row = table.querySelector('tbody tr');
  const cells = row ? [...row.cells].filter(td => td.colSpan === 1)
    .map((td, i) => ({header: headers[i], label: getComputedStyle(td, '::before').content,
                      text: td.textContent.replace(/\s+/g, ' ').trim()})) : [];
  return {scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth, headers, cells};
})
"""

_axe = Axe()


class Journey:
    def __init__(self, browser, name: str, size: str = "desktop", **context_options):
        self.name, self.size = name, size
        self.viewport = SIZES[size]
        self.context = browser.new_context(locale="fr-FR", viewport=self.viewport, **context_options)
        self.context.add_init_script(_WATCH)
        self.problems: list[str] = []
        self.screenshots: list[Path] = []
        self.context.on("page", self._listen)
        self.page = self.context.new_page()

    def _listen(self, page) -> None:
        def on_console(message):
            if message.type == "error":
                self.problems.append(f"console on {page.url}: {message.text}")
        page.on("console", on_console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught error on {page.url}: {error}"))

    # -- signing in and out, as a person does ---------------------------------------
    def log_in(self, base: str, email: str, password: str = PASSWORD) -> None:
        log_in(self.page, base, email, password)
        self.page.wait_for_url(f"{base}/home")

    def open_menu(self) -> None:
        """On a phone the header links sit behind the "Menu" button."""
        toggle = self.page.get_by_role("button", name="Menu")
        if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
            toggle.click()

    def follow(self, link_name: str | re.Pattern, *, in_menu: bool = False) -> None:
        if in_menu:
            self.open_menu()
        self.page.get_by_role("link", name=link_name).first.click()
        self.page.wait_for_load_state()

    # -- what is checked on every page -----------------------------------------------
    def media(self) -> dict:
        return self.page.evaluate(_MEDIA)

    def look(self, step: str) -> dict:
        """Check the page as it is now and keep its picture; returns what the media check found."""
        page = self.page
        page.wait_for_load_state("load")
        found = self.media()
        for image in found["images"]:
            if image["width"] <= 0:
                self.problems.append(f"{step}: picture not shown: {image['src']}")
        for player in found["players"]:
            if player["ready"] < 1 or not (player["duration"] and player["duration"] > 0):
                self.problems.append(f"{step}: {player['tag']} cannot play: {player}")
        for choice in page.evaluate(_CHOICES):
            if choice["width"] < 24 or choice["height"] < 24:
                self.problems.append(f"{step}: choice {choice['name']} is smaller than 24 px: {choice}")
            if choice["gap"] is None or choice["gap"] > 16 or not choice["sameLine"]:
                self.problems.append(f"{step}: choice {choice['name']} is not beside its label: {choice}")
        results = _axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                self.problems.append(f"{step}: axe {violation['impact']} {violation['id']}: {violation['help']} {targets}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > self.viewport["width"]:
            self.problems.append(f"{step}: page is {width}px wide on a {self.viewport['width']}px screen")
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{self.name}-{self.size}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        self.screenshots.append(path)
        return found

    def tables_read_as_cards(self, step: str) -> None:
        """On a phone each row of a table is a card (docs/testing.md): no table scrolls sideways and
        each cell of the first row shows its column's name before its value; on a computer the
        table is a table, with no name before the cells."""
        tables = self.page.evaluate(_TABLES)
        heard = self._heard()
        if not tables:
            self.problems.append(f"{step}: no table on the page")
        for number, table in enumerate(tables, 1):
            if not table["cells"]:
                self.problems.append(f"{step}: table {number} has no row to read")
            if self.size == "phone" and table["scrollWidth"] > table["clientWidth"] + 1:
                self.problems.append(f"{step}: table {number} scrolls sideways "
                                     f"({table['scrollWidth']}px in {table['clientWidth']}px)")
            # A screen reader still hears a table: its column headers, and cells without the label.
            for header in table["headers"]:
                if header not in heard["columnheader"]:
                    self.problems.append(f"{step}: table {number}: column {header!r} is not heard as a column header")
            if table["cells"] and table["cells"][0]["text"] not in heard["cell"]:
                self.problems.append(f"{step}: table {number}: the cell {table['cells'][0]['text']!r} is not heard "
                                     "as itself (the label is read with it, or it is no longer a cell)")
            for cell in table["cells"]:
                # Chromium gives the generated text quoted (with its empty alternative text after it).
                if self.size == "phone" and not cell["label"].startswith(f'"{cell["header"]}"'):
                    self.problems.append(f"{step}: table {number}: a cell of column {cell['header']!r} "
                                         f"is labelled {cell['label']!r}")
                if self.size != "phone" and cell["label"] != "none":
                    self.problems.append(f"{step}: table {number}: a label {cell['label']!r} shows on a computer")

    def _heard(self) -> dict[str, set[str]]:
        """The names Chromium's accessibility tree gives to column headers and cells (what a screen reader says)."""
        cdp = self.context.new_cdp_session(self.page)
        try:
            nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        finally:
            cdp.detach()
        heard: dict[str, set[str]] = {"columnheader": set(), "cell": set()}
        for node in nodes:
            role = node.get("role", {}).get("value")
            if role in heard:
                heard[role].add(" ".join(str(node.get("name", {}).get("value", "")).split()))
        return heard

    def assert_clean(self) -> None:
        assert not self.problems, "\n".join(self.problems)
        for shot in self.screenshots:
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    def close(self) -> None:
        self.context.close()
