"""The public pages of the Rabat Review: the archive, an issue's web version,
its files (cover, images, PDF: the absolute URLs the emails use) and the
Atom feed."""

from pathlib import PurePath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from newsletter.models import Article
from newsletter.selectors import (
    archive_by_year,
    archive_entry,
    issue_for_reader,
    issue_page,
    published_issues_newest_first,
    visible_issues,
)
from rabat.http import stored_file_response
from rabat.languages import CONTENT_LANGUAGES, current_language
from rabat.page_cache import PublicPageCacheMixin, lazy_values
from rabat.selectors import related_content
from rabat.uploads import TYPE_OF_EXTENSION


class ArchiveView(PublicPageCacheMixin, TemplateView):
    template_name = "newsletter/archive.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = current_language()
        context.update(
            lazy_values(lambda: {"years": archive_by_year(language)}, "years")
        )
        return context


class IssueView(PublicPageCacheMixin, TemplateView):
    """An issue's web version; the Secretariat also previews unpublished ones."""

    template_name = "newsletter/issue_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = issue_for_reader(number=self.kwargs["number"], user=self.request.user)
        if issue is None:
            raise Http404
        page = issue_page(issue, current_language())
        related = related_content([item.article for item in page.articles])
        context.update(
            page=page,
            issue=issue,
            articles=list(zip(page.articles, related, strict=True)),
        )
        return context


def _image_response(file_field, *, is_published: bool) -> FileResponse:
    suffix = PurePath(file_field.name).suffix.lower()
    return stored_file_response(
        file_field,
        is_public=is_published,
        content_type=TYPE_OF_EXTENSION.get(suffix, "application/octet-stream"),
    )


class IssueFileMixin:
    def get_issue(self, request, number):
        issue = visible_issues(request.user).filter(number=number).first()
        if issue is None:
            raise Http404
        return issue


class CoverImageView(IssueFileMixin, View):
    def get(self, request, number):
        issue = self.get_issue(request, number)
        return _image_response(issue.cover_image, is_published=issue.is_published)


class IssuePdfView(IssueFileMixin, View):
    def get(self, request, number, language):
        if language not in CONTENT_LANGUAGES:
            raise Http404
        issue = self.get_issue(request, number)
        return stored_file_response(
            getattr(issue, f"pdf_{language}"),
            is_public=issue.is_published,
            content_type="application/pdf",
            as_attachment=True,
            filename=f"rabat-review-{issue.number}-{language}.pdf",
        )


class ArticleImageView(View):
    def get(self, request, pk):
        article = (
            Article.objects.select_related("issue")
            .filter(issue__in=visible_issues(request.user), pk=pk)
            .first()
        )
        if article is None:
            raise Http404
        return _image_response(article.image, is_published=article.issue.is_published)


class IssueFeed(View):
    """An Atom feed of the published issues, in the language of its URL."""

    def get(self, request):
        language = current_language()
        feed = Atom1Feed(
            title=_("Rabat Review"),
            link=settings.SITE_URL + reverse("newsletter:archive"),
            feed_url=settings.SITE_URL + reverse("newsletter:feed"),
            description=_("The quarterly newsletter of the Rabat Process."),
            language=language,
            author_name=_("Secretariat of the Rabat Process"),
        )
        for issue in published_issues_newest_first():
            entry = archive_entry(issue, language)
            link = settings.SITE_URL + issue.get_absolute_url()
            feed.add_item(
                title=_("Rabat Review no. %(number)s: %(title)s")
                % {"number": issue.number, "title": entry.title},
                link=link,
                unique_id=link,
                # Atom summaries are typed "html": the plain text is escaped.
                description=escape(entry.summary.text),
                pubdate=issue.published_at,
                updateddate=issue.published_at,
            )
        response = HttpResponse(content_type=f"{feed.content_type}")
        feed.write(response, "utf-8")
        return response
