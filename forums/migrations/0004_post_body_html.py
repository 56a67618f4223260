"""Posts keep their text rendered: the existing ones are rendered here."""

from django.db import migrations, models

BATCH = 500


def render_posts(apps, schema_editor):
    from rabat.markdown import render_markdown

    Post = apps.get_model("forums", "Post")
    batch = []
    for post in Post.objects.only("pk", "body").iterator(chunk_size=BATCH):
        post.body_html = str(render_markdown(post.body))
        batch.append(post)
        if len(batch) == BATCH:
            Post.objects.bulk_update(batch, ["body_html"])
            batch = []
    Post.objects.bulk_update(batch, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0003_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="body_html",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(render_posts, migrations.RunPython.noop),
    ]
