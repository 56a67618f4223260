from django.http import FileResponse, Http404
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request) -> str | None:
    """The `next` address sent with a form or link, if it is one of ours."""
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return None


def stored_file_response(file_field, **kwargs) -> FileResponse:
    """Stream a file from its storage (`kwargs` as for FileResponse); a file
    that is not set, or gone from the storage, is not found."""
    if not file_field:
        raise Http404
    try:
        file = file_field.storage.open(file_field.name, "rb")
    except OSError:
        raise Http404 from None
    return FileResponse(file, **kwargs)
