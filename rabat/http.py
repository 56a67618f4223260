from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

# Public files do not change under their generated names.
PUBLIC_FILE_MAX_AGE = 24 * 3600


def safe_next_url(request) -> str | None:
    """The `next` address sent with a form or link, if it is one of ours."""
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return None


def stored_file_response(
    file_field,
    *,
    is_public: bool,
    content_type: str,
    as_attachment: bool = False,
    filename: str = "",
) -> FileResponse:
    """Stream a stored file (a model's file field value), for every app.

    A file that is not set, or gone from its storage, is not found (404).
    A file anyone may read (`is_public`) may be cached by anyone for a day;
    any other is sent `Cache-Control: private, no-store`, so that neither a
    shared cache nor the browser keeps it.
    """
    if not file_field:
        raise Http404
    try:
        file = file_field.storage.open(file_field.name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(
        file, content_type=content_type, as_attachment=as_attachment, filename=filename
    )
    if is_public:
        patch_cache_control(response, public=True, max_age=PUBLIC_FILE_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
