"""Writes of the contacts database: invitations, roles, accounts, reminders,
members' email address changes."""

import datetime
import hashlib
import logging
import secrets
import uuid

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from contacts.models import (
    ROLE_GROUPS,
    Contact,
    ContactRole,
    EmailChange,
    Invitation,
    RoleKind,
    VerificationReminder,
)
from contacts.photos import cleaned_jpegs
from contacts.selectors import DIRECTORY_VERSION_KEY
from rabat import roles
from rabat.cache import content_changed, within_limit
from rabat.emails import queue_templated_email
from rabat.models import User
from rabat.uploads import StorageError, atomic_with_files, file_save

logger = logging.getLogger(__name__)

# Emails confirming a new card address, per card and day.
EMAIL_CHANGE_MAILS_PER_DAY = 5


class InvitationError(Exception):
    """An invitation link that cannot be used; the message says why."""


class InvitationNotFound(InvitationError):
    """A link that was never sent (as opposed to a used, withdrawn or expired one)."""


class EmailChangeError(Exception):
    """An address confirmation link that cannot be used; the message says why."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send_to_contact(*, contact: Contact, template: str, context: dict) -> None:
    """Queue `contacts/email/<template>_*.txt`, in the contact's language."""
    queue_templated_email(
        template=f"contacts/email/{template}",
        context={"contact": contact, **context},
        to=contact.email,
        language=contact.preferred_language,
        account_email=True,
    )


# --- Pages that show contacts --------------------------------------------------


def directory_changed() -> None:
    """Contacts or roles were written: the fragments that show them are
    rendered again once the transaction commits."""
    content_changed(DIRECTORY_VERSION_KEY)


# --- Accounts follow roles -------------------------------------------------------


def user_sync_with_roles(*, contact: Contact) -> None:
    """Give the contact's account the groups its current roles imply.

    Groups that no role gives (Moderator) are kept. An account left without
    any current role is deactivated, which ends its sessions at their next
    request; the contact and its history stay.
    """
    user = contact.user
    if user is None:
        return
    current_kinds = set(contact.roles.current().values_list("kind", flat=True))
    role_groups = set(ROLE_GROUPS.values())
    wanted = {ROLE_GROUPS[RoleKind(kind)] for kind in current_kinds}
    kept = set(user.groups.exclude(name__in=role_groups).values_list("name", flat=True))
    user.groups.set(Group.objects.filter(name__in=wanted | kept))
    changed = []
    if roles.SECRETARIAT in wanted and not user.is_staff:
        user.is_staff = True
        changed.append("is_staff")
    if not current_kinds and user.is_active:
        user.is_active = False
        changed.append("is_active")
        logger.info("Account %s deactivated: no current role left", user.pk)
    if changed:
        user.save(update_fields=changed)


@transaction.atomic
def role_handover(
    *, role: ContactRole, successor: Contact, start_date: datetime.date | None = None
) -> ContactRole:
    """The successor takes `role` over from `start_date` (today by default)."""
    start_date = start_date or timezone.localdate()
    if successor.pk == role.contact_id:
        raise ValueError("A role cannot be handed over to the same person.")
    new_role = ContactRole.objects.create(
        contact=successor, kind=role.kind, theme=role.theme, start_date=start_date
    )
    role.successor = successor
    role.end_date = max(role.start_date, start_date - datetime.timedelta(days=1))
    role.save(update_fields=["successor", "end_date", "updated_at"])
    user_sync_with_roles(contact=role.contact)
    user_sync_with_roles(contact=successor)
    directory_changed()
    return new_role


# --- Invitations -------------------------------------------------------------------


@transaction.atomic
def contact_invite(*, contact: Contact, invited_by: User | None) -> Invitation:
    """Email `contact` a new invitation link; earlier unused links stop working."""
    now = timezone.now()
    contact.invitations.unused().update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        contact=contact,
        token_hash=_token_hash(token),
        invited_by=invited_by,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_VALIDITY_DAYS),
    )
    with translation.override(contact.preferred_language):
        link = settings.SITE_URL + reverse(
            "contacts:invitation", kwargs={"token": token}
        )
    _send_to_contact(
        contact=contact,
        template="invitation",
        context={"link": link, "invitation": invitation},
    )
    return invitation


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])


