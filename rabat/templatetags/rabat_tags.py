from django import template

from rabat.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ page.body|markdown }}: sanitised HTML from Markdown."""
    return render_markdown(text)
