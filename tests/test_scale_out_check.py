"""The pure helpers of scripts/scale_out_check.py (the check itself starts
nginx, Redis, moto and two nodes: `make scale-out-check`, not pytest)."""

import importlib.util
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.mail import EmailMessage, get_connection

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "scale_out_check.py"
spec = importlib.util.spec_from_file_location("scale_out_check", SCRIPT)
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)

ACCESS_LOG = """\
127.0.0.1 [02/Dec/2026:17:01:02 +0100] "GET /en/about/?x=1 HTTP/1.0" 200 512 check=a1
::1 [02/Dec/2026:17:01:03 +0000] "POST /en/accounts/login/ HTTP/1.0" 302 0 check=b2
127.0.0.1 [02/Dec/2026:17:01:04 +0100] "GET /healthz HTTP/1.0" 200 80 check=-
[2026-12-02 17:01:05 +0100] [123] [INFO] Booting worker with pid: 123
"""


def test_an_access_log_gives_each_request_with_its_check_id():
    hits = check.parse_access_log(ACCESS_LOG)

    assert hits == [
        check.Hit(method="GET", path="/en/about/", status=200, check_id="a1"),
        check.Hit(method="POST", path="/en/accounts/login/", status=302, check_id="b2"),
        check.Hit(method="GET", path="/healthz", status=200, check_id="-"),
    ]


def test_the_node_that_answered_is_the_one_whose_log_has_the_id():
    logs = {
        "node1": check.parse_access_log(ACCESS_LOG),
        "node2": [check.Hit(method="GET", path="/", status=200, check_id="c3")],
    }

    assert check.node_of("b2", logs) == "node1"
    assert check.node_of("c3", logs) == "node2"
    assert check.node_of("d4", logs) is None


def test_review_recipients_counts_what_the_file_backend_wrote(tmp_path):
    review = "Rabat Review <review@processusderabat.net>"
    connection = get_connection(
        "django.core.mail.backends.filebased.EmailBackend", file_path=str(tmp_path)
    )
    connection.send_messages(
        [
            EmailMessage("No. 1", "Hello", review, ["Ana@example.org"]),
            EmailMessage("No. 1", "Hello", review, ["ben@example.org"]),
            EmailMessage("Welcome", "Hi", "no-reply@example.org", ["ben@example.org"]),
        ]
    )
    again = get_connection(
        "django.core.mail.backends.filebased.EmailBackend", file_path=str(tmp_path)
    )
    again.send_messages([EmailMessage("No. 1", "Hello", review, ["ben@example.org"])])

    received = check.review_recipients(tmp_path, sender="review@processusderabat.net")

    assert received == {"ana@example.org": 1, "ben@example.org": 2}


FORM = """
<form method="post">
  <input type="hidden" name="csrfmiddlewaretoken" value="token">
  <input name="title" value="Old">
  <input type="checkbox" name="is_published" checked>
  <input type="checkbox" name="remove_photo" value="1">
  <input type="radio" name="when" value="now" checked>
  <input type="radio" name="when" value="later">
  <select name="language">
    <option value="fr">FR</option><option value="en" selected>EN</option>
  </select>
  <select name="country">
    <option value="">All</option><option value="SN">Senegal</option>
  </select>
  <select name="themes" multiple>
    <option value="1" selected>A</option><option value="2" selected>B</option>
  </select>
  <textarea name="body">
Line one
Line two</textarea>
  <input name="locked" value="x" disabled>
  <input type="file" name="new_photo">
  <button type="submit" name="_save">Save</button>
</form>
"""


def test_form_fields_are_what_a_browser_sends():
    form = BeautifulSoup(FORM, "html.parser").form

    assert check.form_fields(form) == [
        ("csrfmiddlewaretoken", "token"),
        ("title", "Old"),
        ("is_published", "on"),
        ("when", "now"),
        ("language", "en"),
        ("country", ""),
        ("themes", "1"),
        ("themes", "2"),
        ("body", "Line one\nLine two"),
    ]


def test_with_values_replaces_every_value_of_a_field():
    fields = [("themes", "1"), ("themes", "2"), ("title", "Old")]

    assert check.with_values(fields, themes="3", code="123456") == [
        ("title", "Old"),
        ("themes", "3"),
        ("code", "123456"),
    ]


@pytest.mark.parametrize("root", [True, False])
def test_nginx_balances_the_nodes_and_caches_what_the_portal_allows(
    monkeypatch, tmp_path, root
):
    monkeypatch.setattr(check.os, "geteuid", lambda: 0 if root else 1000)
    monkeypatch.setattr(
        check.pwd, "getpwuid", lambda uid: type("pw", (), {"pw_name": "root"})
    )

    config = check.nginx_config(
        workdir=tmp_path,
        port=8443,
        nodes=[8001, 8002],
        certificate=tmp_path / "tls.crt",
        key=tmp_path / "tls.key",
    )

    assert "server 127.0.0.1:8001;\n        server 127.0.0.1:8002;" in config
    assert "listen 127.0.0.1:8443 ssl;" in config
    assert "proxy_cache rabat;" in config
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in config
    assert config.startswith("user root;") is root
