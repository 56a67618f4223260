"""The roles of the portal: Django groups, what the Secretariat may edit, and
the role predicates every app's rules are built on.

The predicates read a user's *effective* roles: until a TOTP authenticator is
set up, staff status and the groups that require two-factor authentication
(the Secretariat) give no right beyond a member's. They are computed once per
user object (so once per request), in one query.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
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
        "institution",
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
    "library": ["document"],
    "countries": [
        "countryprofile",
        "keyfigure",
        "policydocument",
        "indicator",
        "indicatorvalue",
        "profileproposal",
    ],
}


# Groups whose rights wait for two-factor authentication (as staff status does).
TWO_FACTOR_GROUPS = frozenset({SECRETARIAT})


@dataclass(frozen=True)
class EffectiveRoles:
    """What a user's account holds, and which of it applies now."""

    group_names: frozenset[str]  # every group of the account
    is_staff: bool  # the account's flag, whatever its second factor
    has_two_factor: bool

    @property
    def requires_two_factor(self) -> bool:
        return self.is_staff or bool(self.group_names & TWO_FACTOR_GROUPS)

    @property
    def is_elevated(self) -> bool:
        """Whether staff status and the two-factor groups' rights apply."""
        return self.has_two_factor or not self.requires_two_factor

    @property
    def groups(self) -> frozenset[str]:
        """The groups whose rights apply."""
        if self.is_elevated:
            return self.group_names
        return self.group_names - TWO_FACTOR_GROUPS

    @property
    def is_member(self) -> bool:
        """Any group opens the private area; staff status once elevated."""
        return bool(self.group_names & set(MEMBER_GROUPS)) or self.is_admin

    @property
    def is_admin(self) -> bool:
        return self.is_staff and self.is_elevated


NO_ROLES = EffectiveRoles(frozenset(), is_staff=False, has_two_factor=False)


def _totp_exists():
    from allauth.mfa.models import Authenticator

    return Exists(
        Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
    )


def effective_roles(user) -> EffectiveRoles:
    """The roles of `user`, cached on the object: one query at most."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ROLES
    if not hasattr(user, "_effective_roles"):
        rows = list(
            get_user_model()
            .objects.filter(pk=user.pk)
            .annotate(has_totp=_totp_exists())
            .values_list("groups__name", "has_totp")
        )
        names = {name for name, _totp in rows if name}
        has_totp = any(totp for _name, totp in rows)
        user._effective_roles = EffectiveRoles(
            frozenset(names), is_staff=user.is_staff, has_two_factor=has_totp
        )
    return user._effective_roles


# A request's user with what its roles are read from, a row per group: plain
# SQL, which costs a fifth of the CPU of the same query built by the ORM (an
# annotation, a join and a subquery), on every page a member opens.
USER_WITH_ROLES_SQL = """
    SELECT account.*, group_.name AS group_name, EXISTS (
        SELECT 1 FROM {authenticator} AS authenticator
        WHERE authenticator.user_id = account.id AND authenticator.type = %(totp)s
    ) AS has_totp
    FROM {user} AS account
    LEFT JOIN {user_groups} AS user_group ON user_group.user_id = account.id
    LEFT JOIN {group} AS group_ ON group_.id = user_group.group_id
    WHERE account.id = %(user)s
"""


def user_with_roles(user_id):
    """The user `user_id` with its effective roles, in one query; None if
    there is none. What each request's `request.user` is loaded with
    (rabat.auth_backends.AccountBackend)."""
    from allauth.mfa.models import Authenticator

    user_model = get_user_model()
    groups = user_model.groups
    sql = USER_WITH_ROLES_SQL.format(
        authenticator=Authenticator._meta.db_table,
        user=user_model._meta.db_table,
        user_groups=groups.through._meta.db_table,
        group=groups.field.related_model._meta.db_table,
    )
    rows = list(
        user_model.objects.raw(sql, {"totp": Authenticator.Type.TOTP, "user": user_id})
    )
    if not rows:
        return None
    user = rows[0]
    user._effective_roles = EffectiveRoles(
        frozenset(row.group_name for row in rows if row.group_name),
        is_staff=user.is_staff,
        has_two_factor=bool(user.has_totp),
    )
    return user


def load_effective_roles(users) -> None:
    """Fill the cache of effective_roles for many users in two queries."""
    users = [user for user in users if not hasattr(user, "_effective_roles")]
    if not users:
        return
    user_model = get_user_model()
    names = {user.pk: set() for user in users}
    for user_id, name in user_model.groups.through.objects.filter(
        user_id__in=names
    ).values_list("user_id", "group__name"):
        names[user_id].add(name)
    with_totp = set(
        user_model.objects.annotate(has_totp=_totp_exists())
        .filter(pk__in=names, has_totp=True)
        .values_list("pk", flat=True)
    )
    for user in users:
        user._effective_roles = EffectiveRoles(
            frozenset(names[user.pk]),
            is_staff=user.is_staff,
            has_two_factor=user.pk in with_totp,
        )


def is_member(user) -> bool:
    """May enter the Focal Points' private area."""
    return effective_roles(user).is_member


def is_admin(user) -> bool:
    """May use the back office (the Django admin): staff, with two factors."""
    return effective_roles(user).is_admin


def is_secretariat(user) -> bool:
    """The Secretariat and staff: every contact field, every forum, exports,
    unpublished content."""
    roles = effective_roles(user)
    return roles.is_admin or SECRETARIAT in roles.groups


def is_moderator(user) -> bool:
    return is_secretariat(user) or MODERATOR in effective_roles(user).groups


def is_steering_committee(user) -> bool:
    return STEERING_COMMITTEE in effective_roles(user).groups


def group_names(user) -> frozenset[str]:
    """The groups whose rights apply to `user` (forum readers and writers)."""
    return effective_roles(user).groups


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
