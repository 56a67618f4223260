"""The sessions opened with the two backends the portal had (Django's
ModelBackend and allauth's) now name the one that replaced them,
rabat.auth_backends.AccountBackend: nobody is logged out by the change."""

from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations
from django.utils import timezone

BACKEND_KEY = "_auth_user_backend"
OLD_BACKENDS = {
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
}
NEW_BACKEND = "rabat.auth_backends.AccountBackend"


def move_sessions(apps, schema_editor):
    session_model = apps.get_model("sessions", "Session")
    store = SessionStore()
    sessions = session_model.objects.using(schema_editor.connection.alias).filter(
        expire_date__gt=timezone.now()
    )
    for session in sessions.iterator():
        data = store.decode(session.session_data)
        if data.get(BACKEND_KEY) in OLD_BACKENDS:
            data[BACKEND_KEY] = NEW_BACKEND
            session.session_data = store.encode(data)
            session.save(update_fields=["session_data"])


class Migration(migrations.Migration):
    dependencies = [
        ("rabat", "0006_search_document"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(move_sessions, migrations.RunPython.noop)]
