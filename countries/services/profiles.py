"""Writes of the country profiles."""

import logging

from django.db import transaction
from django.utils import timezone

from countries.models import ProfileStatus
from rabat.page_cache import public_pages_changed

logger = logging.getLogger(__name__)


@transaction.atomic
def profiles_publish(*, profiles, actor=None) -> int:
    """Publish `profiles` (a queryset) that are not yet published, as
    reviewed today; returns how many were published."""
    # Saved one by one: each keeps its history (who, when, what).
    to_publish = list(profiles.exclude(status=ProfileStatus.PUBLISHED))
    for profile in to_publish:
        profile.status = ProfileStatus.PUBLISHED
        profile.last_reviewed_on = timezone.localdate()
        if actor is not None:
            profile._history_user = actor
        profile.save(update_fields=["status", "last_reviewed_on", "updated_at"])
    if to_publish:
        public_pages_changed()
        logger.info(
            "Country profiles %s published by %s",
            [profile.pk for profile in to_publish],
            getattr(actor, "pk", None),
        )
    return len(to_publish)
