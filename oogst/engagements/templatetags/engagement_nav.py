"""The tabs of an engagement: one per stage the viewer may open."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oogst import policy
from oogst.policy import Content, Facts, Party

register = template.Library()

# (url name, label, the content a tab shows, or None when every party may open it)
TABS = [
    ("closing:engagement", _("Overview"), None),
    ("engagements:intake", _("Intake"), Content.INTAKE),
    ("contracting:expectations", _("Expectations"), None),
    ("contracting:goals", _("Goals"), None),
    ("contracting:contract", _("Contract"), None),
    ("contracting:sessions", _("Sessions"), None),
    ("results:end_report", _("End reports"), None),
    ("closing:attainment", _("Attainment"), None),
    ("closing:conversation", _("Closing conversation"), None),
    ("closing:final_report", _("Final report"), None),
    ("research:consent", _("Research"), None),
]


@register.inclusion_tag("engagements/_nav.html")
def engagement_nav(engagement_id: int, party: str, active: str) -> dict[str, Any]:
    facts = Facts(viewer=Party(party))
    tabs = [
        {
            "url": reverse(name, args=[engagement_id]),
            "label": label,
            "current": name == active,
        }
        for name, label, content in TABS
        if content is None or policy.may_read(content, facts)
    ]
    return {"tabs": tabs}
