"""A plan's indicators as plain, JSON-ready dicts: one shape for the page, the report, the
PDF, the Word file and `samordna indicators`."""

from django.db.models import Prefetch

from indicators.models import Indicator, IndicatorValue


def _point(year, value):
    if year is None or value is None:
        return None
    return {"year": year, "value": value}


def indicator_dict(indicator):
    return {
        "id": indicator.pk,
        "name": indicator.name,
        "unit": indicator.unit,
        "source": indicator.source,
        "description": indicator.description,
        "direction": indicator.direction,
        "area": str(indicator.area) if indicator.area_id else "",
        "measures": [str(m) for m in indicator.measures.all()],
        "baseline": _point(indicator.baseline_year, indicator.baseline_value),
        "target": _point(indicator.target_year, indicator.target_value),
        "reference": (
            {"label": indicator.reference_label, "value": indicator.reference_value}
            if indicator.reference_value is not None
            else None
        ),
        "values": [
            {"year": v.year, "value": v.value, "place": v.place, "note": v.note}
            for v in indicator.values.all()
        ],
    }


def plan_indicators(plan):
    """Every indicator of the plan with its values, in a fixed number of queries."""
    indicators = (
        Indicator.objects.filter(plan=plan)
        .select_related("area")
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("year", "place", "id")),
            "measures",
        )
    )
    return [indicator_dict(i) for i in indicators]
