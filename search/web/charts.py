"""Charts drawn on the server as SVG geometry: no script is needed to see them, and
an offline machine needs no chart library. Each function returns numbers and
labels only; the templates write the SVG elements (and escape the labels).
"""
from datetime import date

WIDTH = 640
PAD_LEFT, PAD_BOTTOM, PAD_TOP, PAD_RIGHT = 48, 24, 10, 12
PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#17a2b8", "#7f8c8d", "#a0522d")


def histogram(counts, selected=(None, None)):
    """Bars for {year: count}: every year from the first to the last, empty ones too."""
    years = sorted(int(y) for y in counts if str(y).isdigit())
    if not years:
        return None
    span = list(range(years[0], years[-1] + 1))
    top = max(counts.values())
    width, height, left = 320, 130, 30  # drawn in the facet column
    inner_w, inner_h = width - left - PAD_RIGHT, height - PAD_TOP - PAD_BOTTOM
    step = inner_w / len(span)
    lo, hi = selected
    bars = []
    for i, year in enumerate(span):
        n = counts.get(str(year), 0)
        h = inner_h * n / top if top else 0
        bars.append({"year": year, "count": n, "x": round(left + i * step + step * 0.1, 1),
                     "width": round(step * 0.8, 1), "y": round(PAD_TOP + inner_h - h, 1), "height": round(h, 1),
                     "label_x": round(left + (i + 0.5) * step, 1),
                     "selected": (lo is None or year >= lo) and (hi is None or year <= hi) and (lo, hi) != (None, None)})
    return {"width": width, "height": height, "bars": bars, "top": top, "base_y": height - PAD_BOTTOM,
            "label_y": height - 8, "left": left, "top_y": PAD_TOP, "show_every": max(1, -(-len(span) // 6))}


def _day_number(iso):
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except (TypeError, ValueError):
        return None


def _x_scale(lo, hi):
    inner = WIDTH - PAD_LEFT - PAD_RIGHT
    if hi == lo:
        return lambda d: PAD_LEFT + inner / 2
    return lambda d: round(PAD_LEFT + inner * (d - lo) / (hi - lo), 1)


def _year_ticks(lo, hi, x):
    first, last = date.fromordinal(lo).year, date.fromordinal(hi).year
    every = max(1, (last - first + 1) // 10)
    return [{"x": x(date(y, 1, 1).toordinal()), "label": str(y)}
            for y in range(first, last + 2, every) if lo <= date(y, 1, 1).toordinal() <= hi]


def _whole_years(days):
    """(first, last) day numbers of the whole years the day numbers fall in."""
    days = list(days)
    return (date(date.fromordinal(min(days)).year, 1, 1).toordinal(),
            date(date.fromordinal(max(days)).year, 12, 31).toordinal())


def time_axis(events):
    """Dots on a horizontal axis of dates, one per dated event (several on a day are stacked)."""
    days = [(d, e) for e in events if (d := _day_number(e.get("date"))) is not None]
    if not days:
        return None
    lo, hi = _whole_years(d for d, _ in days)
    x = _x_scale(lo, hi)
    height = 90
    axis_y = height - PAD_BOTTOM
    stacked, dots = {}, []
    for d, event in days:
        level = stacked.get(round(x(d) / 6), 0)
        stacked[round(x(d) / 6)] = level + 1
        dots.append({"x": x(d), "y": axis_y - 10 - 9 * min(level, 5), "event": event})
    return {"width": WIDTH, "height": height, "axis_y": axis_y, "left": PAD_LEFT, "right": WIDTH - PAD_RIGHT,
            "ticks": _year_ticks(lo, hi, x), "dots": dots, "label_y": height - 6}


def line_chart(series):
    """Lines for {name: [(iso date, value)]}: one colour per series, a shared scale."""
    points = [(d, v) for values in series.values() for iso, v in values
              if (d := _day_number(iso)) is not None and v is not None]
    if not points:
        return None
    lo, hi = _whole_years(d for d, _ in points)
    x = _x_scale(lo, hi)
    height = 240
    vmax = max(v for _, v in points)
    vmin = min(0, min(v for _, v in points))
    inner_h = height - PAD_TOP - PAD_BOTTOM
    def y(v):
        return round(PAD_TOP + inner_h * (1 - (v - vmin) / ((vmax - vmin) or 1)), 1)
    lines = []
    for i, (name, values) in enumerate(sorted(series.items(), key=lambda s: str(s[0]))):
        pts = sorted((d, v) for iso, v in values if (d := _day_number(iso)) is not None and v is not None)
        coords = [{"x": x(d), "y": y(v), "value": v, "date": date.fromordinal(d).isoformat()} for d, v in pts]
        lines.append({"name": name, "colour": PALETTE[i % len(PALETTE)], "points": coords,
                      "path": " ".join(f"{p['x']},{p['y']}" for p in coords)})
    grid = [{"y": y(vmin + (vmax - vmin) * k / 4), "value": vmin + (vmax - vmin) * k / 4} for k in range(5)]
    return {"width": WIDTH, "height": height, "lines": lines, "ticks": _year_ticks(lo, hi, x), "grid": grid,
            "left": PAD_LEFT, "right": WIDTH - PAD_RIGHT, "axis_y": height - PAD_BOTTOM, "label_y": height - 6}
