import importlib

from django.apps import apps

from tests.forums.factories import PostFactory

backfill = importlib.import_module("forums.migrations.0004_post_body_html")


def test_posts_written_before_their_rendering_was_stored_are_rendered(db):
    post = PostFactory(body="*Dakar* [report](javascript:alert(1))", body_html="")
    backfill.render_posts(apps, None)
    post.refresh_from_db()
    assert (
        post.body_html
        == '<p><em>Dakar</em> <a rel="noopener noreferrer nofollow">report</a></p>'
    )
