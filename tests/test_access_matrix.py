"""Every URL of the project, checked for every role.

The resolver is walked, so a new URL that is missing from ACCESS fails
`test_every_url_is_in_the_matrix`: no view can be forgotten.
"""

import datetime
import io
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from PIL import Image

from contacts.models import Contact, ContactRole, Invitation
from contacts.services import contact_invite, contact_photo_save
from countries.models import (
    CountryProfile,
    Indicator,
    IndicatorValue,
    KeyFigure,
    PolicyDocument,
    ProfileProposal,
    ProfileStatus,
    ProposalKind,
)
from forums.models import Attachment, Report
from forums.notifications import stop_emails_token
from meetings.models import DocumentVisibility, Registration
from newsletter.models import Campaign, Subscriber
from newsletter.tokens import confirm_token, unsubscribe_token
from rabat import roles
from rabat.models import Institution, User
from tests.conftest import (
    MEMBER_ROLES,
    NON_MEMBER_ROLES,
    ROLES,
    enable_two_factor,
    make_user,
)
from tests.countries.factories import (
    CountryProfileFactory,
    IndicatorValueFactory,
    InstitutionFactory,
    KeyFigureFactory,
    PolicyDocumentFactory,
)
from tests.factories import (
    ContactFactory,
    ContactRoleFactory,
    CountryFactory,
    NewsItemFactory,
    OrganisationFactory,
    PageFactory,
    ThemeFactory,
)
from tests.files import close_file_response
from tests.forums.factories import ForumFactory, PostFactory, TopicFactory
from tests.library.factories import DocumentFactory
from tests.meetings.factories import (
    MeetingDocumentFactory,
    MeetingFactory,
    RegistrationFactory,
)
from tests.newsletter.factories import (
    PDF_BYTES,
    ArticleFactory,
    IssueFactory,
    SubscriberFactory,
)

LOGIN = "login"  # a redirect to the login page
REDIRECT = "redirect"  # a redirect somewhere else
TWO_FACTOR_SETUP = "two-factor setup"  # a redirect to the TOTP setup page

PUBLIC = dict.fromkeys(ROLES, 200)
MEMBERS_ONLY = (
    {"anonymous": LOGIN}
    | dict.fromkeys(NON_MEMBER_ROLES, 403)
    | dict.fromkeys(MEMBER_ROLES, 200)
)
LOGGED_IN = {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 200)
ANONYMOUS_ONLY = {"anonymous": 200} | dict.fromkeys(ROLES[1:], REDIRECT)
# secure_admin_login: anonymous to the allauth login, non-staff refused.
STAFF_ONLY = (
    {"anonymous": LOGIN}
    | dict.fromkeys(ROLES[1:], 403)
    | {"secretariat": 200, "staff": 200}
)
SUPERUSER_ONLY = STAFF_ONLY | {"secretariat": 403}
MODERATORS_ONLY = MEMBERS_ONLY | dict.fromkeys(
    [
        "focal_point",
        "thematic_contact",
        "steering_committee",
        "secretariat_without_2fa",
    ],
    403,
)
RESTRICTED_TO_STEERING_COMMITTEE = MEMBERS_ONLY | dict.fromkeys(
    ["focal_point", "thematic_contact", "moderator", "secretariat_without_2fa"], 404
)
SECRETARIAT_ONLY = (
    MEMBERS_ONLY
    | dict.fromkeys(MEMBER_ROLES, 403)
    | {
        "secretariat": 200,
        "staff": 200,
    }
)
# A National Focal Point, for their own country.
FOCAL_POINT_ONLY = (
    MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, 403) | {"focal_point": 200}
)
EVERYONE_REDIRECTED = dict.fromkeys(ROLES, REDIRECT)
NOT_FOUND = dict.fromkeys(ROLES, 404)
# Staff and the Secretariat without two-factor authentication have a member's
# rights (or none, for a staff account without groups); every admin page
# sends them to set it up (see full_matrix).
TWO_FACTOR_PENDING = dict.fromkeys(
    ["staff_without_2fa", "secretariat_without_2fa"], TWO_FACTOR_SETUP
)


