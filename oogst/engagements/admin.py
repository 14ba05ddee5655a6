"""The operator's view of structure: people, organisations, engagements and their parties.

By design no private text is registered here (DOMAIN.md): no intake notes or question,
no results, reflections or session notes. Operators who need an engagement's content
use `oogst export` on the command line.
"""

from typing import TYPE_CHECKING, Any

from django.contrib import admin

from oogst.engagements.models import Engagement, Organisation, Participation

if TYPE_CHECKING:  # Django's admin classes are generic for the type checker only
    TabularInline = admin.TabularInline[Participation, Engagement]
    ModelAdmin = admin.ModelAdmin[Any]
else:
    TabularInline = admin.TabularInline
    ModelAdmin = admin.ModelAdmin


class ParticipationInline(TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["party", "person"]


@admin.register(Organisation)
class OrganisationAdmin(ModelAdmin):
    list_display = ["name", "sector"]
    search_fields = ["name", "sector"]


@admin.register(Engagement)
class EngagementAdmin(ModelAdmin):
    list_display = ["title", "organisation", "language", "created_at"]
    list_filter = ["language"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation"]
    fields = ["title", "organisation", "language"]
    inlines = [ParticipationInline]
