from forums import rules
from forums.services.moderation import open_reports


def moderation(request):
    """The number of open reports, for the moderators' link in the navigation."""
    user = getattr(request, "user", None)
    if user is None or not rules.can_moderate(user):
        return {}
    return {"open_report_count": open_reports(user).count()}