def walk(patterns, namespace=None, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if namespace and inner:
                inner = f"{namespace}:{inner}"
            yield from walk(
                pattern.url_patterns, inner or namespace, prefix + str(pattern.pattern)
            )
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            yield (
                (f"{namespace}:{name}" if namespace and name else name),
                prefix + str(pattern.pattern),
            )


def project_url_names():
    """Names of the URL patterns; unnamed ones by route, without language prefix."""
    names = set()
    for name, route in walk(get_resolver().url_patterns):
        for language in ("fr/", "en/"):
            route = route.removeprefix(language)
        names.add(name or route)
    return names


# name -> (how to build the URL from the test data, expected result per role)
ACCESS = {
    "healthz": (lambda d: reverse("healthz"), PUBLIC),
    "favicon": (lambda d: reverse("favicon"), dict.fromkeys(ROLES, 301)),
    # Public site
    "rabat:home": (lambda d: reverse("rabat:home"), PUBLIC),
    "rabat:about": (lambda d: reverse("rabat:about"), PUBLIC),
    "rabat:strategy": (lambda d: reverse("rabat:strategy"), PUBLIC),
    "rabat:themes": (lambda d: reverse("rabat:themes"), PUBLIC),
    "rabat:theme_detail": (lambda d: d["theme"].get_absolute_url(), PUBLIC),
    "rabat:theme_detail (unknown)": (
        lambda d: reverse("rabat:theme_detail", kwargs={"slug": "no-such-theme"}),
        NOT_FOUND,
    ),
    "rabat:partners": (lambda d: reverse("rabat:partners"), PUBLIC),
    "rabat:news_list": (lambda d: reverse("rabat:news_list"), PUBLIC),
    "rabat:news_detail": (lambda d: d["news"].get_absolute_url(), PUBLIC),
    "rabat:search": (lambda d: reverse("rabat:search") + "?q=dialogue", PUBLIC),
    # Private area
    "contacts:dashboard": (lambda d: reverse("contacts:dashboard"), MEMBERS_ONLY),
    "contacts:list": (lambda d: reverse("contacts:list") + "?q=a", MEMBERS_ONLY),
    "contacts:detail": (lambda d: d["contact"].get_absolute_url(), MEMBERS_ONLY),
    "contacts:vcard": (
        lambda d: reverse("contacts:vcard", args=[d["contact"].pk]),
        MEMBERS_ONLY,
    ),
    "contacts:photo": (
        lambda d: reverse("contacts:photo", args=[d["contact"].pk, "thumbnail"]),
        MEMBERS_ONLY,
    ),
    "contacts:export_vcf": (lambda d: reverse("contacts:export_vcf"), MEMBERS_ONLY),
    "contacts:export_csv": (lambda d: reverse("contacts:export_csv"), SECRETARIAT_ONLY),
    "contacts:export_xlsx": (
        lambda d: reverse("contacts:export_xlsx"),
        SECRETARIAT_ONLY,
    ),
    # Every matrix user has a card (see test_access_matrix).
    "contacts:account": (lambda d: reverse("contacts:account"), LOGGED_IN),
    "contacts:profile": (lambda d: reverse("contacts:profile"), MEMBERS_ONLY),
    "contacts:profile_confirm": (
        lambda d: reverse("contacts:profile_confirm"),
        MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, 405),
    ),
    "contacts:email_change": (
        lambda d: reverse("contacts:email_change", args=[1]),
        MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, 405),
    ),
    # A link that is not the user's own shows why it cannot be used.
    "contacts:email_confirm": (
        lambda d: reverse("contacts:email_confirm", args=["not-a-token"]),
        MEMBERS_ONLY,
    ),
    # Forums: d["post"] is someone else's post in an open forum.
    "forums:index": (lambda d: reverse("forums:index"), MEMBERS_ONLY),
    "forums:search": (lambda d: reverse("forums:search") + "?q=border", MEMBERS_ONLY),
    "forums:forum": (lambda d: d["forum"].get_absolute_url(), MEMBERS_ONLY),
    "forums:forum (restricted)": (
        lambda d: d["restricted_topic"].forum.get_absolute_url(),
        RESTRICTED_TO_STEERING_COMMITTEE,
    ),
    "forums:topic": (lambda d: d["post"].topic.get_absolute_url(), MEMBERS_ONLY),
    "forums:topic (restricted)": (
        lambda d: d["restricted_topic"].get_absolute_url(),
        RESTRICTED_TO_STEERING_COMMITTEE,
    ),
    "forums:post": (
        lambda d: d["post"].get_absolute_url(),
        MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, REDIRECT),
    ),
    "forums:topic_create": (
        lambda d: reverse("forums:topic_create", args=[d["forum"].slug]),
        MEMBERS_ONLY,
    ),
    "forums:reply": (
        lambda d: reverse("forums:reply", args=[d["post"].topic.pk]),
        MEMBERS_ONLY,
    ),
    # Only the author edits or deletes a post, whatever their role.
    "forums:post_edit": (
        lambda d: reverse("forums:post_edit", args=[d["post"].pk]),
        MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, 403),
    ),
    "forums:post_delete": (
        lambda d: reverse("forums:post_delete", args=[d["post"].pk]),
        MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, 403),
    ),
    "forums:preview": (
        lambda d: reverse("forums:preview"),
        MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, 405),
    ),
    "forums:attachment": (
        lambda d: d["attachment"].get_absolute_url(),
        MEMBERS_ONLY,
    ),
    "forums:attachment (restricted)": (
        lambda d: d["restricted_attachment"].get_absolute_url(),
        RESTRICTED_TO_STEERING_COMMITTEE,
    ),
    "forums:members": (lambda d: reverse("forums:members") + "?q=a", MEMBERS_ONLY),
    "forums:topic_subscription": (
        lambda d: reverse("forums:topic_subscription", args=[d["post"].topic.pk]),
        MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, 405),
    ),
    "forums:forum_subscription": (
        lambda d: reverse("forums:forum_subscription", args=[d["forum"].slug]),
        MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, 405),
    ),
    "forums:notification_settings": (
        lambda d: reverse("forums:notification_settings"),
        MEMBERS_ONLY,
    ),
    # The signed token is the proof: anyone holding it sees the page.
    "forums:stop_emails": (
        lambda d: reverse("forums:stop_emails", args=[d["stop_token"]]),
        PUBLIC,
    ),
    "forums:stop_emails (forged)": (
        lambda d: reverse("forums:stop_emails", args=["forged-token"]),
        NOT_FOUND,
    ),
    "forums:report": (
        lambda d: reverse("forums:report", args=[d["post"].pk]),
        MEMBERS_ONLY,
    ),
    "forums:moderation": (lambda d: reverse("forums:moderation"), MODERATORS_ONLY),
    "forums:topic_moderate": (
        lambda d: reverse("forums:topic_moderate", args=[d["post"].topic.pk]),
        MODERATORS_ONLY,
    ),
    "forums:post_moderate": (
        lambda d: reverse("forums:post_moderate", args=[d["post"].pk]),
        MODERATORS_ONLY,
    ),
    "forums:post_revisions": (
        lambda d: reverse("forums:post_revisions", args=[d["post"].pk]),
        MODERATORS_ONLY,
    ),
    # Meetings: public pages; documents by visibility; registrations by members.
    "meetings:list": (lambda d: reverse("meetings:list"), PUBLIC),
    "meetings:month": (
        lambda d: reverse("meetings:month", kwargs={"year": 2013, "month": 9}),
        PUBLIC,
    ),
    "meetings:detail": (lambda d: d["meeting"].get_absolute_url(), PUBLIC),
    "meetings:detail (unpublished)": (
        lambda d: d["unpublished_meeting"].get_absolute_url(),
        NOT_FOUND | {"secretariat": 200, "staff": 200},
    ),
    "meetings:ics": (
        lambda d: reverse("meetings:ics", kwargs={"slug": d["meeting"].slug}),
        PUBLIC,
    ),
    "meetings:ics (unpublished)": (
        lambda d: reverse(
            "meetings:ics", kwargs={"slug": d["unpublished_meeting"].slug}
        ),
        NOT_FOUND,
    ),
    "meetings:feed": (lambda d: reverse("meetings:feed"), PUBLIC),
    "meetings:theme_feed": (
        lambda d: reverse("meetings:theme_feed", kwargs={"theme": d["theme"].slug}),
        PUBLIC,
    ),
    "meetings:document": (
        lambda d: d["documents"][DocumentVisibility.PUBLIC].get_absolute_url(),
        PUBLIC,
    ),
    "meetings:document (members)": (
        lambda d: d["documents"][DocumentVisibility.MEMBERS].get_absolute_url(),
        {"anonymous": LOGIN}
        | dict.fromkeys(NON_MEMBER_ROLES, 404)
        | dict.fromkeys(MEMBER_ROLES, 200),
    ),
    "meetings:document (steering committee)": (
        lambda d: d["documents"][
            DocumentVisibility.STEERING_COMMITTEE
        ].get_absolute_url(),
        {"anonymous": LOGIN}
        | dict.fromkeys(ROLES[1:], 404)
        | dict.fromkeys(["steering_committee", "secretariat", "staff"], 200),
    ),
    "meetings:document (unpublished meeting)": (
        lambda d: d["unpublished_document"].get_absolute_url(),
        NOT_FOUND | {"secretariat": 200, "staff": 200},
    ),
    "meetings:register": (
        lambda d: reverse("meetings:register", kwargs={"slug": d["meeting"].slug}),
        MEMBERS_ONLY,
    ),
    # Members without a registration are sent back to the meeting.
    "meetings:registration_cancel": (
        lambda d: reverse(
            "meetings:registration_cancel", kwargs={"slug": d["meeting"].slug}
        ),
        MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, REDIRECT),
    ),
    # The Rabat Review: public archive and files; signed links; members' own.
    "newsletter:archive": (lambda d: reverse("newsletter:archive"), PUBLIC),
    "newsletter:feed": (lambda d: reverse("newsletter:feed"), PUBLIC),
    "newsletter:issue": (lambda d: d["issue"].get_absolute_url(), PUBLIC),
    "newsletter:issue (unpublished)": (
        lambda d: d["unpublished_issue"].get_absolute_url(),
        NOT_FOUND | {"secretariat": 200, "staff": 200},
    ),
    "newsletter:cover": (
        lambda d: reverse("newsletter:cover", args=[d["issue"].number]),
        PUBLIC,
    ),
    "newsletter:article_image": (
        lambda d: reverse("newsletter:article_image", args=[d["article"].pk]),
        PUBLIC,
    ),
    "newsletter:pdf": (
        lambda d: reverse("newsletter:pdf", args=[d["issue"].number, "fr"]),
        PUBLIC,
    ),
    # The library: public documents; a text without its file has none (404).
    "library:index": (lambda d: reverse("library:index"), PUBLIC),
    "library:document": (lambda d: d["library_text"].get_absolute_url(), PUBLIC),
    "library:document (unpublished)": (
        lambda d: d["unpublished_library_text"].get_absolute_url(),
        NOT_FOUND,
    ),
    "library:file": (lambda d: d["library_text"].get_file_url(), PUBLIC),
    "library:file (without a file)": (
        lambda d: reverse("library:file", args=["dakar-strategy"]),
        NOT_FOUND,
    ),
    # The i-Map and the country profiles: public; a policy document's file
    # once its profile is published (before, the Secretariat only).
    "countries:imap": (lambda d: reverse("countries:imap"), PUBLIC),
    "countries:imap_csv": (
        lambda d: reverse("countries:imap_csv") + "?layer=meetings",
        PUBLIC,
    ),
    "countries:profile": (lambda d: d["profile_country"].get_absolute_url(), PUBLIC),
    "countries:profile (unknown)": (
        lambda d: reverse("countries:profile", args=["zz"]),
        NOT_FOUND,
    ),
    "countries:document_file": (
        lambda d: d["policy_document"].get_file_url(),
        PUBLIC,
    ),
    "countries:document_file (draft profile)": (
        lambda d: d["draft_policy_document"].get_file_url(),
        NOT_FOUND | {"secretariat": 200, "staff": 200},
    ),
    # The Focal Points' proposed updates: their own country's (every matrix
    # user's card is of a country of its own); another country's institutions
    # and documents are not found; the Secretariat decides.
    "countries:country_proposals": (
        lambda d: reverse("countries:country_proposals"),
        MEMBERS_ONLY,
    ),
    "countries:profile_confirm": (
        lambda d: reverse("countries:profile_confirm"),
        FOCAL_POINT_ONLY | {"focal_point": 405},
    ),
    "countries:propose_overview": (
        lambda d: reverse("countries:propose_overview"),
        FOCAL_POINT_ONLY,
    ),
    "countries:propose_institution": (
        lambda d: reverse("countries:propose_institution"),
        FOCAL_POINT_ONLY,
    ),
    "countries:propose_institution_change": (
        lambda d: reverse(
            "countries:propose_institution_change", args=[d["institution"].pk]
        ),
        FOCAL_POINT_ONLY | {"focal_point": 404},
    ),
    "countries:propose_institution_removal": (
        lambda d: reverse(
            "countries:propose_institution_removal", args=[d["institution"].pk]
        ),
        FOCAL_POINT_ONLY | {"focal_point": 404},
    ),
    "countries:propose_document": (
        lambda d: reverse("countries:propose_document"),
        FOCAL_POINT_ONLY,
    ),
    "countries:propose_document_change": (
        lambda d: reverse(
            "countries:propose_document_change", args=[d["policy_document"].pk]
        ),
        FOCAL_POINT_ONLY | {"focal_point": 404},
    ),
    "countries:propose_document_removal": (
        lambda d: reverse(
            "countries:propose_document_removal", args=[d["policy_document"].pk]
        ),
        FOCAL_POINT_ONLY | {"focal_point": 404},
    ),
    "countries:propose_figure": (
        lambda d: reverse("countries:propose_figure"),
        FOCAL_POINT_ONLY,
    ),
    "countries:pending_proposals": (
        lambda d: reverse("countries:pending_proposals"),
        SECRETARIAT_ONLY,
    ),
    "countries:proposal_accept": (
        lambda d: reverse("countries:proposal_accept", args=[d["proposal"].pk]),
        SECRETARIAT_ONLY | {"secretariat": 405, "staff": 405},
    ),
    "countries:proposal_decline": (
        lambda d: reverse("countries:proposal_decline", args=[d["proposal"].pk]),
        SECRETARIAT_ONLY,
    ),
    # Its file: the Secretariat and the Focal Points of its country.
    "countries:proposal_file": (
        lambda d: reverse("countries:proposal_file", args=[d["proposal"].pk]),
        MEMBERS_ONLY
        | dict.fromkeys(MEMBER_ROLES, 404)
        | {"secretariat": 200, "staff": 200},
    ),
    "newsletter:subscribe": (lambda d: reverse("newsletter:subscribe"), PUBLIC),
    "newsletter:subscribe_sent": (
        lambda d: reverse("newsletter:subscribe_sent"),
        PUBLIC,
    ),
    "newsletter:confirm": (
        lambda d: reverse("newsletter:confirm", args=[d["confirm_token"]]),
        PUBLIC,
    ),
    "newsletter:confirm (forged)": (
        lambda d: reverse("newsletter:confirm", args=["forged-token"]),
        NOT_FOUND,
    ),
    "newsletter:unsubscribe": (
        lambda d: reverse("newsletter:unsubscribe", args=[d["unsubscribe_token"]]),
        PUBLIC,
    ),
    "newsletter:unsubscribe (forged)": (
        lambda d: reverse("newsletter:unsubscribe", args=["forged-token"]),
        NOT_FOUND,
    ),
    # A GET leads back to the profile, where the form is.
    "newsletter:member_subscription": (
        lambda d: reverse("newsletter:member_subscription"),
        MEMBERS_ONLY | dict.fromkeys(MEMBER_ROLES, REDIRECT),
    ),
    # Anyone may open an invitation link; an unknown token is not found.
    "contacts:invitation": (
        lambda d: reverse("contacts:invitation", args=["unknown-token"]),
        NOT_FOUND,
    ),
    # Accounts (django-allauth)
    "account_login": (lambda d: reverse("account_login"), ANONYMOUS_ONLY),
    "account_logout": (
        lambda d: reverse("account_logout"),
        {"anonymous": REDIRECT} | dict.fromkeys(ROLES[1:], 200),
    ),
    "account_inactive": (lambda d: reverse("account_inactive"), PUBLIC),
    # Sign-up is closed: everyone gets the "closed" page.
    "account_signup": (
        lambda d: reverse("account_signup"),
        {"anonymous": 200} | dict.fromkeys(ROLES[1:], REDIRECT),
    ),
    "account_reauthenticate": (lambda d: reverse("account_reauthenticate"), LOGGED_IN),
    "account_email": (lambda d: reverse("account_email"), LOGGED_IN),
    "account_email_verification_sent": (
        lambda d: reverse("account_email_verification_sent"),
        PUBLIC,
    ),
    "account_change_password": (
        lambda d: reverse("account_change_password"),
        LOGGED_IN,
    ),
    "account_set_password": (
        lambda d: reverse("account_set_password"),
        {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], REDIRECT),
    ),
    "account_reset_password": (lambda d: reverse("account_reset_password"), PUBLIC),
    "account_reset_password_done": (
        lambda d: reverse("account_reset_password_done"),
        PUBLIC,
    ),
    "account_reset_password_from_key": (
        lambda d: reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "1", "key": "bad-key"}
        ),
        PUBLIC,
    ),
    "account_reset_password_from_key_done": (
        lambda d: reverse("account_reset_password_from_key_done"),
        PUBLIC,
    ),
    "account_confirm_email": (
        lambda d: reverse("account_confirm_email", kwargs={"key": "bad-key"}),
        PUBLIC,
    ),
    # Only reachable in the middle of a login: others go back to the start.
    "account_confirm_login_code": (
        lambda d: reverse("account_confirm_login_code"),
        {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], REDIRECT),
    ),
    "mfa_index": (lambda d: reverse("mfa_index"), LOGGED_IN),
    "mfa_authenticate": (
        lambda d: reverse("mfa_authenticate"),
        {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], REDIRECT),
    ),
    "mfa_reauthenticate": (
        lambda d: reverse("mfa_reauthenticate"),
        {"anonymous": LOGIN}
        | dict.fromkeys(ROLES[1:], REDIRECT)
        | {"secretariat": 200, "staff": 200},
    ),
    # Sensitive: asks for the password again (reauthentication) first.
    "mfa_activate_totp": (
        lambda d: reverse("mfa_activate_totp"),
        {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], REDIRECT),
    ),
    # Users without two-factor authentication have nothing to deactivate.
    "mfa_deactivate_totp": (
        lambda d: reverse("mfa_deactivate_totp"),
        {"anonymous": LOGIN}
        | dict.fromkeys(ROLES[1:], 404)
        | {"secretariat": REDIRECT, "staff": REDIRECT},
    ),
    "mfa_view_recovery_codes": (
        lambda d: reverse("mfa_view_recovery_codes"),
        {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 404),
    ),
    "mfa_generate_recovery_codes": (
        lambda d: reverse("mfa_generate_recovery_codes"),
        {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], REDIRECT),
    ),
    "mfa_download_recovery_codes": (
        lambda d: reverse("mfa_download_recovery_codes"),
        {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 404),
    ),
    # Admin site-wide pages
    "admin:index": (lambda d: reverse("admin:index"), STAFF_ONLY),
    "admin:login": (
        lambda d: reverse("admin:login"),
        STAFF_ONLY | {"secretariat": REDIRECT, "staff": REDIRECT},
    ),
    # Logging out takes a POST; outsiders are sent to the admin index.
    "admin:logout": (
        lambda d: reverse("admin:logout"),
        EVERYONE_REDIRECTED | {"secretariat": 405, "staff": 405},
    ),
    "admin:password_change": (lambda d: reverse("admin:password_change"), STAFF_ONLY),
    "admin:password_change_done": (
        lambda d: reverse("admin:password_change_done"),
        STAFF_ONLY,
    ),
    "admin:jsi18n": (lambda d: reverse("admin:jsi18n"), STAFF_ONLY),
    "admin:autocomplete": (
        lambda d: reverse("admin:autocomplete"),
        {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 403),
    ),
    "admin:view_on_site": (
        lambda d: reverse(
            "admin:view_on_site", args=[d["news_content_type"], d["news"].pk]
        ),
        {"anonymous": LOGIN}
        | dict.fromkeys(ROLES[1:], 403)
        | {"secretariat": REDIRECT, "staff": REDIRECT},
    ),
    "admin:contacts_contactrole_handover": (
        lambda d: reverse(
            "admin:contacts_contactrole_handover",
            args=[d["instances"][ContactRole].pk],
        ),
        STAFF_ONLY,
    ),
    "admin:contacts_contact_simple_history": (
        lambda d: reverse(
            "admin:contacts_contact_simple_history",
            args=[d["contact"].pk, d["contact"].history.earliest().history_id],
        ),
        STAFF_ONLY,
    ),
    "admin:contacts_contactrole_simple_history": (
        lambda d: reverse(
            "admin:contacts_contactrole_simple_history",
            args=[
                d["instances"][ContactRole].pk,
                d["instances"][ContactRole].history.earliest().history_id,
            ],
        ),
        STAFF_ONLY,
    ),
    "admin:meetings_meeting_registrations": (
        lambda d: reverse(
            "admin:meetings_meeting_registrations", args=[d["meeting"].pk]
        ),
        STAFF_ONLY,
    ),
    "admin:meetings_meeting_registrations_csv": (
        lambda d: reverse(
            "admin:meetings_meeting_registrations_csv", args=[d["meeting"].pk]
        ),
        STAFF_ONLY,
    ),
    "admin:meetings_meeting_email_participants": (
        lambda d: reverse(
            "admin:meetings_meeting_email_participants", args=[d["meeting"].pk]
        ),
        STAFF_ONLY,
    ),
    "admin:newsletter_issue_preview": (
        lambda d: reverse("admin:newsletter_issue_preview", args=[d["issue"].pk]),
        STAFF_ONLY,
    ),
    "admin:newsletter_issue_preview_email": (
        lambda d: reverse(
            "admin:newsletter_issue_preview_email", args=[d["issue"].pk, "fr"]
        ),
        STAFF_ONLY,
    ),
    "admin:newsletter_issue_preview_text": (
        lambda d: reverse(
            "admin:newsletter_issue_preview_text", args=[d["issue"].pk, "en"]
        ),
        STAFF_ONLY,
    ),
    "admin:newsletter_issue_test_send": (
        lambda d: reverse("admin:newsletter_issue_test_send", args=[d["issue"].pk]),
        STAFF_ONLY | {"secretariat": 405, "staff": 405},
    ),
    "admin:newsletter_issue_publish": (
        lambda d: reverse("admin:newsletter_issue_publish", args=[d["issue"].pk]),
        STAFF_ONLY,
    ),
    "admin:newsletter_issue_send": (
        lambda d: reverse(
            "admin:newsletter_issue_send", args=[d["unpublished_issue"].pk]
        ),
        STAFF_ONLY,
    ),
    "admin:newsletter_issue_campaign": (
        lambda d: reverse("admin:newsletter_issue_campaign", args=[d["issue"].pk]),
        STAFF_ONLY,
    ),
    "admin:newsletter_issue_campaign_retry": (
        lambda d: reverse(
            "admin:newsletter_issue_campaign_retry", args=[d["issue"].pk]
        ),
        STAFF_ONLY | {"secretariat": 405, "staff": 405},
    ),
    "admin:newsletter_issue_campaign_cancel": (
        lambda d: reverse(
            "admin:newsletter_issue_campaign_cancel", args=[d["issue"].pk]
        ),
        STAFF_ONLY | {"secretariat": 405, "staff": 405},
    ),
    "admin:newsletter_issue_campaign_resend": (
        lambda d: reverse(
            "admin:newsletter_issue_campaign_resend", args=[d["issue"].pk]
        ),
        STAFF_ONLY,
    ),
    "admin:countries_countryprofile_simple_history": (
        lambda d: reverse(
            "admin:countries_countryprofile_simple_history",
            args=[
                d["instances"][CountryProfile].pk,
                d["instances"][CountryProfile].history.earliest().history_id,
            ],
        ),
        STAFF_ONLY,
    ),
    "admin:rabat_institution_simple_history": (
        lambda d: reverse(
            "admin:rabat_institution_simple_history",
            args=[
                d["instances"][Institution].pk,
                d["instances"][Institution].history.earliest().history_id,
            ],
        ),
        STAFF_ONLY,
    ),
    "admin:countries_keyfigure_simple_history": (
        lambda d: reverse(
            "admin:countries_keyfigure_simple_history",
            args=[
                d["instances"][KeyFigure].pk,
                d["instances"][KeyFigure].history.earliest().history_id,
            ],
        ),
        STAFF_ONLY,
    ),
    "admin:countries_policydocument_simple_history": (
        lambda d: reverse(
            "admin:countries_policydocument_simple_history",
            args=[
                d["instances"][PolicyDocument].pk,
                d["instances"][PolicyDocument].history.earliest().history_id,
            ],
        ),
        STAFF_ONLY,
    ),
    "admin:countries_indicator_import": (
        lambda d: reverse("admin:countries_indicator_import"),
        STAFF_ONLY,
    ),
    "admin/(?P<url>.*)$": (
        lambda d: "/fr/admin/no-such-page/",
        STAFF_ONLY | {"secretariat": 404, "staff": 404},
    ),
    "admin:auth_user_password_change": (
        lambda d: reverse(
            "admin:auth_user_password_change", args=[d["instances"][User].pk]
        ),
        SUPERUSER_ONLY,
    ),
}

