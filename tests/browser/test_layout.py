"""Every main page fits a 375 px phone screen without scrolling sideways (on the demo data)."""

import pytest
from playwright.sync_api import Page

from safeguard.cases.models import Case

from .test_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def page_width(page: Page) -> tuple[int, list[str]]:
    """The page's width and, when it is wider than the screen, the first few elements that stick out."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.scrollWidth, screen = window.innerWidth;
            const clipped = e => e.parentElement && e.parentElement.closest(".sg-table-scroll");
            const out = [...document.querySelectorAll("body *")]
                .filter(e => !clipped(e) && (e.getBoundingClientRect().right > screen + 1 || e.getBoundingClientRect().left + e.scrollWidth > screen + 1))
                .filter(e => ![...e.children].some(c => !clipped(c) && (c.getBoundingClientRect().right > screen + 1 || c.getBoundingClientRect().left + c.scrollWidth > screen + 1)))
                .slice(0, 5)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} ${Math.round(e.getBoundingClientRect().right)}px`);
            return [width, width > screen ? out : []];
        }"""
    )


def main_pages() -> list[tuple[str, list[str]]]:
    """Each main page, with who sees it: the officers holding the demo's fullest cases (Holt's checks,
    Mitchell's referral and registration) and the safeguarding lead (both registers)."""
    holt, mitchell = (Case.objects.get(service_user__crn=crn).pk for crn in ("D100001", "D100004"))
    case_pages = [f"/cases/{pk}/{tab}" for pk in (holt, mitchell) for tab in ("", "checks/")]
    return [
        ("officer1", ["/cases/", "/my-work/", *case_pages[:2]]),
        ("officer2", ["/my-work/", *case_pages[2:]]),
        ("lead1", ["/cases/", "/register/", "/referrals/", "/my-work/"]),
    ]


def test_main_pages_fit_a_375px_screen(page: Page, live_server, demo):
    page.set_viewport_size(PHONE)
    widths = {}
    for username, paths in main_pages():
        page.context.clear_cookies()
        sign_in(page, live_server, username)
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, path  # the page itself, not a refusal
            widths[f"{username} {path}"] = page_width(page)
    too_wide = {path: found for path, found in widths.items() if found[0] > PHONE["width"]}
    assert not too_wide, "\n".join(f"{path}: {width}px wide, {out}" for path, (width, out) in too_wide.items())


def test_referral_register_fits_a_desktop_screen_in_the_govuk_font(page: Page, live_server, demo):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server, "lead1")
    page.goto(f"{live_server.url}/referrals/")
    box = page.locator(".sg-table-scroll").filter(has=page.locator("#register"))
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth"), "the table is wider than its box at 1280 px"
    fonts = page.locator("#counts a, #counts .sg-count__number").evaluate_all(
        "els => els.map(e => getComputedStyle(e).fontFamily)"
    )
    assert fonts and all(font.startswith('"GDS Transport"') for font in fonts), fonts
