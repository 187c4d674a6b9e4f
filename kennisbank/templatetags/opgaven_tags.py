"""The region's state of the opgaven, for the home page's block."""

from django import template

from kennisbank.opgaven.charts import describe
from kennisbank.opgaven.figures import region_state
from kennisbank.privacy import Viewer

register = template.Library()


@register.simple_tag
def opgaven_state(request):
    """[{text, kind, percentage (0-100, for the bar)}] of what this visitor may see."""
    return [
        {
            "text": describe(row["figure"]),
            "period_label": row["period_label"],
            "kind": row["kind"],
            "bar": min(row["figure"].percentage or 0, 100),
        }
        for row in region_state(Viewer.of(request))
    ]
