"""Hostile Markdown and HTML, posted through the real forms, renders inert."""

import html
import re
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.urls import reverse

from forums.models import Topic
from rabat.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from tests.forums.factories import ForumFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db

CORPUS = [
    # Script and event handlers
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"',
    '<div onmouseover="alert(1)">hover</div>',
    "<details open ontoggle=alert(1)>x</details>",
    '<abbr title="x" onmouseover="alert(1)">x</abbr>',
    '<a href="https://example.org" onclick="alert(1)" target="_blank">x</a>',
    '<table><tr><td background="javascript:alert(1)" onclick="alert(1)">x</td>'
    "</tr></table>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    # SVG, frames, objects, styles, meta
    "<svg onload=alert(1)><circle r=10 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # Malformed HTML
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</script>",
    "<a href='javascript:alert(1)'>x",
    '<a href="javascript:alert(1)"<b>x</b>',
    "</p><script>alert(1)</script><p>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    # Links in HTML: schemes in disguise
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;'
    'alert(1)">x</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    # Markdown links and images
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x](javascript&#58;alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[x](https://example.org "title" onmouseover=alert(1))',
    '[x](https://example.org" onmouseover="alert(1))',
    "**[x](javascript:alert(1))**",
    "[<img src=x onerror=alert(1)>](https://example.org)",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    '[x][ref]\n\n[ref]: data:text/html,<script>alert(1)</script> "t"',
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "<vbscript:msgbox(1)>",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![x](x" onerror="alert(1))',
    "![x][img]\n\n[img]: javascript:alert(1)",
    # Markdown extensions (attribute lists, abbreviations, footnotes)
    '[x](https://example.org){: onclick="alert(1)" }',
    '[x](https://example.org){: href="javascript:alert(1)" }',
    '# Title {: onmouseover="alert(1)" }',
    'x\n{: style="x" onclick="alert(1)" }',
    '*[HTML]: " onmouseover="alert(1)\n\nHTML',
    "x[^1]\n\n[^1]: <script>alert(1)</script>[y](javascript:alert(1))",
    '<div markdown="1">[x](javascript:alert(1))</div>',
    # Nesting, quotes, code and entities
    "> <script>alert(1)</script>\n> [x](javascript:alert(1))",
    "> > > ![x](javascript:alert(1))",
    "- [x](javascript:alert(1))\n    - <img src=x onerror=alert(1)>",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\<script>alert(1)\\</script>",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background"}
SAFE_SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
PROSE = re.compile(r'<div class="[^"]*\bprose\b[^"]*">(.*?)</div>', re.DOTALL)


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_inert(fragment):
    lowered = fragment.lower()
    for needle in ("<script", "<svg", "<iframe", "<img", "<object", "<embed"):
        assert needle not in lowered, fragment
    collector = TagCollector()
    collector.feed(fragment)
    collector.close()
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS, fragment
        for name, value in attrs:
            assert not name.startswith("on"), fragment
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, fragment
            if name in URL_ATTRIBUTES and value:
                # What a browser would follow: entities decoded, controls gone.
                url = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
                scheme = SCHEME.match(url)
                if scheme:
                    assert scheme[1] in SAFE_SCHEMES, fragment


@pytest.mark.parametrize(
    "fragment",
    [
        "<p><script>alert(1)</script></p>",
        '<p><a href="jav&#x09;ascript:alert(1)">x</a></p>',
        '<p><a href=" DATA:text/html,x">x</a></p>',
        '<p><a href="https://example.org" onclick="alert(1)">x</a></p>',
        '<p style="color: red">x</p>',
        '<p><svg onload="alert(1)"></svg></p>',
    ],
)
def test_the_check_catches_what_is_not_inert(fragment):
    with pytest.raises(AssertionError):
        assert_inert(fragment)


def post_bodies(page):
    return PROSE.findall(page)


@pytest.fixture(autouse=True)
def _unlimited(monkeypatch):
    # The corpus is posted by one member, faster than anyone may post.
    monkeypatch.setattr("forums.services.posting.RATE_LIMITS", ())
    with mock.patch("forums.notifications.post_published"):
        yield


@pytest.fixture
def topic():
    topic = TopicFactory(forum=ForumFactory())
    PostFactory(topic=topic, author=topic.author, body="Welcome")
    return topic


@pytest.mark.parametrize("payload", CORPUS)
def test_a_hostile_reply_renders_inert_on_the_topic_page(member_client, topic, payload):
    response = member_client.post(
        reverse("forums:reply", args=[topic.pk]), {"body": payload}, follow=True
    )
    assert response.redirect_chain, "the reply was refused"
    bodies = post_bodies(response.content.decode())
    assert len(bodies) == 2
    for body in bodies:
        assert_inert(body)


@pytest.mark.parametrize("payload", CORPUS)
def test_a_hostile_preview_renders_inert(member_client, payload):
    response = member_client.post(reverse("forums:preview"), {"body": payload})
    [body] = post_bodies(response.content.decode())
    assert_inert(body)


def test_a_quoted_hostile_post_renders_inert(member_client, topic):
    hostile = PostFactory(topic=topic, body="\n".join(CORPUS))
    url = reverse("forums:reply", args=[topic.pk])
    form_page = member_client.get(url, {"quote": hostile.pk}).content.decode()
    assert "<script>" not in form_page.split("<textarea", 1)[1].split("</textarea>")[0]
    quoted = member_client.get(url, {"quote": hostile.pk}).context["form"]
    response = member_client.post(url, {"body": quoted["body"].value()}, follow=True)
    for body in post_bodies(response.content.decode()):
        assert_inert(body)


def test_a_hostile_title_is_escaped(member_client, topic):
    title = '<script>alert(1)</script><img src=x onerror="alert(1)">'
    url = reverse("forums:topic_create", args=[topic.forum.slug])
    response = member_client.post(url, {"title": title, "body": "x"}, follow=True)
    page = response.content.decode()
    assert Topic.objects.filter(title=title).exists()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "<script>alert(1)" not in page


def test_safe_links_survive(member_client, topic):
    body = "[site](https://example.org) <mailto:info@example.org> [rel](/en/)"
    response = member_client.post(
        reverse("forums:reply", args=[topic.pk]), {"body": body}, follow=True
    )
    page = response.content.decode()
    assert 'href="https://example.org"' in page
    assert 'href="/en/"' in page
    assert "mailto:" in page


@pytest.mark.parametrize("tag", ["script", "style", "textarea", "title"])
def test_a_reply_with_an_unclosed_raw_text_element_keeps_its_text(
    member_client, topic, tag
):
    body = f"My question:\n\n<{tag}>\n\nDoes the **deadline** still hold?"
    response = member_client.post(
        reverse("forums:reply", args=[topic.pk]), {"body": body}, follow=True
    )
    reply = post_bodies(response.content.decode())[-1]
    assert_inert(reply)
    assert "Does the <strong>deadline</strong> still hold?" in reply