def invitation_get_usable(token: str) -> Invitation:
    """The invitation of `token`, or InvitationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("contact")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if invitation is None:
        raise InvitationNotFound(_("This invitation link is not valid."))
    if invitation.accepted_at is not None:
        raise InvitationError(
            _("This invitation has already been used. Log in with your email address.")
        )
    if invitation.revoked_at is not None:
        raise InvitationError(
            _(
                "This invitation has been withdrawn. A newer one may be in your "
                "mailbox; otherwise ask the Secretariat."
            )
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            _("This invitation has expired. Ask the Secretariat for a new one.")
        )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Create (or reopen) the contact's account with `password`; returns the user."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationError(_("This invitation can no longer be used."))
    contact = invitation.contact
    user = contact.user or User.objects.filter(email__iexact=contact.email).first()
    if user is None:
        user = User(email=contact.email)
    user.first_name = contact.first_name
    user.last_name = contact.last_name
    user.preferred_language = contact.preferred_language
    user.is_active = True
    user.set_password(password)
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=contact.email).update(
        primary=False
    )
    EmailAddress.objects.update_or_create(
        user=user,
        email__iexact=contact.email,
        defaults={"email": contact.email, "verified": True, "primary": True},
    )
    contact.user = user
    contact.save(update_fields=["user", "updated_at"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    user_sync_with_roles(contact=contact)
    directory_changed()
    return user


# --- Photos ----------------------------------------------------------------------


@atomic_with_files()
def contact_photo_save(*, contact: Contact, uploaded_file: File) -> None:
    """Make `uploaded_file` the contact's photo, replacing any previous one.

    The image is checked and cleaned by `contacts.photos.cleaned_jpegs`
    (`PhotoError` before anything is written), then stored as JPEG in
    `photo`, with its thumbnail in `photo_thumbnail`, under new random names
    through `rabat.uploads.file_save` (`StorageError` on a full or
    unwritable disk, leaving no file behind). Saves the contact (`photo`,
    `photo_thumbnail`, `updated_at`) and deletes the previous files once the
    surrounding transaction commits, so that a rolled-back save keeps them.
    """
    photo, thumbnail = cleaned_jpegs(uploaded_file)
    current = (contact.photo.name, contact.photo_thumbnail.name)
    previous = _photo_names(contact)
    try:
        for field_file, content in (
            (contact.photo, photo),
            (contact.photo_thumbnail, thumbnail),
        ):
            file_save(
                field_file,
                name=f"{uuid.uuid4().hex}.jpg",
                content=ContentFile(content),
                original_name=uploaded_file.name,
            )
    except StorageError:
        # The page shown again with the error keeps showing the current photo.
        contact.photo, contact.photo_thumbnail = current
        raise
    contact.save(update_fields=["photo", "photo_thumbnail", "updated_at"])
    _delete_on_commit(contact, previous)


@transaction.atomic
def contact_photo_delete(*, contact: Contact) -> None:
    """Remove the contact's photo and thumbnail; nothing happens without one.

    The files are deleted from storage once the transaction commits.
    """
    previous = _photo_names(contact)
    if not previous:
        return
    contact.photo = ""
    contact.photo_thumbnail = ""
    contact.save(update_fields=["photo", "photo_thumbnail", "updated_at"])
    _delete_on_commit(contact, previous)


def _photo_names(contact: Contact) -> list[str]:
    return [name for name in (contact.photo.name, contact.photo_thumbnail.name) if name]


def _delete_on_commit(contact: Contact, names: list[str]) -> None:
    storage = contact.photo.storage

    def delete():
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(delete)


# --- Keeping cards current -----------------------------------------------------------


def contact_confirm_verified(*, contact: Contact) -> None:
    contact.last_verified_at = timezone.now()
    contact.save(update_fields=["last_verified_at", "updated_at"])
    directory_changed()


def send_verification_reminders(*, now=None, dry_run: bool = False) -> list[Contact]:
    """Remind current contacts whose card is overdue; at most once a month each."""
    now = now or timezone.now()
    month = timezone.localdate(now).replace(day=1)
    due = (
        Contact.objects.current()
        .verification_overdue(now)
        .exclude(verification_reminders__month=month)
        .select_related("country")
    )
    reminded = []
    for contact in due:
        if dry_run:
            reminded.append(contact)
            continue
        with transaction.atomic():
            _, created = VerificationReminder.objects.get_or_create(
                contact=contact, month=month
            )
            if not created:
                continue
            with translation.override(contact.preferred_language):
                link = settings.SITE_URL + reverse("contacts:profile")
            _send_to_contact(
                contact=contact,
                template="verification_reminder",
                context={"link": link},
            )
        reminded.append(contact)
    return reminded


# --- Email addresses confirmed from their mailbox -------------------------------------


@transaction.atomic
def contact_emails_update(
    *, contact: Contact, emails: dict[str, str]
) -> list[EmailChange]:
    """Apply what a member typed in the card's email fields (`field: address`).

    A new address waits for its confirmation from its mailbox (the card keeps
    the verified one); an address typed back or removed needs none. Returns
    the changes waiting for a confirmation.
    """
    requested, cleared = [], []
    for field, email in emails.items():
        if email and email.lower() != getattr(contact, field).lower():
            requested.append(
                email_change_request(
                    contact=contact, field=EmailChange.Field(field), email=email
                )
            )
            continue
        contact.email_changes.filter(field=field, confirmed_at__isnull=True).delete()
        if not email and getattr(contact, field):
            setattr(contact, field, "")
            cleared.append(field)
    if cleared:
        contact.save(update_fields=[*cleared, "updated_at"])
    return requested


@transaction.atomic
def email_change_request(
    *, contact: Contact, field: EmailChange.Field, email: str
) -> EmailChange:
    """Email a confirmation link to `email`; an earlier link for `field` stops
    working. At most EMAIL_CHANGE_MAILS_PER_DAY such emails a day per card, so
    that the profile cannot be used to write to strangers again and again."""
    if not within_limit(
        f"contacts:email-change-mail:{contact.pk}",
        limit=EMAIL_CHANGE_MAILS_PER_DAY,
        seconds=24 * 3600,
    ):
        raise EmailChangeError(
            _(
                "Too many confirmation emails were sent for your card today. "
                "Try again tomorrow, or ask the Secretariat to change the address."
            )
        )
    contact.email_changes.filter(field=field, confirmed_at__isnull=True).delete()
    token = secrets.token_urlsafe(32)
    change = EmailChange.objects.create(
        contact=contact,
        field=field,
        email=email,
        previous_email=getattr(contact, field),
        token_hash=_token_hash(token),
        expires_at=timezone.now()
        + datetime.timedelta(hours=settings.EMAIL_CHANGE_VALIDITY_HOURS),
    )
    with translation.override(contact.preferred_language):
        link = settings.SITE_URL + reverse(
            "contacts:email_confirm", kwargs={"token": token}
        )
    queue_templated_email(
        template="contacts/email/email_change",
        context={"contact": contact, "change": change, "link": link},
        to=email,
        language=contact.preferred_language,
        account_email=True,
    )
    return change


def email_change_resend(*, change: EmailChange) -> EmailChange:
    """A new link (and expiry) for a change still waiting for its confirmation."""
    return email_change_request(
        contact=change.contact,
        field=EmailChange.Field(change.field),
        email=change.email,
    )


def email_change_cancel(*, change: EmailChange) -> None:
    if change.confirmed_at is None:
        change.delete()


def email_change_get_usable(*, token: str, contact: Contact) -> EmailChange:
    """The change of `contact` that `token` confirms, or EmailChangeError."""
    change = contact.email_changes.filter(token_hash=_token_hash(token)).first()
    if change is None:
        raise EmailChangeError(
            _(
                "This confirmation link is not valid for your card. Log in with "
                "your own account, or ask for a new link on your profile."
            )
        )
    if change.confirmed_at is not None:
        raise EmailChangeError(_("This address has already been confirmed."))
    if change.expires_at <= timezone.now():
        raise EmailChangeError(
            _("This confirmation link has expired. Ask for a new one on your profile.")
        )
    if getattr(contact, change.field).lower() != change.previous_email.lower():
        raise EmailChangeError(
            _(
                "The Secretariat has changed this address on your card since you "
                "asked for this link. Check your card, and change it again if "
                "needed."
            )
        )
    return change


@transaction.atomic
def email_change_confirm(*, token: str, contact: Contact) -> EmailChange:
    """Put the confirmed address on the card (its history records the change).

    When the card's work email is the account's login address, the login
    address follows: the member has just shown that the mailbox is theirs,
    which is what allauth's own confirmation proves. It stays unchanged if
    another account already uses the new address.
    """
    change = email_change_get_usable(token=token, contact=contact)
    change = EmailChange.objects.select_for_update().get(pk=change.pk)
    if change.confirmed_at is not None:
        raise EmailChangeError(_("This address has already been confirmed."))
    old_email = getattr(contact, change.field)
    setattr(contact, change.field, change.email)
    contact.save(update_fields=[change.field, "updated_at"])
    change.confirmed_at = timezone.now()
    change.save(update_fields=["confirmed_at", "updated_at"])
    user = contact.user
    if (
        change.field == EmailChange.Field.EMAIL
        and user is not None
        and user.email.lower() == old_email.lower()
    ):
        _user_login_email_change(user=user, old_email=old_email, email=change.email)
    return change


def _user_login_email_change(*, user: User, old_email: str, email: str) -> None:
    taken = (
        User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()
        or EmailAddress.objects.filter(email__iexact=email).exclude(user=user).exists()
    )
    if taken:
        logger.warning("Login address of account %s kept: %s is taken", user.pk, email)
        return
    user.email = email
    user.save(update_fields=["email"])
    EmailAddress.objects.filter(user=user, email__iexact=old_email).delete()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).update(
        primary=False
    )
    EmailAddress.objects.update_or_create(
        user=user,
        email__iexact=email,
        defaults={"email": email, "verified": True, "primary": True},
    )
