"""The geometry of a bar chart drawn on the server as SVG (templates/opgaven/includes/chart.html):
per row a label, the target as a hatched bar and the realised number as a solid bar, so the two
differ by pattern, not by colour alone. Pure: figures in, coordinates out."""

from django.utils.formats import number_format

WIDTH = 360  # viewBox units; the SVG is as wide as its column, so text stays legible at 375 px
PADDING = 8
LEGEND = 30
ROW = 58
BAR = 13


def amount(value):
    return number_format(value, force_grouping=True)


def describe(figure):
    """A row in words, the same in the chart, its description and the home block."""
    if figure.target is None:
        return f"{figure.label}: geen cijfer"
    if figure.realised is None:
        return f"{figure.label}: doel {amount(figure.target)}, nog niets gerealiseerd gemeld"
    text = f"{figure.label}: {amount(figure.realised)} van {amount(figure.target)}"
    return text + (f" ({figure.percentage}%)" if figure.percentage is not None else "")


def bar_chart(figures, chart_id, title):
    """What the chart template draws for these figures (kennisbank.opgaven.figures.Figure)."""
    largest = max([f.target or 0 for f in figures] + [f.realised or 0 for f in figures] + [1])
    scale = (WIDTH - 2 * PADDING) / largest
    rows = []
    for index, figure in enumerate(figures):
        top = LEGEND + index * ROW
        rows.append(
            {
                "text": describe(figure),
                "text_y": top + 16,
                "target_y": top + 23,
                # Whole units: a template would print a float with a decimal comma.
                "target_width": round((figure.target or 0) * scale),
                "realised_y": top + 23 + BAR + 3,
                "realised_width": round((figure.realised or 0) * scale),
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "description": "; ".join(row["text"] for row in rows) + ".",
        "width": WIDTH,
        "height": LEGEND + len(rows) * ROW,
        "padding": PADDING,
        "bar": BAR,
        "rows": rows,
        "figures": figures,
    }
