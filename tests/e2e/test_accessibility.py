"""axe-core finds no serious or critical accessibility violation.

axe-core (vendored, see vendor/axe-core/LICENSE) checks the rendered pages of
the demo site in both languages.
"""

import pytest

from tests.e2e.axe import assert_no_serious_violation

pytestmark = pytest.mark.e2e

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


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_serious_accessibility_violation(
    live_server, demo_data, page, language, path
):
    url = f"{live_server.url}/{language}/{path}"
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"

    assert_no_serious_violation(page)
