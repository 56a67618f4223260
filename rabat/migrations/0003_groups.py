"""The roles of the portal as groups; the Secretariat edits the site's content."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# The groups and the Secretariat's models as rabat.roles had them when this
# migration was written (copied: a migration does not change with the code).
# The other apps' permissions, created later, are granted after `migrate` by
# rabat.roles.ensure_groups (post_migrate).
GROUP_NAMES = (
    "Focal Point",
    "Thematic contact",
    "Steering Committee",
    "Moderator",
    "Secretariat",
)
SECRETARIAT_RABAT_MODELS = (
    "country",
    "newsitem",
    "objective",
    "organisation",
    "page",
    "pillar",
    "theme",
)


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create the
    # app's now so that they can be granted here.
    app_config = apps.get_app_config("rabat")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    using = schema_editor.connection.alias
    group_model = apps.get_model("auth", "Group")
    for name in GROUP_NAMES:
        group_model.objects.using(using).get_or_create(name=name)
    secretariat = group_model.objects.using(using).get(name="Secretariat")
    secretariat.permissions.add(
        *apps.get_model("auth", "Permission")
        .objects.using(using)
        .filter(
            content_type__app_label="rabat",
            content_type__model__in=SECRETARIAT_RABAT_MODELS,
        )
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rabat", "0002_full_text_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
