"""Tables laid out as the Bureau of National Statistics publishes them.

A title row, a unit row ("единиц", "тыс. человек"), a header of one or two rows (a merged
group label over the years), regions (or indicators) as rows with footnote marks
("г. Астана1)"), years as columns ("2022*" preliminary), cells "х" (confidential), "-"
(nothing) and "…" (no data), then footnotes under the table. No column is named
"indicator": the editor says which indicator a one-indicator table holds (or which region a
table of indicators is about), and the table is read around that.
"""

import datetime
import re

from django.utils.translation import gettext as _

from .cells import cell_text, figure_kind, header_period, refuse_date_heading, strip_marks
from .errors import ChoiceNeeded
from .units import COUNTS, SAME, parse_unit

UNIT_HEADINGS = {"ед. изм.", "ед.изм.", "единица измерения", "өлшем бірлігі", "өлш. бірл.", "unit", "units"}
# A footnote opens with its mark ("1)", "¹⁾", "*") or a word such as "Примечание".
FOOTNOTE_START = re.compile(
    r"^(?:\d{1,2}\)|[\u00b9\u00b2\u00b3\u2070-\u2079]|\*"
    r"|примечани|ескерту|условные обозначения|шартты белгілер|источник|дереккөз|note|source)",
    re.IGNORECASE,
)
FOOTNOTES_KEPT = 50


def is_unit(text):
    power, base = parse_unit(text)
    return bool(text) and len(text) <= 40 and (power > 0 or base in COUNTS or any(base in group for group in SAME))


def unit_in_label(label):
    """ "Объём продукции, млн. тенге" -> "млн. тенге"; None when the label names no unit."""
    if "," not in label:
        return None
    tail = label.rsplit(",", 1)[1].strip().rstrip(".")
    return tail if is_unit(tail) else None


def filled(cells):
    return [(index, cell) for index, cell in enumerate(cells) if cell not in (None, "")]


def heading_period(cell):
    """A period heading (a year as a number only between 1900 and 2100: larger numbers are figures)."""
    if isinstance(cell, int) and not 1900 <= cell <= 2100:
        return None
    return header_period(cell)


def find_period_row(head):
    """Index in `head` of the row of period headings, or None: among the rows down to the first one holding
    numbers (the headings, or the first figures), the one with most periods, every filled cell after the
    first column a period. Dates there are refused with a hint: Excel made them from periods."""
    best, best_count = None, 0
    for position, (_number, cells) in enumerate(head):
        after_label = [(i, c) for i, c in filled(cells) if i > 0]
        dates = [c for _i, c in after_label if isinstance(c, datetime.date)]
        periods = [i for i, c in after_label if not isinstance(c, datetime.date) and heading_period(c)]
        others = len(after_label) - len(dates) - len(periods)
        others -= sum(1 for _i, c in after_label if cell_text(c).lower() in UNIT_HEADINGS)
        count = len(periods) + len(dates)
        if count and not others and count > best_count:
            best, best_count = position, count
        if any(not isinstance(c, str) for _i, c in after_label):
            break  # numbers: the headings or the first figures
    if best is not None:
        for _i, cell in filled(head[best][1]):
            if isinstance(cell, datetime.date):
                refuse_date_heading(cell)
    return best


def group_labels(head, period_position, merged):
    """{column: label} of the row above the periods, each label spread over its merged span (or, where the
    file keeps no merges, over the empty cells to its right)."""
    if period_position == 0:
        return {}
    number, cells = head[period_position - 1]
    texts = {i: cell_text(c) for i, c in filled(cells) if i > 0}
    if len(texts) == 0 or all(is_unit(t) for t in texts.values()):
        return {}
    labels = {}
    spans = {(r1, c1): c2 for (r1, c1), (r2, c2) in merged if r1 <= number - 1 <= r2}
    width = max(len(c) for _n, c in head)
    current = None
    for column in range(1, width):
        if column in texts:
            current = texts[column]
            end = spans.get((number - 1, column))
            if end is not None:
                for covered in range(column, end + 1):
                    labels[covered] = current
                continue
        if current is not None and column not in labels:
            labels[column] = current
    return labels


