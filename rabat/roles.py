"""The roles of the portal: Django groups created by a data migration."""

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
