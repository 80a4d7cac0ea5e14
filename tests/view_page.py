"""A kgraph view page opened in the test browser (shared by the view's browser tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class Page:
    """A view opened in the browser, recording console errors and every request it makes."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.kgraphView && window.kgraphView.ready")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def counts(self) -> dict[str, int]:
        return dict(self.js("kgraphView.visibleCounts()"))

    def click_node(self, label: str) -> None:
        """A real mouse click on the node drawn with this label."""
        node = self.js(f"kgraphView.data.nodes.findIndex((n) => n.label === {json.dumps(label)})")
        self.js(f"kgraphView.network.focus({node}, {{scale: 1.5, animation: false}})")
        box = self.page.locator("#graph canvas").bounding_box()
        point = self.js(f"kgraphView.network.canvasToDOM(kgraphView.network.getPosition({node}))")
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def offline_and_clean(self) -> None:
        assert self.errors == []
        assert self.requests == [self.url]

    def close(self) -> None:
        self.context.close()