def bulletin_layout(head, rows, merged, options, parsed_file):
    """ParsedFile of a bulletin table, or None when `head` (the first rows) holds no period heading row."""
    from .importing import RawObservation, check_observation_count

    position = find_period_row(head)
    if position is None:
        return None
    number, heading = head[position]
    columns = {}
    unit_column = None
    for index, cell in enumerate(heading):
        found = heading_period(cell) if index and cell not in (None, "") else None
        if found:
            columns[index] = (found[0], found[1], cell_text(cell))
    for _n, cells in head[max(0, position - 2) : position + 1]:
        unit_column = next((i for i, c in filled(cells) if cell_text(c).lower() in UNIT_HEADINGS), unit_column)
    above = head[:position]
    title = next((cell_text(c) for _n, cells in above for _i, c in filled(cells)[:1]), "")
    unit = options.unit or ""
    for _n, cells in above:
        texts = [cell_text(c) for _i, c in filled(cells)]
        if len(texts) == 1 and is_unit(texts[0]) and not options.unit:
            unit = texts[0]
    labels = group_labels(head, position, merged)
    ignored = []
    periods_seen = [period for period, _p, _label in columns.values()]
    if len(set(periods_seen)) < len(periods_seen):
        groups = list(dict.fromkeys(labels.get(i, "") for i in columns))
        if not options.group or not options.group.isdigit() or not 1 <= int(options.group) <= len(groups):
            raise ChoiceNeeded(
                "group",
                _("The sheet holds %(count)s tables side by side. Choose the one to import.") % {"count": len(groups)},
                choices=[(str(n), label or "—") for n, label in enumerate(groups, start=1)],
            )
        chosen = groups[int(options.group) - 1]
        ignored = [f"{labels.get(i, '')} {columns[i][2]}".strip() for i in columns if labels.get(i, "") != chosen]
        columns = {i: c for i, c in columns.items() if labels.get(i, "") == chosen}
        unit = options.unit or unit_in_label(chosen) or unit
    elif labels and not options.unit:
        unit = unit_in_label(next(iter(labels.values()))) or unit
    if options.indicator:
        key, fixed = "region", {"indicator": options.indicator}
    elif options.region:
        key, fixed = "indicator", {"region": options.region}
    else:
        raise ChoiceNeeded(
            "indicator",
            _(
                "The table has no “indicator” (“показатель”, “көрсеткіш”) column: it looks like a statistics "
                "bulletin. Choose the indicator its figures are (or, if its rows are indicators, the region they "
                "are about)."
            ),
        )
    parsed = parsed_file("bulletin", [])
    parsed.title = title
    parsed.unit = unit
    parsed.ignored_columns = ignored
    observations = parsed.observations
    skipped = parsed.skipped_by_kind
    started = False
    ended = False
    header_labels = {key: cell_text(heading[0]) or key}
    unit_heading = "unit"
    for _n, cells in head[max(0, position - 2) : position + 1]:
        if unit_column is not None and unit_column < len(cells) and cell_text(cells[unit_column]):
            unit_heading = cell_text(cells[unit_column])

    def data_rows():
        yield from head[position + 1 :]
        yield from rows

    for number, cells in data_rows():
        first = cell_text(cells[0]) if cells else ""
        values = [(i, cells[i] if i < len(cells) else None) for i in columns]
        if ended or FOOTNOTE_START.match(first) or (started and not filled(cells)):
            ended = ended or started or bool(FOOTNOTE_START.match(first))
            text = " ".join(cell_text(c) for _i, c in filled(cells))
            if text and len(parsed.footnotes) < FOOTNOTES_KEPT:
                parsed.footnotes.append(text)
            continue
        if not first:
            continue
        if all(figure_kind(value) == "empty" for _i, value in values):
            parsed.sections.append(first)
            continue
        started = True
        label, marks = strip_marks(first)
        if marks:
            parsed.marks.append(f"{first} → {label}")
        row_unit = cell_text(cells[unit_column]) if unit_column is not None and unit_column < len(cells) else unit
        for index, value in values:
            kind = figure_kind(value)
            if kind:
                skipped[kind] = skipped.get(kind, 0) + 1
                continue
            if value.__class__ is str:
                text, value_marks = strip_marks(value)
                if value_marks:
                    parsed.marks.append(f"{value.strip()} → {text}")
                    value = text
            period, provisional, heading_text = columns[index]
            observations.append(
                RawObservation(
                    number,
                    {
                        **fixed,
                        key: label,
                        "period": period,
                        "value": value,
                        "status": "P" if provisional else "A",
                        "unit": row_unit or None,
                    },
                    {**header_labels, "period": heading_text, "value": heading_text, "unit": unit_heading},
                )
            )
        check_observation_count(observations)
    parsed.skipped_cells = sum(skipped.values())
    return parsed