# Models of the admin that the Secretariat edits; the rest is superuser-only.
SECRETARIAT_ADMIN_MODELS = {
    "rabat.country",
    "rabat.newsitem",
    "rabat.objective",
    "rabat.organisation",
    "rabat.page",
    "rabat.pillar",
    "rabat.theme",
    "contacts.contact",
    "contacts.contactrole",
    "contacts.invitation",
    "forums.forum",
    "forums.topic",
    "forums.post",
    "forums.report",
    "meetings.meeting",
    "meetings.registration",
    "newsletter.issue",
    "newsletter.subscriber",
    "newsletter.campaign",
    "library.document",
    "rabat.institution",
    "countries.countryprofile",
    "countries.keyfigure",
    "countries.policydocument",
    "countries.indicator",
    "countries.indicatorvalue",
    "countries.profileproposal",
}
ADMIN_MODEL_VIEWS = ["changelist", "add", "change", "delete", "history"]


def admin_model_access():
    """Matrix entries for every ModelAdmin's views, from the admin registry."""
    entries = {}
    for model in admin.site._registry:
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        expected = STAFF_ONLY if label in SECRETARIAT_ADMIN_MODELS else SUPERUSER_ONLY
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for view in ADMIN_MODEL_VIEWS:
            if view in ("changelist", "add"):

                def build(d, name=f"{prefix}_{view}"):
                    return reverse(name)

            else:

                def build(d, name=f"{prefix}_{view}", model=model):
                    return reverse(name, args=[d["instances"][model].pk])

            entries[f"{prefix}_{view}"] = (build, expected)
        if model is Contact:
            # Contacts are never deleted, not even by superusers.
            entries[f"{prefix}_delete"] = (
                entries[f"{prefix}_delete"][0],
                STAFF_ONLY | {"staff": 403, "secretariat": 403},
            )
        if model is Invitation:
            # Invitations are sent from the contacts, never added by hand.
            entries[f"{prefix}_add"] = (
                entries[f"{prefix}_add"][0],
                STAFF_ONLY | {"staff": 403, "secretariat": 403},
            )
        if model in (DBTaskResult, Registration, Campaign, Subscriber, ProfileProposal):
            # Never added or deleted by hand, even by superusers: task results;
            # registrations (members answer on the site); campaigns (started
            # from an issue); subscribers (consent comes from the subscriber,
            # and unsubscribing keeps the row); profile proposals (Focal
            # Points make them, the Secretariat decides on the portal).
            for view in ("add", "delete"):
                entries[f"{prefix}_{view}"] = (
                    entries[f"{prefix}_{view}"][0],
                    STAFF_ONLY | {"staff": 403, "secretariat": 403},
                )
        # The unnamed redirect from /<object id>/ to /<object id>/change/.
        opts = model._meta
        entries[f"admin/{opts.app_label}/{opts.model_name}/<path:object_id>/"] = (
            lambda d, opts=opts, model=model: (
                f"{reverse('admin:index')}{opts.app_label}/{opts.model_name}/"
                f"{d['instances'][model].pk}/"
            ),
            {"anonymous": LOGIN}
            | dict.fromkeys(ROLES[1:], 403)
            | {"secretariat": REDIRECT, "staff": REDIRECT},
        )
        entries[f"admin:app_list/{model._meta.app_label}"] = (
            lambda d, app=model._meta.app_label: reverse(
                "admin:app_list", kwargs={"app_label": app}
            ),
            # An app without any model the user may see does not exist for them.
            STAFF_ONLY
            if any(
                m.startswith(f"{model._meta.app_label}.")
                for m in SECRETARIAT_ADMIN_MODELS
            )
            else SUPERUSER_ONLY | {"secretariat": 404},
        )
    return entries


