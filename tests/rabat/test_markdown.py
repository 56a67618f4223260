import pytest

from rabat.markdown import markdown_to_text, render_markdown

XSS_CORPUS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "<iframe src='https://example.org'></iframe>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<<script>script>alert(1)<</script>/script>",
    "[a](<javascript:alert(1)>)",
]


@pytest.mark.parametrize("text", XSS_CORPUS)
def test_dangerous_markup_renders_inert(text):
    html = render_markdown(text).lower()
    assert "<script" not in html
    assert "onerror" not in html
    assert "onload" not in html
    assert "javascript:" not in html
    assert "data:" not in html
    assert "<iframe" not in html
    assert "<svg" not in html
    assert "style=" not in html


def test_markdown_keeps_ordinary_formatting_and_safe_links():
    html = render_markdown(
        "## Title\n\n**bold** and [ICMPD](https://www.icmpd.org) or "
        "[mail](mailto:info@processusderabat.net)\n\n- one\n- two"
    )
    assert "<h2>Title</h2>" in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://www.icmpd.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert 'href="mailto:info@processusderabat.net"' in html
    assert "<li>one</li>" in html


def test_markdown_to_text_keeps_markdown_readable():
    source = (
        "## Sessions\n\n- **Data** for *policy* and snake_case\n"
        "- See <https://example.org/a>\n\n\n\n> A quote\n"
        "![A photo](https://example.org/p.png) and [i-Map](https://imap.example/)"
    )
    assert markdown_to_text(source) == (
        "Sessions\n\n- Data for policy and snake_case\n- See https://example.org/a"
        "\n\nA quote\nA photo and i-Map (https://imap.example/)"
    )


@pytest.mark.parametrize(
    "tag", ["script", "style", "textarea", "title", "iframe", "noscript", "xmp"]
)
def test_an_unclosed_raw_text_element_keeps_the_rest_of_the_text(tag):
    html = render_markdown(f"Before\n\n<{tag}>left open\n\nThe **rest** of my text")
    assert "<p>The <strong>rest</strong> of my text</p>" in html
    assert f"&lt;{tag}&gt;left open" in html
    assert f"<{tag}" not in html


def test_a_raw_text_tag_in_code_is_shown_once_escaped():
    html = render_markdown("Write `<script>` or\n\n    <style>\n\nafter")
    assert "<code>&lt;script&gt;</code>" in html
    assert "&lt;style&gt;" in html
    assert "&amp;lt;" not in html
    assert "<p>after</p>" in html


def test_one_text_leaves_nothing_behind_for_the_next():
    # The converter is reused: a text's abbreviations and footnotes stay in it.
    first = render_markdown("The IOM[^1] and HTML.\n\n*[HTML]: Markup\n\n[^1]: A note")
    assert '<abbr title="Markup">HTML</abbr>' in first
    second = render_markdown("HTML again[^1].")
    assert "<abbr" not in second
    assert "A note" not in second
