"""Files attached to posts: how many and how large; rabat.uploads checks each."""

from django.utils.translation import gettext_lazy as _

from rabat.uploads import UploadError, upload_check

MAX_ATTACHMENTS = 5
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def attachments_check(files) -> list[tuple[str, str]]:
    """`upload_check` of each file, after checking how many there are."""
    if len(files) > MAX_ATTACHMENTS:
        raise UploadError(
            _("Attach at most %(count)d files to a message.")
            % {"count": MAX_ATTACHMENTS}
        )
    return [
        upload_check(uploaded_file, max_bytes=ATTACHMENT_MAX_BYTES)
        for uploaded_file in files
    ]
