"""The roles of the portal as groups; the Secretariat edits the site's content."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from rabat.roles import GROUP_LABELS, ensure_groups


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create the
    # app's now so that they can be granted here.
    app_config = apps.get_app_config("rabat")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ensure_groups(apps, using=schema_editor.connection.alias)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_LABELS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rabat", "0002_full_text_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
