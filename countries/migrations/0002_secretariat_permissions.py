"""The Secretariat edits the country profiles, their institutions, figures,
documents and indicators, and sees the Focal Points' proposals."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# The models as rabat.roles.SECRETARIAT_MODELS had them when this migration
# was written (copied: a migration does not change with the code).
SECRETARIAT_MODELS = {
    "rabat": ("institution",),
    "countries": (
        "countryprofile",
        "keyfigure",
        "policydocument",
        "indicator",
        "indicatorvalue",
        "profileproposal",
    ),
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create
    # these apps' now so that they can be granted here.
    for app_label in SECRETARIAT_MODELS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    using = schema_editor.connection.alias
    group_model = apps.get_model("auth", "Group")
    secretariat, _created = group_model.objects.using(using).get_or_create(
        name="Secretariat"
    )
    permission_model = apps.get_model("auth", "Permission")
    for app_label, model_names in SECRETARIAT_MODELS.items():
        secretariat.permissions.add(
            *permission_model.objects.using(using).filter(
                content_type__app_label=app_label,
                content_type__model__in=model_names,
            )
        )


def revoke(apps, schema_editor):
    using = schema_editor.connection.alias
    secretariat = (
        apps.get_model("auth", "Group")
        .objects.using(using)
        .filter(name="Secretariat")
        .first()
    )
    if secretariat is None:
        return
    permission_model = apps.get_model("auth", "Permission")
    for app_label, model_names in SECRETARIAT_MODELS.items():
        secretariat.permissions.remove(
            *permission_model.objects.using(using).filter(
                content_type__app_label=app_label,
                content_type__model__in=model_names,
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0001_initial"),
        ("rabat", "0003_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
