"""Behaviours shared by the apps' admins."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied


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
