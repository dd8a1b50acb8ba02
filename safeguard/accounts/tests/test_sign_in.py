"""Password guessing is stopped: after the limit of wrong passwords the account is locked (a GOV.UK
page says until when, the right password no longer works), every sign-in, failure and lock-out is
in the access log, and an administrator can unlock it."""

import datetime

from axes.models import AccessAttempt
from axes.utils import reset

from safeguard.core.models import AccessLog


def attempt(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_thirty_wrong_passwords_lock_the_account_and_the_lock_is_logged(client, world, fixed_today):
    officer = world["officer1"]
    statuses = [attempt(client, "officer1", f"guess-{n}").status_code for n in range(30)]
    assert statuses[0] == 200 and 429 in statuses  # the form again, then locked
    locked = attempt(client, "officer1", "demo")  # the right password no longer works
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "You cannot sign in for now" in page and "Try again in 30 minutes" in page
    assert "_auth_user_id" not in client.session
    refusals = AccessLog.objects.filter(user=officer, object_type="accounts.SignIn", outcome="refused")
    assert refusals.filter(reason="wrong password").count() == 10
    reasons = list(refusals.order_by("pk").values_list("reason", flat=True))
    assert sorted(reasons[:11]) == ["locked out after repeated failed sign-ins"] + ["wrong password"] * 10  # the 10th locks
    assert set(reasons[11:]) == {"signing in is locked"} and len(reasons) == 32  # 20 more guesses, then "demo"

    fixed_today.shift(datetime.timedelta(minutes=31))  # the lock runs out
    assert attempt(client, "officer1", "demo").status_code == 302
    assert AccessLog.objects.filter(user=officer, object_type="accounts.SignIn", outcome="granted").count() == 1


def test_one_address_guessing_many_usernames_is_locked_too(client, world):
    for n in range(10):
        attempt(client, f"someone{n}", "guess", address="10.9.9.9")
    assert attempt(client, "officer2", "demo", address="10.9.9.9").status_code == 429
    assert attempt(client, "officer2", "demo", address="10.0.0.2").status_code == 302  # not from elsewhere
    unknown = AccessLog.objects.filter(object_type="accounts.SignIn", reason="unknown username")
    assert unknown.count() == 10 and not unknown.exclude(object_id="").exists()  # what was typed is not kept


def test_an_administrator_can_unlock_an_account(client, world):
    for n in range(10):
        attempt(client, "officer1", f"guess-{n}")
    assert attempt(client, "officer1", "demo").status_code == 429
    assert AccessAttempt.objects.filter(username="officer1").exists()  # listed in the admin to delete
    reset(username="officer1")  # what deleting it in the admin, or `manage.py axes_reset_username`, does
    reset(ip="10.0.0.1")
    assert attempt(client, "officer1", "demo").status_code == 302


def test_behind_a_proxy_each_client_is_counted_by_its_own_address(client, world, settings):
    """Everyone comes through the proxy's address: counting that would lock out the whole service."""
    settings.SAFEGUARD = {**settings.SAFEGUARD, "PROXY_COUNT": 1}

    def through_proxy(username: str, password: str, client_address: str):
        data = {"username": username, "password": password}
        return client.post("/accounts/login/", data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=client_address)

    for n in range(10):
        through_proxy(f"someone{n}", "guess", "203.0.113.9")
    assert through_proxy("officer2", "demo", "203.0.113.9").status_code == 429
    assert through_proxy("officer2", "demo", "198.51.100.7").status_code == 302
