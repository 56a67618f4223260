import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from contacts.photos import PhotoError
from contacts.services import contact_photo_delete, contact_photo_save
from rabat.uploads import StorageError
from tests.conftest import make_user, stored_files
from tests.factories import ContactFactory
from tests.files import body, status_of

pytestmark = pytest.mark.django_db

GPS_INFO = 0x8825
ORIENTATION = 0x0112
ROTATED_90 = 6  # EXIF orientation: turn 90° clockwise to display


@pytest.fixture
def contact():
    return ContactFactory()


def image_upload(size=(300, 200), image_format="JPEG", name=None, **save_options):
    mode = "RGBA" if image_format == "PNG" else "RGB"
    buffer = io.BytesIO()
    Image.new(mode, size, "#0b4f6c").save(buffer, format=image_format, **save_options)
    name = name or f"upload.{image_format.lower()}"
    return SimpleUploadedFile(name, buffer.getvalue())


def png_header(width, height):
    """A PNG that announces `width` x `height` pixels and holds almost nothing."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def stored_image(field_file):
    with default_storage.open(field_file.name, "rb") as file:
        content = file.read()
    image = Image.open(io.BytesIO(content))
    image.load()
    return content, image


def test_jpeg_is_turned_upright_resized_and_stripped_of_metadata(contact):
    exif = Image.Exif()
    exif[ORIENTATION] = ROTATED_90
    exif[0x010F] = "PhoneMaker"
    exif[GPS_INFO] = {1: "N", 2: (14.0, 41.0, 33.0), 3: "W", 4: (17.0, 26.0, 48.0)}
    upload = image_upload(
        size=(1600, 1200), exif=exif, comment=b"home of the photographer"
    )
    contact_photo_save(contact=contact, uploaded_file=upload)

    contact.refresh_from_db()
    content, photo = stored_image(contact.photo)
    assert photo.format == "JPEG"
    assert photo.size == (600, 800)  # upright portrait, fitted into 800x800
    assert not photo.getexif()
    assert "exif" not in photo.info
    assert "comment" not in photo.info
    assert b"PhoneMaker" not in content
    assert b"photographer" not in content

    content, thumbnail = stored_image(contact.photo_thumbnail)
    assert thumbnail.format == "JPEG"
    assert thumbnail.size == (200, 200)
    assert not thumbnail.getexif()
    assert b"PhoneMaker" not in content


def test_photos_get_new_random_names_in_storage(contact):
    contact_photo_save(
        contact=contact, uploaded_file=image_upload(name="../../etc/passwd.jpg")
    )
    contact.refresh_from_db()
    assert contact.photo.name.startswith("contacts/photos/")
    assert contact.photo_thumbnail.name.startswith("contacts/thumbnails/")
    for name in (contact.photo.name, contact.photo_thumbnail.name):
        assert name.endswith(".jpg")
        assert len(name.rsplit("/", 1)[1]) == len("0123456789abcdef" * 2 + ".jpg")
        assert default_storage.exists(name)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP", "GIF"])
def test_accepted_formats_become_jpeg(contact, image_format):
    contact_photo_save(
        contact=contact, uploaded_file=image_upload(image_format=image_format)
    )
    _, photo = stored_image(contact.photo)
    assert photo.format == "JPEG"
    assert photo.size == (300, 200)  # small photos are not enlarged


def test_transparent_png_gets_a_white_background(contact):
    buffer = io.BytesIO()
    Image.new("RGBA", (100, 100), (255, 0, 0, 0)).save(buffer, format="PNG")
    contact_photo_save(
        contact=contact, uploaded_file=SimpleUploadedFile("logo.png", buffer.getvalue())
    )
    _, photo = stored_image(contact.photo)
    red, green, blue = photo.getpixel((50, 50))
    assert min(red, green, blue) > 245


def test_a_text_file_named_like_a_photo_is_refused(contact):
    upload = SimpleUploadedFile("photo.jpg", b"Not an image at all.\n", "image/jpeg")
    with pytest.raises(PhotoError) as error:
        contact_photo_save(contact=contact, uploaded_file=upload)
    assert str(error.value) == (
        "This file is not a photo: send a JPEG, PNG, WebP or GIF image."
    )
    contact.refresh_from_db()
    assert not contact.photo


@pytest.mark.parametrize("image_format", ["BMP", "TIFF"])
def test_other_image_formats_are_refused(contact, image_format):
    with pytest.raises(PhotoError, match="not a photo"):
        contact_photo_save(
            contact=contact,
            uploaded_file=image_upload(image_format=image_format, name="photo.jpg"),
        )


def test_a_truncated_image_is_refused(contact):
    upload = image_upload(size=(400, 400))
    truncated = SimpleUploadedFile("photo.jpg", upload.read()[:600])
    with pytest.raises(PhotoError, match="not a photo"):
        contact_photo_save(contact=contact, uploaded_file=truncated)


@pytest.mark.parametrize(
    "size",
    [
        (7000, 7000),  # over CONTACT_PHOTO_MAX_PIXELS (40 million)
        (10_000, 10_000),  # over Pillow's warning threshold too
        (20_000, 20_000),  # over Pillow's error threshold too
    ],
)
def test_images_with_too_many_pixels_are_refused_before_decoding(contact, size):
    upload = SimpleUploadedFile("bomb.png", png_header(*size))
    with pytest.raises(PhotoError) as error:
        contact_photo_save(contact=contact, uploaded_file=upload)
    assert str(error.value) == "The image has too many pixels: send a smaller photo."


def test_the_pixel_limit_comes_from_the_settings(contact, settings):
    settings.CONTACT_PHOTO_MAX_PIXELS = 100 * 100
    with pytest.raises(PhotoError, match="too many pixels"):
        contact_photo_save(contact=contact, uploaded_file=image_upload(size=(101, 100)))
    contact_photo_save(contact=contact, uploaded_file=image_upload(size=(100, 100)))


def test_an_oversized_file_is_refused(contact, settings):
    settings.CONTACT_PHOTO_MAX_BYTES = 1024
    upload = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff" + b"\x00" * 1024)
    with pytest.raises(PhotoError) as error:
        contact_photo_save(contact=contact, uploaded_file=upload)
    assert str(error.value) == "The photo is too large: 1.0\xa0KB at most."


def test_replacing_a_photo_deletes_the_previous_files(
    contact, django_capture_on_commit_callbacks
):
    contact_photo_save(contact=contact, uploaded_file=image_upload())
    previous = [contact.photo.name, contact.photo_thumbnail.name]

    with django_capture_on_commit_callbacks(execute=True):
        contact_photo_save(contact=contact, uploaded_file=image_upload(size=(50, 50)))

    contact.refresh_from_db()
    assert contact.photo.name not in previous
    assert default_storage.exists(contact.photo.name)
    assert default_storage.exists(contact.photo_thumbnail.name)
    assert not any(default_storage.exists(name) for name in previous)


def test_previous_files_stay_until_the_transaction_commits(
    contact, django_capture_on_commit_callbacks
):
    contact_photo_save(contact=contact, uploaded_file=image_upload())
    previous = [contact.photo.name, contact.photo_thumbnail.name]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        contact_photo_save(contact=contact, uploaded_file=image_upload())
    assert all(default_storage.exists(name) for name in previous)
    for callback in callbacks:  # the commit
        callback()
    assert not any(default_storage.exists(name) for name in previous)


def test_a_refused_upload_keeps_the_current_photo(
    contact, django_capture_on_commit_callbacks
):
    contact_photo_save(contact=contact, uploaded_file=image_upload())
    current = contact.photo.name
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(PhotoError),
    ):
        contact_photo_save(
            contact=contact, uploaded_file=SimpleUploadedFile("x.jpg", b"text")
        )
    contact.refresh_from_db()
    assert contact.photo.name == current
    assert default_storage.exists(current)


def test_a_full_disk_keeps_the_current_photo_and_leaves_no_file(
    contact, settings, django_capture_on_commit_callbacks
):
    contact_photo_save(contact=contact, uploaded_file=image_upload())
    current = (contact.photo.name, contact.photo_thumbnail.name)
    media = Path(settings.MEDIA_ROOT)
    before = stored_files(media)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.files.FullDiskStorage"},
    }
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(StorageError, match="could not be saved"),
    ):
        contact_photo_save(contact=contact, uploaded_file=image_upload())
    assert (contact.photo.name, contact.photo_thumbnail.name) == current
    contact.refresh_from_db()
    assert (contact.photo.name, contact.photo_thumbnail.name) == current
    assert stored_files(media) == before


def test_the_profile_shows_a_full_disk_as_an_error_keeping_the_text(
    client, unwritable_media
):
    translation.activate("fr")
    user = make_user("focal_point")
    contact = ContactFactory(user=user, position="Director")
    client.force_login(user)
    response = client.post(
        reverse("contacts:profile"),
        {
            "civility": "ms",
            "position": "Head of unit",
            "organisation": "Ministry of Foreign Affairs",
            "email": contact.email,
            "preferred_language": "fr",
            "new_photo": image_upload(name="portrait.jpg"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_photo"] == [
        "« portrait.jpg » n’a pas pu être enregistré : l’espace de stockage du "  # noqa: RUF001
        "serveur est plein ou indisponible. Rien n’a été enregistré ; réessayez "  # noqa: RUF001
        "plus tard, et prévenez le Secrétariat si cela se reproduit."
    ]
    assert 'value="Head of unit"' in response.content.decode()
    contact.refresh_from_db()
    assert contact.position == "Director"
    assert not contact.photo
    assert stored_files(unwritable_media) == []


def test_deleting_the_photo_removes_both_files(
    contact, django_capture_on_commit_callbacks
):
    contact_photo_save(contact=contact, uploaded_file=image_upload())
    names = [contact.photo.name, contact.photo_thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        contact_photo_delete(contact=contact)
    contact.refresh_from_db()
    assert not contact.photo
    assert not contact.photo_thumbnail
    assert not any(default_storage.exists(name) for name in names)
    # Nothing to delete: nothing happens.
    contact_photo_delete(contact=contact)


# --- The photo view -----------------------------------------------------------------


@pytest.fixture
def contact_with_photo(contact):
    contact_photo_save(contact=contact, uploaded_file=image_upload(size=(900, 600)))
    return contact


@pytest.mark.parametrize(
    ("size", "pixels"), [("full", (800, 533)), ("thumbnail", (200, 200))]
)
def test_members_see_the_photo(client, contact_with_photo, size, pixels):
    client.force_login(make_user("focal_point"))
    response = client.get(reverse("contacts:photo", args=[contact_with_photo.pk, size]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    image = Image.open(io.BytesIO(body(response)))
    assert image.size == pixels


def test_anonymous_visitors_are_sent_to_log_in(client, contact_with_photo):
    response = client.get(
        reverse("contacts:photo", args=[contact_with_photo.pk, "thumbnail"])
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_users_without_a_member_group_are_refused(client, contact_with_photo):
    client.force_login(make_user("no_group"))
    url = reverse("contacts:photo", args=[contact_with_photo.pk, "thumbnail"])
    assert client.get(url).status_code == 403


def test_photo_not_found(client, contact_with_photo):
    client.force_login(make_user("focal_point"))
    without_photo = ContactFactory()
    for pk, size in [
        (contact_with_photo.pk, "huge"),
        (without_photo.pk, "thumbnail"),
        (999_999, "thumbnail"),
    ]:
        response = client.get(reverse("contacts:photo", args=[pk, size]))
        assert response.status_code == 404, (pk, size)

    default_storage.delete(contact_with_photo.photo.name)
    url = reverse("contacts:photo", args=[contact_with_photo.pk, "full"])
    assert status_of(client, url) == 404
