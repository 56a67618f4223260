from django import template
from django.urls import reverse

from rabat.markdown import markdown_to_text, render_markdown
from rabat.uploads import shortened_name

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ page.body|markdown }}: sanitised HTML from Markdown."""
    return render_markdown(text)


@register.filter
def short_file_name(name):
    """{{ attachment.original_name|short_file_name }}: a long name loses its
    middle (rabat.uploads.shortened_name)."""
    return shortened_name(name)


@register.filter
def page_numbers(page):
    """The page numbers a pagination links to, around `page`, with ellipses."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2)


@register.inclusion_tag("includes/_breadcrumbs.html")
def breadcrumbs(*items):
    """{% breadcrumbs _("Forums") "forums:index" forum.title forum.get_absolute_url
    topic.title %}: the one breadcrumb trail; pairs of a label and an address
    (a path, or a URL name without arguments), then the current page's label."""
    *pairs, current = items
    links = [
        (label, url if url.startswith("/") else reverse(url))
        for label, url in zip(pairs[::2], pairs[1::2], strict=True)
    ]
    return {"links": links, "current": current}


@register.filter
def markdown_text(text):
    """{{ post.body|markdown_text }}: Markdown as plain text, for emails."""
    return markdown_to_text(text)
