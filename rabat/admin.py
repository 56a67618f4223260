from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from rabat.admin_mixins import PublicPagesAdminMixin
from rabat.models import (
    Country,
    NewsItem,
    Objective,
    Organisation,
    Page,
    Pillar,
    Theme,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Personal info"),
            {"fields": ["first_name", "last_name", "preferred_language"]},
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Page)
class PageAdmin(PublicPagesAdminMixin, TabbedTranslationAdmin):
    save_on_top = True
    list_display = ["title", "slug", "updated_at"]


@admin.register(NewsItem)
class NewsItemAdmin(PublicPagesAdminMixin, TabbedTranslationAdmin):
    save_on_top = True
    list_display = ["title", "published_at", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title_fr", "title_en", "summary_fr", "summary_en"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title_en"]}
    # Tags: what links the item to the meetings, themes and news it relates to.
    filter_horizontal = ["themes"]
    autocomplete_fields = ["countries", "meetings"]


@admin.register(Country)
class CountryAdmin(PublicPagesAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "iso_code", "region", "status"]
    list_filter = ["region", "status"]
    search_fields = ["name_fr", "name_en", "iso_code"]


@admin.register(Organisation)
class OrganisationAdmin(PublicPagesAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_fr", "name_en", "acronym_fr", "acronym_en"]
    prepopulated_fields = {"slug": ["acronym_en"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ObjectiveInline(admin.TabularInline):
    model = Objective
    fields = ["number", "title_fr", "title_en"]
    extra = 0


@admin.register(Pillar)
class PillarAdmin(PublicPagesAdminMixin, TabbedTranslationAdmin):
    list_display = ["number", "title"]
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(PublicPagesAdminMixin, TabbedTranslationAdmin):
    list_display = ["number", "title", "pillar"]
    list_filter = ["pillar"]
    list_select_related = ["pillar"]


@admin.register(Theme)
class ThemeAdmin(PublicPagesAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "objective", "is_cross_cutting", "is_priority", "position"]
    list_editable = ["position"]
    list_select_related = ["objective"]
    prepopulated_fields = {"slug": ["title_en"]}
