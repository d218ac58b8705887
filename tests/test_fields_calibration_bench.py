"""The calibration bench: right and wrong values per confidence, and the held-out set refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.calibration import Calibration, main, report


def test_values_are_counted_per_field_and_confidence(capsys: pytest.CaptureFixture[str]) -> None:
    """Right and wrong values are tallied by rounded confidence and printed per field."""
    cal = Calibration()
    cal.add_value("workers", 0.93104, True)
    cal.add_value("workers", 0.931, False)
    cal.add_value("workers", 0.5, True)
    report(cal, "workers", 0.8)
    out = capsys.readouterr().out
    assert "workers: right 2, wrong 1; wrong >= 0.8: 1, right < 0.8: 1" in out
    assert "0.931  right    1  wrong    1" in out


def test_the_blind_folder_is_refused(tmp_path: Path) -> None:
    """A folder named "blind" is never measured here."""
    blind = tmp_path / "blind"
    blind.mkdir()
    with pytest.raises(SystemExit):
        main([str(blind)])
