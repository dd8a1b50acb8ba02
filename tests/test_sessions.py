"""Sessions and headers: nothing a signed-in user sees is cached, a session left idle is signed out,
a changed password signs out every other session, and no page runs inline script."""

import datetime
import re

import pytest
from django.test import Client

from safeguard.checks.models import CHECKLIST_QUESTIONS
from safeguard.core import clock

NO_ANSWERS = {name: False for name, _, _ in CHECKLIST_QUESTIONS}


@pytest.fixture
def on_a_case(client, world, make_case, fixed_today, settings):
    """officer1, signed in with a 30-minute idle timeout, has just opened a case (the clock is fixed)."""
    settings.SAFEGUARD = {**settings.SAFEGUARD, "IDLE_TIMEOUT_MINUTES": 30}
    case = make_case()
    client.force_login(world["officer1"])
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    return case


CASE_DATA_RESPONSES = ["/cases/{pk}/", "/cases/{pk}/history/", "/referrals/?format=csv", "/register/report/?format=csv"]


@pytest.mark.parametrize("path", CASE_DATA_RESPONSES)
def test_no_page_or_download_a_signed_in_user_sees_is_kept_in_a_cache(client, world, make_case, path):
    case = make_case(children=1)
    client.force_login(world["lead1"])
    response = client.get(path.format(pk=case.pk))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control


def test_a_session_left_idle_for_the_timeout_is_signed_out_and_told_why(client, on_a_case, fixed_today):
    case = on_a_case
    fixed_today.shift(datetime.timedelta(minutes=29))
    assert client.get(f"/cases/{case.pk}/").status_code == 200  # activity: the half hour starts again
    fixed_today.shift(datetime.timedelta(minutes=29))
    assert client.get("/cases/").status_code == 200
    fixed_today.shift(datetime.timedelta(minutes=31))
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?idle=1")
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not used Safeguard for 30 minutes" in page
    assert client.get("/cases/")["Location"].startswith("/accounts/login/")  # signed out, not just redirected


def test_changing_a_password_signs_out_every_other_session(world, make_case):
    elsewhere = Client()
    elsewhere.force_login(world["officer1"])
    assert elsewhere.get("/cases/").status_code == 200
    user = world["officer1"]
    user.set_password("a-new-long-passphrase-2026")
    user.save()
    assert elsewhere.get("/cases/")["Location"].startswith("/accounts/login/")


def test_pages_carry_a_content_security_policy_and_run_no_inline_script(client, world, make_case):
    case = make_case(children=1)
    responses = [client.get("/accounts/login/")]
    client.force_login(world["officer1"])
    responses += [client.get(f"/cases/{case.pk}/"), client.get(f"/cases/{case.pk}/checks/")]
    for response in responses:
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]*)", policy)[1]
        assert "'unsafe-inline'" not in script_src and "'self'" in script_src
        assert "frame-ancestors 'none'" in policy
        scripts = re.findall(r"<script([^>]*)>", response.content.decode())
        assert scripts and all("src=" in attributes for attributes in scripts), scripts


def test_a_print_preview_styles_itself_with_the_requests_nonce(client, world, make_case):
    from safeguard.checks import services

    case = make_case(children=1)
    services.checklist_record(
        actor=world["officer1"],
        case=case,
        stage="start_of_order",
        asked_on=clock.today(),
        answers={**NO_ANSWERS, "living_with_children": True, "living_with_children_details": "One child"},
    )
    request = services.requests_prepare(actor=world["officer1"], case=case)[0]
    client.force_login(world["officer1"])
    response = client.get(f"/cases/{case.pk}/checks/requests/{request.pk}/print/")
    nonce = re.search(r"<style nonce=\"([^\"]+)\">", response.content.decode())[1]
    assert f"'nonce-{nonce}'" in re.search(r"style-src ([^;]*)", response["Content-Security-Policy"])[1]


def test_stay_signed_in_on_the_warning_keeps_the_session(client, on_a_case, fixed_today):
    case = on_a_case
    fixed_today.shift(datetime.timedelta(minutes=28))
    assert client.post("/accounts/keep-alive/").status_code == 204
    fixed_today.shift(datetime.timedelta(minutes=28))
    assert client.get(f"/cases/{case.pk}/").status_code == 200  # 56 minutes since the page, 28 since "stay"
    assert client.get("/accounts/keep-alive/").status_code == 405  # only the button's POST
