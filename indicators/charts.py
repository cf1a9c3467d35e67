"""An indicator's trend drawn on the server: SVG for pages and the PDF, PNG for Word.

Both come from one layout. The series, the baseline, the target and the reference value
each have their own line pattern and marker shape and are labelled in words beside the
line, so the chart reads in black and white; `describe` says the same in a sentence.
"""

import io
import math
import sys
from html import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from samordna.fonts import font

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 52, 170, 18, 34
INK = "#1f2937"
SERIES = "#1d4ed8"
TARGET = "#15803d"
REFERENCE = "#6b7280"


def fmt(value, unit=""):
    text = number_format(round(value, 1), decimal_pos=1 if value % 1 else 0)
    return f"{text} {unit}".strip() if unit else text


def nice_top(highest):
    """A round top for the value axis and its step, so ticks read 0, 5, 10, 15, 20."""
    # Bounded above too: a typed 1e308 would otherwise overflow to infinity (a 500, not a chart).
    highest = min(max(highest, 1e-9), sys.float_info.max / 10)
    magnitude = 10 ** math.floor(math.log10(highest / 4))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step * 4 >= highest:
            return step * 4, step
    return highest, highest / 4


def _series(indicator):
    """The main series: values without a place, else those of the first place named."""
    values = indicator["values"]
    places = [v["place"] for v in values]
    place = "" if "" in places or not places else places[0]
    return [(v["year"], v["value"]) for v in values if v["place"] == place], place


def layout(indicator):
    """Everything both drawings need, in pixel coordinates."""
    points, place = _series(indicator)
    baseline, target, reference = indicator["baseline"], indicator["target"], indicator["reference"]
    if baseline and (baseline["year"], baseline["value"]) not in points:
        points = sorted([*points, (baseline["year"], baseline["value"])])
    years = [y for y, _v in points] + ([target["year"]] if target else [])
    values = [v for _y, v in points]
    values += [target["value"]] if target else []
    values += [reference["value"]] if reference else []
    if not years:
        return None
    low_year, high_year = min(years), max(years)
    if low_year == high_year:
        low_year, high_year = low_year - 1, high_year + 1
    top_value, step_value = nice_top(max(values + [0]) * 1.1)
    if indicator["unit"].strip() == "%" and top_value > 100:
        top_value, step_value = 100, 25
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year):
        return LEFT + plot_w * (year - low_year) / (high_year - low_year)

    def y(value):
        return TOP + plot_h * (1 - value / top_value)

    step = max(1, round((high_year - low_year) / 8))
    return {
        "points": [(x(yr), y(v), yr, v) for yr, v in points],
        "baseline": (x(baseline["year"]), y(baseline["value"])) if baseline else None,
        "target": (x(target["year"]), y(target["value"]), target) if target else None,
        "reference": (y(reference["value"]), reference) if reference else None,
        "x_ticks": [(x(yr), yr) for yr in range(low_year, high_year + 1, step)],
        "y_ticks": [(y(step_value * i), step_value * i) for i in range(5)],
        "zero": y(0),
        "place": place,
    }


def describe(indicator):
    """The chart in one or two sentences, for screen readers and the text beside it."""
    unit = indicator["unit"]
    points, place = _series(indicator)
    parts = []
    if points:
        values = ", ".join(
            _("%(value)s in %(year)s") % {"value": fmt(v, unit), "year": y} for y, v in points
        )
        parts.append(f"{indicator['name']}{f' ({place})' if place else ''}: {values}.")
    else:
        parts.append(_("%(name)s: no values yet.") % {"name": indicator["name"]})
    if indicator["baseline"]:
        b = indicator["baseline"]
        parts.append(
            _("Baseline %(value)s (%(year)s).")
            % {"value": fmt(b["value"], unit), "year": b["year"]}
        )
    if indicator["target"]:
        t = indicator["target"]
        parts.append(
            _("Target %(value)s by %(year)s.") % {"value": fmt(t["value"], unit), "year": t["year"]}
        )
    if indicator["reference"]:
        r = indicator["reference"]
        parts.append(
            _("%(label)s: %(value)s.")
            % {"label": r["label"] or _("Reference"), "value": fmt(r["value"], unit)}
        )
    return " ".join(parts)


