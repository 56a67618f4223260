"""The version of what the members' dashboard shows of the country profiles
(a profile's status and review date, the pending proposals), raised by any
write to a profile or a proposal through the models' signals (a service, the
back office, the demo)."""

from rabat.cache import content_changed_now, content_version, on_save_and_delete

PROFILES_VERSION_KEY = "countries:profiles-version"


def profiles_version() -> int:
    return content_version(PROFILES_VERSION_KEY)


def profiles_changed(**kwargs) -> None:
    content_changed_now(PROFILES_VERSION_KEY)


def connect_signals() -> None:
    """Called by countries.apps."""
    from countries.models import CountryProfile, ProfileProposal

    on_save_and_delete(profiles_changed, CountryProfile, ProfileProposal)
