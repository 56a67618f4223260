"""Uploaded files in an S3-compatible bucket, as the README's deployment
section documents it (AWS_STORAGE_BUCKET_NAME), served by the portal's views
through the storage API alone."""

import importlib
import os
from unittest import mock

import boto3
import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from moto import mock_aws
from storages.backends.s3 import S3Storage

from rabat.http import stored_file_response

BUCKET = "rabat-files"


def default_storage_setting(environ):
    """STORAGES["default"] as rabat.settings.base reads it from `environ`."""
    module = importlib.import_module("rabat.settings.base")
    try:
        with mock.patch.dict(os.environ, environ):
            importlib.reload(module)
        return module.STORAGES["default"]
    finally:
        importlib.reload(module)


def test_files_stay_on_the_local_disk_by_default():
    with mock.patch.dict(os.environ):
        os.environ.pop("AWS_STORAGE_BUCKET_NAME", None)
        setting = default_storage_setting({})
    assert setting == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_name_puts_them_in_that_bucket():
    setting = default_storage_setting(
        {
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
            "AWS_S3_REGION_NAME": "eu-west-3",
        }
    )
    assert setting["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = S3Storage(**setting["OPTIONS"])
    assert storage.bucket_name == BUCKET
    assert storage.endpoint_url == "http://127.0.0.1:9000"
    assert storage.region_name == "eu-west-3"
    # A name already taken gets another one, as on disk.
    assert storage.file_overwrite is False


class Stored:
    """What a model's file field gives: a name in a storage."""

    def __init__(self, storage, name):
        self.storage, self.name = storage, name

    def __bool__(self):
        return bool(self.name)


@pytest.fixture
def bucket(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        yield S3Storage(
            bucket_name=BUCKET, region_name="us-east-1", file_overwrite=False
        )


def test_a_file_in_the_bucket_is_served_through_the_view(bucket):
    name = bucket.save("forums/minutes.pdf", ContentFile(b"%PDF-1.7 minutes"))
    again = bucket.save("forums/minutes.pdf", ContentFile(b"%PDF-1.7 other"))
    assert again != name

    response = stored_file_response(
        Stored(bucket, name),
        is_public=False,
        content_type="application/pdf",
        as_attachment=True,
        filename="minutes.pdf",
    )

    content = b"".join(response.streaming_content)
    response.file_to_stream.close()  # as the server does once it is sent
    assert content == b"%PDF-1.7 minutes"
    assert response["Content-Length"] == str(len(b"%PDF-1.7 minutes"))
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_a_file_gone_from_the_bucket_is_not_found(bucket):
    with pytest.raises(Http404):
        stored_file_response(
            Stored(bucket, "forums/gone.pdf"),
            is_public=True,
            content_type="application/pdf",
        )
