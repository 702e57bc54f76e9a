"""Small inline SVG charts for the audit report: horizontal bars and a monthly column chart.

Hand-drawn because the report must open offline as one file, and two chart types do not
justify a plotting library.  Every chart has a <title> and the figures are also in a table.
"""
from __future__ import annotations

from html import escape


def hbars(items: list[tuple[str, float, str]], title: str, width: int = 640, unit: str = "") -> str:
    """Horizontal bars: (label, value, value text); longest first as given."""
    if not items:
        return ""
    row, label_w, pad = 26, 230, 60
    top = max(v for _, v, _ in items) or 1
    h = row * len(items) + 8
    bars = []
    for i, (label, value, text) in enumerate(items):
        y = 4 + i * row
        w = max(2.0, (width - label_w - pad) * value / top)
        bars.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" class="lbl">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3" class="bar"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" class="val">{escape(text)}{escape(unit)}</text>')
    return (f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {h}" width="100%" '
            f'class="chart"><title>{escape(title)}</title>{"".join(bars)}</svg>')


def columns(items: list[tuple[str, float, str]], title: str, width: int = 640, height: int = 220) -> str:
    """Vertical columns over time (e.g. findings per 100 notes by month)."""
    if not items:
        return ""
    top = max(v for _, v, _ in items) or 1
    left, bottom, head = 8, 40, 22
    step = (width - left * 2) / len(items)
    bw = max(4.0, step * 0.7)
    out = []
    for i, (label, value, text) in enumerate(items):
        x = left + i * step + (step - bw) / 2
        bh = (height - bottom - head) * value / top
        y = height - bottom - bh
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{max(bh, 1):.1f}" rx="2" class="bar">'
                   f'<title>{escape(label)}: {escape(text)}</title></rect>'
                   f'<text x="{x + bw / 2:.1f}" y="{y - 5:.1f}" text-anchor="middle" class="val">{escape(text)}</text>'
                   f'<text x="{x + bw / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" class="lbl">'
                   f'{escape(label)}</text>')
    return (f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="100%" '
            f'class="chart"><title>{escape(title)}</title>'
            f'<line x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" class="axis"/>'
            f'{"".join(out)}</svg>')
