from django import template

from rabat.markdown import render_markdown
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
