"""The tabs of an engagement: one per stage the viewer may open."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from oogst import policy
from oogst.policy import Content, Facts, Party

register = template.Library()

# (url name, label, the content a tab shows, or None when every party may open it). The
# labels are short words in context "tab", so that every tab fits one row.
TABS = [
    ("closing:engagement", pgettext_lazy("tab", "Overview"), None),
    ("engagements:intake", pgettext_lazy("tab", "Intake"), Content.INTAKE),
    ("contracting:expectations", pgettext_lazy("tab", "Expectations"), None),
    ("contracting:goals", pgettext_lazy("tab", "Goals"), None),
    ("contracting:contract", pgettext_lazy("tab", "Contract"), None),
    ("contracting:sessions", pgettext_lazy("tab", "Sessions"), None),
    ("results:end_report", pgettext_lazy("tab", "End reports"), None),
    ("closing:attainment", pgettext_lazy("tab", "Attainment"), None),
    ("closing:conversation", pgettext_lazy("tab", "Closing conversation"), None),
    ("closing:final_report", pgettext_lazy("tab", "Final report"), None),
]
# Practice research (consent) is no stage: the overview links to it (closing/_at_a_glance).


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
