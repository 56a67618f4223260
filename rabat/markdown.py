"""Markdown to safe HTML, or to plain text: every piece of user or editor
text goes through here."""

import functools
import re
import threading

import markdown as markdown_lib
import nh3
from django.utils.html import strip_tags
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


# Building a Markdown converter (its extensions, their patterns) costs more
# than converting a post: each thread keeps one, reset between texts.
_local = threading.local()


def _converter() -> markdown_lib.Markdown:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = markdown_lib.Markdown(extensions=["extra", "sane_lists"])
        converter.block_level_elements = [
            name
            for name in converter.block_level_elements
            if name not in RAW_TEXT_ELEMENTS
        ]
        _local.converter = converter
    return converter


def render_markdown(text: str) -> SafeString:
    """Render Markdown and sanitise the resulting HTML with nh3.

    The same text gives the same HTML: the latest texts rendered in this
    process are kept (the pages that show an editor's text on every view).
    """
    return mark_safe(_rendered(text or ""))  # noqa: S308 - sanitised by nh3


@functools.lru_cache(maxsize=256)
def _rendered(text: str) -> str:
    converter = _converter()
    try:
        html = converter.convert(text)
    finally:
        converter.reset()
    html = RAW_TEXT_TAG.sub(r"&lt;\1", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?!\s)(.+?)(?<!\s)\1(?![\w*])")
_CODE = re.compile(r"`+([^`]*)`+")
_LINE_MARKS = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?)", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def markdown_to_text(source: str, *, urls: bool = True) -> str:
    """Markdown made readable as plain text (emails, summaries, snippets):
    links spelled out as "label (url)" (or their label only, without `urls`),
    heading and quote marks, emphasis and HTML tags dropped, code spans kept
    as they are written; lists and paragraphs kept (Markdown reads well as
    it is)."""
    text = _AUTOLINK.sub(r"\1", source or "")
    text = _LINK.sub(_plain_link if urls else _link_label, text)
    # Odd parts are code spans: their text is shown as written.
    parts = _CODE.split(text)
    text = "".join(
        part if index % 2 else _EMPHASIS.sub(r"\2", strip_tags(part))
        for index, part in enumerate(parts)
    )
    text = _LINE_MARKS.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def _plain_link(match: re.Match) -> str:
    is_image, label, url = match.groups()
    if is_image:
        return label
    return url if label in ("", url) else f"{label} ({url})"


def _link_label(match: re.Match) -> str:
    return match.group(2) or match.group(3)
