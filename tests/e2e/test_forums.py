"""The forums in a real browser: write with a preview, quote, mention, unread
markers, moderation; axe-core on the forum pages in both languages."""

import re

import pytest
from playwright.sync_api import expect

from forums.models import Forum, Post, Topic
from tests.e2e.axe import assert_no_serious_violation
from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

FOCAL_POINT = "focal-point@example.org"
MODERATOR = "moderator@example.org"


def log_in(page, live_server, email, language="en"):
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    form = page.locator("main form[method='post']")
    form.locator("input[name='login']").fill(email)
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    form.locator("button[type='submit']").click()
    expect(page).to_have_url(re.compile(rf"/{language}/focal-points/$"))


def test_topic_with_preview_then_reply_with_quote_and_mention(
    live_server, demo_data, page
):
    log_in(page, live_server, FOCAL_POINT)
    forum = Forum.objects.get(slug="general")
    page.goto(f"{live_server.url}/en/focal-points/forums/{forum.slug}/new/")
    page.locator("input[name='title']").fill("Data for the migration profiles")
    page.locator("textarea[name='body']").fill("We need **census** data.")
    page.locator("button[name='preview']").click()
    expect(page.locator(".prose strong", has_text="census").first).to_be_visible()
    # The text typed is still there after the preview.
    expect(page.locator("textarea[name='body']")).to_have_value(
        "We need **census** data."
    )
    page.get_by_role("button", name="Publish the topic").click()
    expect(page.locator("h1")).to_contain_text("Data for the migration profiles")
    topic = Topic.objects.get(title="Data for the migration profiles")

    post = topic.posts.get()
    page.goto(f"{live_server.url}/en/focal-points/forums/topics/{topic.pk}/")
    page.locator(f"#post-{post.pk}").get_by_role("link", name="Quote").click()
    body = page.locator("textarea[name='body']")
    expect(body).to_have_value(re.compile("census"))
    body.press("Control+End")
    body.type("\n\nAgreed, @Jonas.Berg will know.")
    page.get_by_role("button", name="Publish the reply").click()
    expect(page.locator(".forum-post")).to_have_count(2)
    reply = Post.objects.filter(topic=topic).order_by("pk").last()
    assert reply.body.startswith("**Mariama Sow** wrote:")
    assert "> We need **census** data." in reply.body
    assert reply.body.endswith("Agreed, @Jonas.Berg will know.")


def test_unread_marker_clears_after_reading(live_server, demo_data, page):
    log_in(page, live_server, FOCAL_POINT)
    topic = Topic.objects.get(title__startswith="Preparing the Madrid meeting")
    forum_url = f"{live_server.url}/en/focal-points/forums/{topic.forum.slug}/"
    page.goto(forum_url)
    row = page.locator("tr", has_text=topic.title)
    expect(row.locator(".unread-marker")).to_be_visible()
    row.get_by_role("link", name=topic.title).click()
    page.goto(forum_url)
    expect(
        page.locator("tr", has_text=topic.title).locator(".unread-marker")
    ).to_have_count(0)


def test_moderator_locks_a_topic(live_server, demo_data, page):
    log_in(page, live_server, MODERATOR)
    topic = Topic.objects.get(title__startswith="Lessons learnt")
    page.goto(f"{live_server.url}/en/focal-points/forums/topics/{topic.pk}/")
    page.get_by_role("button", name="Lock").first.click()
    expect(page.locator(".alert", has_text="locked").first).to_be_visible()
    topic.refresh_from_db()
    assert topic.is_locked
    expect(page.get_by_role("link", name="Reply")).to_have_count(0)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_forum_pages_are_accessible(live_server, demo_data, page, language):
    log_in(page, live_server, FOCAL_POINT, language)
    forum = Forum.objects.get(slug="general")
    topic = forum.topics.first()
    base = f"{live_server.url}/{language}/focal-points/forums/"
    for url in (
        base,
        f"{base}{forum.slug}/",
        f"{base}topics/{topic.pk}/",
        f"{base}{forum.slug}/new/",
    ):
        response = page.goto(url)
        assert response.ok, url
        assert_no_serious_violation(page)
