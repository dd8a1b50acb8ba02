"""The register's rules held by the database itself, whatever path a write takes."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from safeguard.register.models import Registration


def test_the_database_holds_one_active_registration_per_category(world, make_case):
    """Behind the service's own check: two active registrations of one category cannot both be stored,
    however they arrive; an ended one does not count."""
    case = make_case(children=1)
    day = datetime.date(2026, 11, 2)
    values = {"case": case, "category": "linked_child", "trigger_date": day, "registered_on": day}
    values |= {"registered_by": world["officer1"], "reason": "Plan", "next_review_due": day}
    first = Registration.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(**values)
    Registration.objects.filter(pk=first.pk).update(ended_on=day)
    Registration.objects.create(**values)
    assert Registration.objects.filter(case=case).count() == 2