def full_matrix():
    matrix = ACCESS | admin_model_access()
    return {
        name: (build, expected | TWO_FACTOR_PENDING)
        if name.startswith("admin")
        else (build, expected)
        for name, (build, expected) in matrix.items()
    }


def jpeg_upload():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#0b4f6c").save(buffer, format="JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")


def test_every_url_is_in_the_matrix():
    matrix = full_matrix()
    names = project_url_names()
    known = set(matrix) | {"admin:app_list"}
    missing = sorted(name for name in names if name not in known)
    assert not missing, f"URLs missing from the access matrix: {missing}"


def country_profile_rows() -> dict:
    published = CountryProfileFactory()
    draft = CountryProfileFactory(status=ProfileStatus.DRAFT)

    def document(country):
        return PolicyDocumentFactory(
            country=country,
            url="",
            file=ContentFile(PDF_BYTES, name="law.pdf"),
            original_name="law.pdf",
            content_type="application/pdf",
        )

    institution = InstitutionFactory(country=published.country)
    proposal = ProfileProposal.objects.create(
        country=published.country,
        proposed_by=make_user("focal_point"),
        kind=ProposalKind.INSTITUTION_CHANGE,
        institution=institution,
        changes={"name_en": "A new name"},
        file=ContentFile(PDF_BYTES, name="decree.pdf"),
        original_name="decree.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    return {
        "profile_country": published.country,
        "policy_document": document(published.country),
        "draft_policy_document": document(draft.country),
        "institution": institution,
        "proposal": proposal,
    }


