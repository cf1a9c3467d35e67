"""The overview page: every plan the visitor may see, filtered, sorted and downloadable."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from followup.models import State
from overview.exports import overview_csv, overview_xlsx
from overview.table import COUNTY_KINDS, Filters, county_of, overview_rows, sort_rows
from plans import access
from plans.models import Organisation, OrganisationKind, PlanKind
from plans.views import parse_as_of
from reports.summary import STATES

PER_PAGE = 100
DOWNLOADS = {
    "csv": (overview_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        overview_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def overview_page(request):
    plans = access.visible_plans(request.user)
    as_of, date_error = parse_as_of(request.GET)
    filters, errors = Filters.from_query(request.GET, default_county=county_of(request.user))
    rows, sort = sort_rows(overview_rows(filters.apply(plans), as_of), request.GET.get("sort", ""))
    fmt = request.GET.get("format", "")
    if fmt in DOWNLOADS:
        exporter, content_type = DOWNLOADS[fmt]
        response = HttpResponse(exporter(rows), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="overview-{as_of}.{fmt}"'
        return response
    # Only on the page itself: a download would leave them queued for some later page.
    for error in [date_error, *errors]:
        if error:
            messages.warning(request, error)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row["cells"] = [(s, row["shares"][s], row["counts"][s]) for s in STATES]
    query = {
        "as_of": as_of.isoformat(),
        "county": filters.county or "",
        "municipality": filters.municipality or "",
        "kind": filters.kind,
        "year": filters.year or "",
    }
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    if filters.county:
        municipalities = municipalities.filter(parent=filters.county)
    columns = [
        ("title", _("Plan")),
        ("county", _("County")),
        ("period", _("Period")),
        ("total", _("Measures")),
        *[(state, State(state).label) for state in STATES],
        ("last_round", _("Last status round")),
        ("overdue", _("Overdue reports")),
        ("adopted", _("Adopted")),
    ]
    return render(
        request,
        "overview/overview.html",
        {
            "as_of": as_of,
            "filters": filters,
            "page": page,
            "rows": page.object_list,
            "count": len(rows),
            "sort": sort,
            "columns": columns,
            "query": urlencode(query),
            "sorted_query": urlencode({**query, "sort": sort}),
            "counties": Organisation.objects.filter(kind__in=COUNTY_KINDS).only("id", "name"),
            "municipalities": municipalities.only("id", "name"),
            "kinds": PlanKind.choices,
            "states": STATES,
            "plan_base": reverse("plans:detail", args=["x"]).removesuffix("x/"),
        },
    )
