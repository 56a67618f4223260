"""The portal's one authentication backend."""

from allauth.account.auth_backends import AuthenticationBackend

from rabat.roles import user_with_roles

# Its path, as sessions keep it (migration rabat 0007 moved older sessions to it).
ACCOUNT_BACKEND = "rabat.auth_backends.AccountBackend"


class AccountBackend(AuthenticationBackend):
    """allauth's: an email address and a password, for the site and the
    admin alike. A request's user comes with its effective roles in the same
    query (rabat.roles.user_with_roles), which every page reads."""

    def get_user(self, user_id):
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
