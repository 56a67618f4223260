"""The roles of the portal: Django groups, and what the Secretariat may edit."""

from django.apps import apps as global_apps
from django.utils.translation import gettext_lazy as _

FOCAL_POINT = "Focal Point"
THEMATIC_CONTACT = "Thematic contact"
STEERING_COMMITTEE = "Steering Committee"
MODERATOR = "Moderator"
SECRETARIAT = "Secretariat"

# Group name -> label shown to users.
GROUP_LABELS = {
    FOCAL_POINT: _("Focal Point"),
    THEMATIC_CONTACT: _("Thematic contact"),
    STEERING_COMMITTEE: _("Steering Committee"),
    MODERATOR: _("Moderator"),
    SECRETARIAT: _("Secretariat"),
}

# Every group gives access to the private area.
MEMBER_GROUPS = tuple(GROUP_LABELS)

# app label -> models whose content the Secretariat edits in the admin.
SECRETARIAT_MODELS = {
    "rabat": [
        "country",
        "newsitem",
        "objective",
        "organisation",
        "page",
        "pillar",
        "theme",
    ],
    "contacts": ["contact", "contactrole", "invitation"],
    "forums": ["forum", "topic", "post", "report"],
    "meetings": [
        "meeting",
        "agendaitem",
        "meetingdocument",
        "registration",
        "delegate",
    ],
    "newsletter": ["issue", "article", "subscriber", "campaign"],
}


def is_secretariat(user) -> bool:
    """The Secretariat and staff: every contact field, every forum, exports."""
    return user.is_staff or SECRETARIAT in user.group_names


def ensure_groups(apps=global_apps, using="default"):
    """Create the groups and grant the Secretariat its permissions; idempotent.

    Run by the data migration, and after every `migrate` or `flush` (which
    empties the tables), through the post_migrate signal.
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name in GROUP_LABELS:
        group_model.objects.using(using).get_or_create(name=name)
    secretariat = group_model.objects.using(using).get(name=SECRETARIAT)
    for app_label, model_names in SECRETARIAT_MODELS.items():
        secretariat.permissions.add(
            *permission_model.objects.using(using).filter(
                content_type__app_label=app_label,
                content_type__model__in=model_names,
            )
        )
