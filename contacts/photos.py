"""Contact photos: uploads checked, cleaned of metadata and resized (the
writes are contacts.services.contact_photo_save / contact_photo_delete)."""

import io
import warnings

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# Pillow format names; anything else (SVG, TIFF, PDF...) is refused.
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
PHOTO_SIZE = (800, 800)
THUMBNAIL_SIZE = (200, 200)
JPEG_QUALITY = 85


class PhotoError(Exception):
    """An upload that cannot become a contact photo; the message says why."""


def cleaned_jpegs(uploaded_file) -> tuple[bytes, bytes]:
    """The photo and its thumbnail, as JPEG bytes, made from `uploaded_file`.

    `uploaded_file` is a Django `UploadedFile` (a form's `FileField` value)
    or any file object with `size`, `read` and `seek`. Its content decides
    (never its name or declared type): a JPEG, PNG, WebP or GIF image of at
    most `CONTACT_PHOTO_MAX_BYTES` bytes and `CONTACT_PHOTO_MAX_PIXELS`
    pixels. It is turned upright (EXIF orientation), stripped of every
    metadata (EXIF with GPS position, comments, profiles), fitted into 800x800,
    with a 200x200 square crop for the thumbnail. `PhotoError` (a translated
    message for the form) otherwise.
    """
    if uploaded_file.size > settings.CONTACT_PHOTO_MAX_BYTES:
        raise PhotoError(
            _("The photo is too large: %(size)s at most.")
            % {"size": filesizeformat(settings.CONTACT_PHOTO_MAX_BYTES)}
        )
    image = _without_metadata(_upright_image(uploaded_file))
    photo = image.copy()
    photo.thumbnail(PHOTO_SIZE, Image.Resampling.LANCZOS)
    thumbnail = ImageOps.fit(image, THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
    return _jpeg_bytes(photo), _jpeg_bytes(thumbnail)


def _upright_image(uploaded_file) -> Image.Image:
    """The decoded upload, turned upright; PhotoError unless a sane image."""
    # Pillow's own decompression-bomb guard warns before it refuses: make the
    # warning an error here, whatever the process's warning filters are.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            uploaded_file.seek(0)
            with Image.open(uploaded_file, formats=ALLOWED_FORMATS) as image:
                # The header gives the size: refuse before decoding anything.
                width, height = image.size
                if width * height > settings.CONTACT_PHOTO_MAX_PIXELS:
                    raise Image.DecompressionBombError
                image.verify()
            # verify() leaves the image unusable: open it again to decode it.
            uploaded_file.seek(0)
            image = Image.open(uploaded_file, formats=ALLOWED_FORMATS)
            image.load()
            return ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoError(
                _("The image has too many pixels: send a smaller photo.")
            ) from None
        # Pillow raises many exception types on corrupt data (OSError,
        # SyntaxError, ValueError, struct.error...), as Django's ImageField notes.
        except Exception:
            raise PhotoError(
                _("This file is not a photo: send a JPEG, PNG, WebP or GIF image.")
            ) from None


def _without_metadata(image: Image.Image) -> Image.Image:
    """An RGB copy of `image` without EXIF, comments or profiles."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        # Transparent areas become white, not JPEG's default black.
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    else:
        image = image.convert("RGB")
    # Pillow's JPEG encoder copies a comment over from `info`.
    image.info = {}
    return image


def _jpeg_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()
