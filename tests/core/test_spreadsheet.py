"""One definition of a formula-looking spreadsheet cell."""

import pytest

from annuaire.core.spreadsheet import looks_like_formula, neutralise


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://evil.example","clic")', "+SUM(A1:A9)", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "=1"],
)
def test_cells_a_spreadsheet_would_run_are_formulas_and_get_an_apostrophe(value: str) -> None:
    assert looks_like_formula(value)
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["-4.486", "+33 2 98 00 00 00", "48.39", "Centre hospitalier", "", "a=b", "-"])
def test_numbers_phone_numbers_and_plain_text_are_kept(value: str) -> None:
    assert not looks_like_formula(value)
    assert neutralise(value) == value


def test_values_other_than_text_are_kept() -> None:
    assert neutralise(-4.5) == -4.5
    assert neutralise(None) is None
