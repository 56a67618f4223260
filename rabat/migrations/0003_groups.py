"""The roles of the portal as groups; the Secretariat edits the site's content."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = [
    "Focal Point",
    "Thematic contact",
    "Steering Committee",
    "Moderator",
    "Secretariat",
]
SECRETARIAT_MODELS = [
    "country",
    "newsitem",
    "objective",
    "organisation",
    "page",
    "pillar",
    "theme",
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create the
    # app's now so that they can be granted here.
    app_config = apps.get_app_config("rabat")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)
    secretariat = Group.objects.get(name="Secretariat")
    secretariat.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="rabat",
            content_type__model__in=SECRETARIAT_MODELS,
        )
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rabat", "0002_full_text_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
