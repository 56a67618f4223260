from django.utils.functional import SimpleLazyObject

from newsletter.forms import MemberSubscriptionForm
from newsletter.selectors import member_subscriber
from rabat.languages import current_language


def review_subscription(request):
    """The logged-in member's Rabat Review subscription and its form, for the
    profile page. Lazy: no query on the pages that do not show them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    subscriber = SimpleLazyObject(lambda: member_subscriber(user))

    def form():
        language = subscriber.language if subscriber else current_language()
        return MemberSubscriptionForm(
            initial={"language": language}, auto_id="review-subscription-%s"
        )

    return {
        "review_subscription": subscriber,
        "review_subscription_form": SimpleLazyObject(form),
    }