def build_matrix_data():
    """The rows every URL of the matrix needs (see matrix_data)."""
    from django.contrib.contenttypes.models import ContentType

    news = NewsItemFactory()
    theme = ThemeFactory()
    contact = ContactFactory()
    ContactRoleFactory(contact=contact)
    contact_photo_save(contact=contact, uploaded_file=jpeg_upload())
    post = PostFactory()
    attachment = Attachment.objects.create(
        post=post,
        file=ContentFile(b"%PDF-1.4\n%%EOF", name="note.pdf"),
        original_name="note.pdf",
        content_type="application/pdf",
        size=14,
    )
    restricted_topic = TopicFactory(forum=ForumFactory(slug="steering-committee"))
    restricted_topic.forum.readers.set(
        Group.objects.filter(name__in=[roles.STEERING_COMMITTEE, roles.SECRETARIAT])
    )
    restricted_attachment = Attachment.objects.create(
        post=PostFactory(topic=restricted_topic),
        file=ContentFile(b"%PDF-1.4\n%%EOF", name="agenda.pdf"),
        original_name="agenda.pdf",
        content_type="application/pdf",
        size=14,
    )
    meeting = MeetingFactory(
        themes=[theme],
        registration_deadline=timezone.now() + datetime.timedelta(days=7),
    )
    unpublished_meeting = MeetingFactory(is_published=False)
    documents = {
        visibility: MeetingDocumentFactory(meeting=meeting, visibility=visibility)
        for visibility in DocumentVisibility.values
    }
    issue = IssueFactory(
        with_cover=True, pdf_fr=ContentFile(PDF_BYTES, name="review.pdf")
    )
    article = ArticleFactory(issue=issue, with_image=True)
    subscriber = SubscriberFactory(status="pending")
    library_text = DocumentFactory(
        file=ContentFile(PDF_BYTES, name="text.pdf"),
        original_name="text.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    data = {
        "issue": issue,
        "unpublished_issue": IssueFactory(published_at=None),
        "library_text": library_text,
        **country_profile_rows(),
        "unpublished_library_text": DocumentFactory(is_published=False),
        "article": article,
        "confirm_token": confirm_token(subscriber),
        "unsubscribe_token": unsubscribe_token(subscriber),
        "meeting": meeting,
        "unpublished_meeting": unpublished_meeting,
        "documents": documents,
        "unpublished_document": MeetingDocumentFactory(meeting=unpublished_meeting),
        "theme": theme,
        "post": post,
        "forum": post.topic.forum,
        "attachment": attachment,
        "restricted_topic": restricted_topic,
        "restricted_attachment": restricted_attachment,
        "stop_token": stop_emails_token(post.author),
        "contact": contact,
        "news": news,
        "news_content_type": ContentType.objects.get_for_model(news).pk,
    }
    samples = [
        post,
        post.topic,
        post.topic.forum,
        Report.objects.create(post=post, reporter=post.author, reason="test"),
        news,
        theme,
        theme.objective,
        theme.objective.pillar,
        CountryFactory(),
        contact,
        contact.roles.first(),
        OrganisationFactory(),
        PageFactory(),
        Group.objects.first(),
        make_user("focal_point"),
        unpublished_meeting,
        RegistrationFactory(meeting=meeting),
        issue,
        subscriber,
        library_text,
        Campaign.objects.create(issue=issue),
    ]
    instances = {type(sample): sample for sample in samples}
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    instances[EmailAddress] = EmailAddress.objects.first()
    instances[Invitation] = contact_invite(contact=contact, invited_by=None)
    instances[DBTaskResult] = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="rabat.emails.send_email_task",
        backend_name="database",
        run_after=timezone.now(),
    )
    instances[Authenticator] = Authenticator.objects.get(
        user=enable_two_factor(make_user("no_group"))
    )
    profile_country = data["profile_country"]
    value = IndicatorValueFactory(country=profile_country)
    instances.update(
        {
            CountryProfile: profile_country.profile,
            Institution: InstitutionFactory(country=profile_country),
            KeyFigure: KeyFigureFactory(country=profile_country),
            PolicyDocument: data["policy_document"],
            Indicator: value.indicator,
            IndicatorValue: value,
            ProfileProposal: ProfileProposal.objects.create(
                country=profile_country,
                proposed_by=instances[User],
                kind=ProposalKind.OVERVIEW,
                changes={"overview_fr": "Nouveau texte", "overview_en": "New text"},
            ),
        }
    )
    data["instances"] = instances
    return data


