import pytest

from safeguard.testing import add_children_in_two_councils


@pytest.fixture
def family(world, make_case, fixed_today):
    """Darren Holt with two children in two different councils, on 23 November 2026."""
    case = make_case(first_name="Darren", last_name="Holt")
    add_children_in_two_councils(case, world["officer1"])
    return case
