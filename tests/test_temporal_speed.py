"""temporal: the shortcuts that keep the stage cheap read exactly what the plain reading does."""

from __future__ import annotations

import datetime as dt

from newsevents.temporal.normalise import normalise

FRI = dt.date(2025, 8, 15)  # a Friday


def test_direction_is_worked_out_only_when_the_reading_needs_it():
    asked: list[str] = []

    def way() -> str:
        asked.append("past")
        return "past"

    assert normalise("June 2024", FRI, way).value == "2024-06"
    assert normalise("24 years", FRI, way).value == "P24Y"
    assert asked == []  # absolute dates and durations do not depend on the tense
    assert normalise("on Thursday", FRI, way).value == normalise("on Thursday", FRI, "past").value
    assert asked  # a bare weekday does
