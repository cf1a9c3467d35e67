"""Stacked bar charts of states, drawn on the server as SVG (pages, PDF) and PNG (Word).

Both drawings come from one layout, so the chart in the Word file is the chart on the
page. Each state has a colour and a pattern, so the bars still read in black and white.
"""

import hashlib
import io
from html import escape

from django.utils.translation import gettext as _

from followup.models import State
from reports.summary import STATES
from samordna.fonts import font as _font

COLOURS = {
    "done": "#2e7d32",
    "ongoing": "#e0b000",
    "not_started": "#c62828",
    "unclear": "#ffffff",
    "discontinued": "#9ca3af",
}
# Light text on dark fills, dark text on light ones.
TEXT_ON = {
    "done": "#ffffff",
    "ongoing": "#000000",
    "not_started": "#ffffff",
    "unclear": "#000000",
    "discontinued": "#000000",
}

LABEL_WIDTH = 260
BAR_WIDTH = 420
ROW_HEIGHT = 30
BAR_HEIGHT = 20
TOTAL_WIDTH = 90
LEGEND_HEIGHT = 28


def layout(rows):
    """Segments per row: (state, x, width, count, share) with x and width in pixels."""
    bars = []
    for row in rows:
        counts, shares, total = (
            row["summary"]["counts"],
            row["summary"]["shares"],
            row["summary"]["total"],
        )
        x, segments = LABEL_WIDTH, []
        for state in STATES:
            if not counts[state]:
                continue
            width = BAR_WIDTH * counts[state] / total
            segments.append((state, x, width, counts[state], shares[state]))
            x += width
        bars.append({"label": row["label"], "total": total, "segments": segments})
    return bars


def _short(label, limit=38):
    return label if len(label) <= limit else label[: limit - 1] + "…"


def describe(rows):
    """The chart's numbers as sentences: its text alternative."""
    parts = []
    for row in rows:
        counts = row["summary"]["counts"]
        shares = row["summary"]["shares"]
        states = ", ".join(
            f"{State(s).label} {counts[s]} ({shares[s]} %)" for s in STATES if counts[s]
        )
        parts.append(f"{row['label']}: {states or _('no measures')}.")
    return " ".join(parts)