@pytest.fixture(scope="module")
def matrix_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's data, built once for the module inside a transaction that
    is rolled back after its last test (as Django's TestCase.setUpTestData
    does): each test runs in a savepoint of it, so what a request writes is
    undone after each test, and no other module sees these rows. Returns the
    data and the MEDIA_ROOT holding its files."""
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(MEDIA_ROOT=media), translation.override("en"):
                data = build_matrix_data()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield data, media
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def matrix_data(db, settings, matrix_rows):
    """The module's matrix data, its files under this test's MEDIA_ROOT."""
    data, media = matrix_rows
    settings.MEDIA_ROOT = media
    return data


def log_in(client, user):
    """Log `client` in as `user` (None: anonymous) unless it already is: a
    role logs in once for all its URLs, and again only after a view ended
    its session (a logout, a flushed or expired session)."""
    current = client.session.get(SESSION_KEY)
    if user is None:
        if current is not None:
            client.logout()
    elif current != str(user.pk):
        client.force_login(user)


def check(client, url, expected):
    response = client.get(url)
    if response.streaming:
        close_file_response(response)
    status = response.status_code
    location = urlsplit(response.get("Location", "")).path
    if status == 302 and location == reverse("admin:login"):
        # The admin sends outsiders to its login view, which allauth guards:
        # anonymous users go on to the allauth login, others are refused.
        response = client.get(response["Location"])
        status = response.status_code
        location = urlsplit(response.get("Location", "")).path
    if expected == LOGIN:
        assert status == 302, f"expected a redirect to login, got {status}"
        assert location == reverse("account_login"), location
    elif expected == TWO_FACTOR_SETUP:
        assert status == 302, f"expected a redirect to the TOTP setup, got {status}"
        assert location == reverse("mfa_activate_totp"), location
    elif expected == REDIRECT:
        assert status == 302, f"expected a redirect, got {status}"
        assert location != reverse("account_login"), location
    else:
        assert status == expected, f"expected {expected}, got {status}"


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, matrix_data, role):
    user = make_user(role)
    if user is not None:
        ContactFactory(user=user)
    failures = []
    for name, (build, expected) in sorted(full_matrix().items()):
        try:
            url = build(matrix_data)
        except (KeyError, AttributeError) as error:
            failures.append(f"{name}: no test data to build its URL ({error!r})")
            continue
        log_in(client, user)
        try:
            check(client, url, expected[role])
        except AssertionError as error:
            failures.append(f"{role} {name} {url}: {error}")
    assert not failures, "\n".join(failures)
