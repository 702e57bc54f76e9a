"""Small inline SVG charts for the audit report: horizontal bars and a monthly column chart.

Hand-drawn because the report must open offline as one file, and two chart types do not
justify a plotting library.  Every chart has a <title>, a caption with its units (added by the
template as a <figcaption>) and its figures also in a table.  Labels never run together: bar
labels are cut to fit their column (the full label is in a tooltip), month labels are "Jan",
"Feb" ... with the year under January and the first month, thinned when there are many months.
"""
from __future__ import annotations

from html import escape

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LABEL_CHARS = 46  # characters of a bar label that fit in its column at 13px


def _fit(label: str, limit: int = LABEL_CHARS) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= limit else label[:limit - 1].rstrip() + "…"


def hbars(items: list[tuple[str, float, str]], title: str, width: int = 760, unit: str = "") -> str:
    """Horizontal bars: (label, value, value text); longest first as given."""
    if not items:
        return ""
    row, label_w, pad = 26, 330, 70
    top = max(v for _, v, _ in items) or 1
    h = row * len(items) + 8
    bars = []
    for i, (label, value, text) in enumerate(items):
        y = 4 + i * row
        w = max(2.0, (width - label_w - pad) * value / top)
        bars.append(
            f'<g><title>{escape(str(label))}: {escape(text)}{escape(unit)}</title>'
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" class="lbl">{escape(_fit(label))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3" class="bar"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" class="val">{escape(text)}{escape(unit)}</text></g>')
    return (f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {h}" width="100%" '
            f'class="chart hbars"><title>{escape(title)}</title>{"".join(bars)}</svg>')


def month_label(month: str) -> tuple[str, str]:
    """"2026-01" -> ("Jan", "2026")."""
    try:
        year, m = month.split("-")[:2]
        return MONTHS[int(m) - 1], year
    except (ValueError, IndexError):
        return month, ""


def columns(items: list[tuple[str, float, str]], title: str, width: int = 760, height: int = 240) -> str:
    """Vertical columns over months ("2026-03"): findings per 100 notes by month."""
    if not items:
        return ""
    top = max(v for _, v, _ in items) or 1
    left, bottom, head = 8, 48, 22
    step = (width - left * 2) / len(items)
    bw = max(4.0, step * 0.7)
    every = 1 if step >= 30 else 2 if step >= 15 else 3 if step >= 10 else 6  # a label every k months
    out = []
    for i, (label, value, text) in enumerate(items):
        x = left + i * step + (step - bw) / 2
        cx = x + bw / 2
        bh = (height - bottom - head) * value / top
        y = height - bottom - bh
        name, year = month_label(label)
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{max(bh, 1):.1f}" rx="2" class="bar">'
                   f'<title>{escape(name)} {escape(year)}: {escape(text)}</title></rect>')
        if i % every == 0:
            if step >= 22:
                out.append(f'<text x="{cx:.1f}" y="{y - 5:.1f}" text-anchor="middle" class="val">{escape(text)}</text>')
            out.append(f'<text x="{cx:.1f}" y="{height - bottom + 16}" text-anchor="middle" class="lbl mon">'
                       f'{escape(name)}</text>')
        to_jan = (12 - MONTHS.index(name)) % 12 if name in MONTHS else 12
        if year and (name == "Jan" or i == 0 and (to_jan == 0 or to_jan * step >= 44)):
            out.append(f'<text x="{cx:.1f}" y="{height - bottom + 32}" text-anchor="middle" class="val yr">'
                       f'{escape(year)}</text>')
    return (f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="100%" '
            f'class="chart months"><title>{escape(title)}</title>'
            f'<line x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" class="axis"/>'
            f'{"".join(out)}</svg>')