def svg(rows, title):
    """An accessible SVG chart of one stacked bar per row."""
    bars = layout(rows)
    width = LABEL_WIDTH + BAR_WIDTH + TOTAL_WIDTH
    height = LEGEND_HEIGHT + ROW_HEIGHT * len(bars) + 6
    # Ids unique to this chart: a page or PDF holding several charts (or one chart in
    # parts) must not define a pattern twice.
    ids = "c" + hashlib.sha1(repr((title, [b["label"] for b in bars])).encode()).hexdigest()[:8]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(describe(rows))}</desc>",
        "<defs>"
        f'<pattern id="{ids}-ongoing" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{COLOURS["ongoing"]}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="1.2"/></pattern>'
        f'<pattern id="{ids}-not_started" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{COLOURS["not_started"]}"/><path d="M0 0L6 6M6 0L0 6" stroke="#fff" stroke-width="1"/></pattern>'
        f'<pattern id="{ids}-discontinued" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{COLOURS["discontinued"]}"/><circle cx="3" cy="3" r="1.2" fill="#000"/></pattern>'
        "</defs>",
    ]
    # Legend along the top.
    x = 0
    for state in STATES:
        out.append(
            f'<rect x="{x}" y="6" width="14" height="14" fill="{_fill(state, ids)}" stroke="#000"'
            f'{_dash(state)}/><text x="{x + 19}" y="18">{escape(str(State(state).label))}</text>'
        )
        x += 28 + 7 * len(str(State(state).label))
    for i, bar in enumerate(bars):
        y = LEGEND_HEIGHT + i * ROW_HEIGHT
        out.append(
            f'<text x="0" y="{y + 15}"><title>{escape(bar["label"])}</title>{escape(_short(bar["label"]))}</text>'
        )
        out.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" fill="#f3f4f6" stroke="#000"/>'
        )
        for state, sx, sw, count, share in bar["segments"]:
            out.append(
                f'<rect x="{sx:.1f}" y="{y}" width="{sw:.1f}" height="{BAR_HEIGHT}" fill="{_fill(state, ids)}" '
                f'stroke="#000"{_dash(state)}><title>{escape(str(State(state).label))}: {count} ({share} %)</title></rect>'
            )
            if sw >= 22:
                out.append(
                    f'<text x="{sx + sw / 2:.1f}" y="{y + 14}" text-anchor="middle" font-weight="bold" '
                    f'fill="{TEXT_ON[state]}" stroke="{COLOURS[state] if state != "unclear" else "#fff"}" '
                    f'stroke-width="2.5" paint-order="stroke">{count}</text>'
                )
        out.append(f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{y + 15}">{bar["total"]}</text>')
    out.append("</svg>")
    return "".join(out)


def _fill(state, ids):
    return (
        f"url(#{ids}-{state})"
        if state in ("ongoing", "not_started", "discontinued")
        else COLOURS[state]
    )


def _dash(state):
    return ' stroke-dasharray="3 2"' if state == "unclear" else ""


def png(rows, title, scale=2):
    """The same chart as a PNG (for Word, which does not take SVG)."""
    from PIL import Image, ImageDraw

    bars = layout(rows)
    width = LABEL_WIDTH + BAR_WIDTH + TOTAL_WIDTH
    height = LEGEND_HEIGHT + ROW_HEIGHT * len(bars) + 6
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    font = _font(12 * scale)
    bold = _font(12 * scale, bold=True)

    def box(x, y, w, h, state):
        x0, y0, x1, y1 = x * scale, y * scale, (x + w) * scale, (y + h) * scale
        draw.rectangle([x0, y0, x1, y1], fill=COLOURS[state], outline="black", width=scale)
        if state == "ongoing":
            # Hatch on a tile of the box's size, so no line strays outside the box.
            tile = Image.new("RGB", (max(1, int(x1 - x0)), max(1, int(y1 - y0))), COLOURS[state])
            tile_draw = ImageDraw.Draw(tile)
            for offset in range(-tile.height, tile.width, 6 * scale):
                tile_draw.line(
                    [(offset, tile.height), (offset + tile.height, 0)], fill="black", width=scale
                )
            image.paste(tile, (int(x0), int(y0)))
            draw.rectangle([x0, y0, x1, y1], outline="black", width=scale)
        elif state == "not_started":
            for offset in range(int(x0), int(x1), 6 * scale):
                draw.line(
                    [(offset, y0), (min(offset + 6 * scale, x1), y1)], fill="white", width=scale
                )
        elif state == "discontinued":
            for cx in range(int(x0) + 3 * scale, int(x1), 6 * scale):
                for cy in range(int(y0) + 3 * scale, int(y1), 6 * scale):
                    draw.ellipse([cx - scale, cy - scale, cx + scale, cy + scale], fill="black")

    x = 0
    for state in STATES:
        label = str(State(state).label)
        box(x, 6, 14, 14, state)
        draw.text(((x + 19) * scale, 7 * scale), label, fill="black", font=font)
        x += 28 + 7 * len(label)
    for i, bar in enumerate(bars):
        y = LEGEND_HEIGHT + i * ROW_HEIGHT
        draw.text((0, (y + 3) * scale), _short(bar["label"]), fill="black", font=font)
        draw.rectangle(
            [
                LABEL_WIDTH * scale,
                y * scale,
                (LABEL_WIDTH + BAR_WIDTH) * scale,
                (y + BAR_HEIGHT) * scale,
            ],
            fill="#f3f4f6",
            outline="black",
            width=scale,
        )
        for state, sx, sw, count, _share in bar["segments"]:
            box(sx, y, sw, BAR_HEIGHT, state)
            if sw >= 22:
                draw.text(
                    ((sx + sw / 2) * scale, (y + 10) * scale),
                    str(count),
                    fill=TEXT_ON[state],
                    font=bold,
                    anchor="mm",
                    stroke_width=scale,
                    stroke_fill=COLOURS[state] if state != "unclear" else "white",
                )
        draw.text(
            ((LABEL_WIDTH + BAR_WIDTH + 8) * scale, (y + 3) * scale),
            str(bar["total"]),
            fill="black",
            font=font,
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def area_rows(report):
    return [
        {
            "label": ("  " * a["depth"]) + (f"{a['number']}. " if a["number"] else "") + a["title"],
            "summary": a["summary"],
        }
        for a in report["areas"]
    ]


def responsible_rows(report):
    return [
        {"label": r["name"] or _("No one responsible"), "summary": r["summary"]}
        for r in report["responsible"]
    ]
