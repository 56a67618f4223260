"""axe-core in the pages under test: no serious or critical violation.

axe-core (vendored, see vendor/axe-core/LICENSE) is injected in the page.
"""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(
    encoding="utf-8"
)
BLOCKING_IMPACTS = ("serious", "critical")
TARGETS_SHOWN = 3


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


def assert_no_serious_violation(page):
    blocking = [
        violation
        for violation in axe_violations(page)
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, (
        f"axe-core found {len(blocking)} serious or critical violation(s) "
        f"on {page.url}:\n{describe(blocking)}"
    )
