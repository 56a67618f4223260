"""axe-core finds no serious or critical accessibility violation.

axe-core (vendored, see vendor/axe-core/LICENSE) checks the rendered pages of
the demo site in both languages.
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(
    encoding="utf-8"
)
BLOCKING_IMPACTS = ("serious", "critical")
TARGETS_SHOWN = 3

# Page name -> path after the language prefix.
PAGES = {
    "home": "",
    "about": "about/",
    "strategy": "strategy/",
    "partners": "partners/",
    "news": "news/",
    "search": "search/?q=senegal",
    "login": "accounts/login/",
}


def axe_violations(page):
    """Run axe-core on the page and return its violations.

    The site's Content-Security-Policy allows scripts from 'self' only, so
    `page.add_script_tag(content=...)` (an inline <script>) is refused by the
    browser. `page.evaluate()` instead runs the source through the DevTools
    protocol, which the page's CSP does not govern: axe-core is injected
    without weakening the policy of the page under test (no `bypass_csp`).
    """
    page.evaluate(AXE_SOURCE)
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations;
        }"""
    )


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        nodes = violation["nodes"]
        for node in nodes[:TARGETS_SHOWN]:
            target = " >> ".join(map(str, node["target"]))
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}: {summary}")
        if len(nodes) > TARGETS_SHOWN:
            lines.append(f"    ... and {len(nodes) - TARGETS_SHOWN} more")
    return "\n".join(lines)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_serious_accessibility_violation(
    live_server, demo_data, page, language, path
):
    url = f"{live_server.url}/{language}/{path}"
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"

    blocking = [
        violation
        for violation in axe_violations(page)
        if violation["impact"] in BLOCKING_IMPACTS
    ]

    assert not blocking, (
        f"axe-core found {len(blocking)} serious or critical violation(s) "
        f"on {url}:\n{describe(blocking)}"
    )
