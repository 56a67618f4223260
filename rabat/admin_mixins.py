"""Behaviours shared by the apps' admins."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError

from rabat.page_cache import public_pages_changed
from rabat.uploads import StorageError, atomic_with_files, uploads_save

# The StorageError of a submission, on its request while it is shown again.
STORAGE_ERROR = "rabat_storage_error"


class ViewOnlyAdminMixin:
    """For what the site records and the admin only shows (registrations,
    campaigns, invitations): never added, changed or deleted there, even by
    a superuser. Fits a ModelAdmin and an inline alike."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ContentChangedAdminMixin:
    """For the admin of what a cached rendering shows: every save or
    deletion there calls `content_changed()` (which raises the rendering's
    version, rabat.cache.content_changed), so that it shows at once. Inlines
    and many-to-many fields are saved in save_related."""

    def content_changed(self) -> None:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.content_changed()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.content_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self.content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self.content_changed()


class PublicPagesAdminMixin(ContentChangedAdminMixin):
    """For the admins of what the public pages show (news, meetings, the
    Review...): a save or a deletion invalidates the cached pages
    (rabat.page_cache)."""

    def content_changed(self) -> None:
        public_pages_changed()


class ObjectPagesMixin:
    """For a ModelAdmin whose extra pages show or act on one object (a
    meeting's registrations, the sending of a Review issue...): the object,
    with the permission checked, and the context of their templates, which
    extend `admin/_object_page.html`."""

    def object_or_redirect(self, request, object_id, permission):
        """(object, None), or (None, a redirect) if it does not exist;
        PermissionDenied without `permission` ("view" or "change") on it."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return None, self._get_obj_does_not_exist_redirect(
                request, self.opts, object_id
            )
        if not getattr(self, f"has_{permission}_permission")(request, obj):
            raise PermissionDenied
        return obj, None

    def object_page_context(self, request, obj, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "original": obj,
            "has_change_permission": self.has_change_permission(request, obj),
            **extra,
        }


class StoredFilesAdminMixin:
    """For a ModelAdmin whose form or inlines take files: they are written
    through `rabat.uploads.file_save`, once every form is valid, and deleted
    again if the save fails. On a full or unwritable disk, nothing is saved
    and the page comes back with the error, everything typed kept (only the
    files must be chosen again)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with atomic_with_files():
                return super().changeform_view(
                    request, object_id, form_url, extra_context
                )
        except StorageError as error:
            # Everything was rolled back: validate the submission again, the
            # error added, to show the page as for any invalid form.
            setattr(request, STORAGE_ERROR, error)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        error = getattr(request, STORAGE_ERROR, None)
        if error is None:
            return form_class

        class FormWithStorageError(form_class):
            def clean(self):
                super().clean()
                raise ValidationError(str(error), code="storage")

        return FormWithStorageError

    def save_model(self, request, obj, form, change):
        uploads_save(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        deleted = set(formset.deleted_forms)
        for inline_form in formset.forms:
            if inline_form not in deleted:
                uploads_save(inline_form.instance)
        super().save_formset(request, form, formset, change)
