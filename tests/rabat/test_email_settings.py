"""EMAIL_URL as the README documents it."""

import importlib
import os
from unittest import mock

from django.core import mail
from django.test import override_settings


def email_settings(email_url):
    """The EMAIL_* settings that rabat.settings.base reads from `email_url`."""
    module = importlib.import_module("rabat.settings.base")
    try:
        with mock.patch.dict(os.environ, {"EMAIL_URL": email_url}):
            importlib.reload(module)
        return {name: getattr(module, name) for name in dir(module) if "EMAIL" in name}
    finally:
        importlib.reload(module)


def test_filemail_takes_an_absolute_directory(tmp_path):
    directory = tmp_path / "rabat-mail"
    email = email_settings(f"filemail://{directory}")
    assert email["EMAIL_FILE_PATH"] == str(directory)
    with override_settings(
        EMAIL_BACKEND=email["EMAIL_BACKEND"], EMAIL_FILE_PATH=email["EMAIL_FILE_PATH"]
    ):
        mail.send_mail("Subject", "Body", "from@example.org", ["to@example.org"])
    [written] = directory.iterdir()
    assert "Subject: Subject" in written.read_text()


def test_other_email_backends_have_no_file_path():
    email = email_settings("smtp+tls://user:secret@smtp.example.org:587")
    assert email["EMAIL_FILE_PATH"] is None
    assert email["EMAIL_HOST"] == "smtp.example.org"