def svg(indicator):
    shape = layout(indicator)
    if shape is None:
        return ""
    unit = indicator["unit"]
    title = escape(indicator["name"])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="trend" '
        f'aria-label="{escape(describe(indicator))}">',
        f"<title>{title}</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" height="{HEIGHT - TOP - BOTTOM}" '
        'fill="#ffffff" stroke="#9ca3af"/>',
    ]
    for ty, value in shape["y_ticks"]:
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#e5e7eb"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" font-size="11" text-anchor="end" fill="{INK}">'
            f"{escape(fmt(value, unit))}</text>"
        )
    for tx, year in shape["x_ticks"]:
        out.append(
            f'<text x="{tx:.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" text-anchor="middle" '
            f'fill="{INK}">{year}</text>'
        )
    label_x = WIDTH - RIGHT + 8
    if shape["reference"]:
        ry, reference = shape["reference"]
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ry:.1f}" y2="{ry:.1f}" stroke="{REFERENCE}" '
            'stroke-width="2" stroke-dasharray="2 3"/>'
        )
        out.append(
            _label(label_x, ry, reference["label"] or _("Reference"), fmt(reference["value"], unit))
        )
    if shape["target"]:
        tx, ty, target = shape["target"]
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="{TARGET}" '
            'stroke-width="2" stroke-dasharray="8 4"/>'
        )
        out.append(
            f'<polygon points="{tx:.1f},{ty - 7:.1f} {tx + 7:.1f},{ty:.1f} {tx:.1f},{ty + 7:.1f} '
            f'{tx - 7:.1f},{ty:.1f}" fill="#ffffff" stroke="{TARGET}" stroke-width="2"/>'
        )
        out.append(
            _label(label_x, ty, _("Target"), f"{fmt(target['value'], unit)} ({target['year']})")
        )
    points = shape["points"]
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _y, _v in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{SERIES}" stroke-width="2.5"/>')
    for px, py, _year, value in points:
        out.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="{SERIES}" stroke="#ffffff"/>'
        )
        out.append(
            f'<text x="{px:.1f}" y="{py - 9:.1f}" font-size="11" text-anchor="middle" '
            f'font-weight="bold" fill="{INK}">{escape(fmt(value, unit))}</text>'
        )
    if shape["baseline"]:
        bx, by = shape["baseline"]
        out.append(
            f'<rect x="{bx - 6:.1f}" y="{by - 6:.1f}" width="12" height="12" fill="none" '
            f'stroke="{INK}" stroke-width="2"/>'
        )
        out.append(
            f'<text x="{bx:.1f}" y="{by + 20:.1f}" font-size="10" text-anchor="middle" fill="{INK}">'
            f"{escape(_('Baseline'))}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _label(x, y, name, value):
    """A line's name and value beside it on two lines, so long names stay inside the chart."""
    return (
        f'<text x="{x}" y="{y - 2:.1f}" font-size="11" fill="{INK}">{escape(name)}'
        f'<tspan x="{x}" dy="13">{escape(value)}</tspan></text>'
    )


def png(indicator, scale=2):
    """The same chart as a PNG, for Word."""
    shape = layout(indicator)
    image = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), "white")
    if shape is None:
        return _save(image)
    draw = ImageDraw.Draw(image)
    regular, bold = font(11 * scale), font(11 * scale, bold=True)
    unit = indicator["unit"]

    def s(*coords):
        return [c * scale for c in coords]

    def dashed(y, colour, dash, gap):
        x = LEFT
        while x < WIDTH - RIGHT:
            draw.line(s(x, y, min(x + dash, WIDTH - RIGHT), y), fill=colour, width=2 * scale)
            x += dash + gap

    draw.rectangle(s(LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM), outline="#9ca3af", width=scale)
    for ty, value in shape["y_ticks"]:
        draw.line(s(LEFT, ty, WIDTH - RIGHT, ty), fill="#e5e7eb", width=scale)
        draw.text(s(LEFT - 6, ty), fmt(value, unit), fill=INK, font=regular, anchor="rm")
    for tx, year in shape["x_ticks"]:
        draw.text(s(tx, HEIGHT - BOTTOM + 12), str(year), fill=INK, font=regular, anchor="mm")
    label_x = WIDTH - RIGHT + 8
    if shape["reference"]:
        ry, reference = shape["reference"]
        dashed(ry, REFERENCE, 2, 3)
        draw.text(
            s(label_x, ry - 6),
            reference["label"] or _("Reference"),
            fill=INK,
            font=regular,
            anchor="lm",
        )
        draw.text(
            s(label_x, ry + 7), fmt(reference["value"], unit), fill=INK, font=regular, anchor="lm"
        )
    if shape["target"]:
        tx, ty, target = shape["target"]
        dashed(ty, TARGET, 8, 4)
        draw.polygon(
            s(tx, ty - 7, tx + 7, ty, tx, ty + 7, tx - 7, ty), outline=TARGET, fill="white"
        )
        draw.text(s(label_x, ty - 6), _("Target"), fill=INK, font=regular, anchor="lm")
        value = f"{fmt(target['value'], unit)} ({target['year']})"
        draw.text(s(label_x, ty + 7), value, fill=INK, font=regular, anchor="lm")
    points = shape["points"]
    if len(points) > 1:
        draw.line([c for px, py, _y, _v in points for c in s(px, py)], fill=SERIES, width=3 * scale)
    for px, py, _year, value in points:
        draw.ellipse(s(px - 4.5, py - 4.5, px + 4.5, py + 4.5), fill=SERIES)
        draw.text(s(px, py - 10), fmt(value, unit), fill=INK, font=bold, anchor="mm")
    if shape["baseline"]:
        bx, by = shape["baseline"]
        draw.rectangle(s(bx - 6, by - 6, bx + 6, by + 6), outline=INK, width=2 * scale)
        draw.text(s(bx, by + 16), _("Baseline"), fill=INK, font=regular, anchor="mm")
    return _save(image)


def _save(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
