"""Widgets of the back office's forms."""

from collections.abc import Callable
from pathlib import PurePath

from django import forms
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat

from rabat.uploads import shortened_name


class StoredFileInput(forms.ClearableFileInput):
    """A file field that shows its stored file as people know it: the name
    it was sent with (else its format), its size, a thumbnail for an image,
    and a link to where the site serves it (`url(instance)`), never the
    generated path of the storage, whose address serves nothing."""

    template_name = "admin/widgets/stored_file.html"

    def __init__(self, attrs=None, *, url: Callable[[object], str]):
        super().__init__(attrs)
        self.url = url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value):
            context["widget"]["stored"] = self.stored_file(value)
        return context

    def stored_file(self, value) -> dict:
        instance = value.instance
        suffix = PurePath(value.name).suffix.lstrip(".").upper()
        # A document keeps its file's size (rabat.uploads.CheckedFileFormMixin):
        # no request to the storage for each row of a meeting's documents.
        size = getattr(instance, "size", None)
        if size is None:
            try:
                size = value.size
            except OSError:
                # Missing from the storage: the link says so when followed.
                size = None
        return {
            "name": shortened_name(getattr(instance, "original_name", "") or ""),
            "format": suffix,
            "size": filesizeformat(size) if size is not None else "",
            "url": self.url(instance),
            "is_image": isinstance(value, ImageFieldFile),
        }
