"""Markdown to safe HTML: every piece of user or editor text goes through here."""

import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Elements whose content an HTML parser reads as raw text up to their closing
# tag: left unclosed, they would take (or, for script and style, drop) the
# rest of the text. Markdown reads them as inline tags, so that it goes on
# formatting what follows, and their tags are then shown as text (Markdown has
# already escaped those written in code).
RAW_TEXT_ELEMENTS = (
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "template",
    "textarea",
    "title",
    "xmp",
)
RAW_TEXT_TAG = re.compile(
    rf"<(/?(?:{'|'.join(RAW_TEXT_ELEMENTS)}))(?=[\s/>]|$)", re.IGNORECASE
)


def render_markdown(text: str) -> SafeString:
    """Render Markdown and sanitise the resulting HTML with nh3."""
    converter = markdown_lib.Markdown(extensions=["extra", "sane_lists"])
    converter.block_level_elements = [
        name for name in converter.block_level_elements if name not in RAW_TEXT_ELEMENTS
    ]
    html = converter.convert(text or "")
    html = RAW_TEXT_TAG.sub(r"&lt;\1", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
