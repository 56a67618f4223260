from allauth.account.adapter import DefaultAccountAdapter

from rabat.emails import queue_email


class AccountAdapter(DefaultAccountAdapter):
    """Invitation-only accounts; allauth's email goes through the task queue."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        queue_email(message)
