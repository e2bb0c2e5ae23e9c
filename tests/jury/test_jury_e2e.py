"""The jury journey in a browser: session, two members, scores, one block validated, one not, signed.

On the way, the lawful refusals a person meets: removing a member that would leave the booked
interview with one judge, and recording the interview before its time.
"""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.fixtures.browser import click_and_load, log_in


def _login(browser, base, user):
    """Each person in their own browser context, signed in through the login form."""
    page = browser.new_context().new_page()
    log_in(page, base, user.email)
    return page


def _the_day_comes(db):
    """The session's day has come: its interviews are dated ten minutes ago (the clock is not moved:
    the served app runs in other threads)."""
    from vae.core.clock import now
    from vae.models import Interview

    for interview in db.session.scalars(db.select(Interview)):
        interview.session.starts_at = interview.starts_at = now() - timedelta(minutes=10)
    db.session.commit()


@pytest.mark.e2e
def test_jury_journey_partial_success(app, db, make_user, submitted_case, live_server, browser):
    app.config["WTF_CSRF_ENABLED"] = True
    admin = make_user("admin")
    president = make_user("jury", first_name="Paule", last_name="Bernard")
    member = make_user("jury", first_name="Jean", last_name="Moreau")
    case = submitted_case()
    first, second = (cb.block.code for cb in case.blocks)
    with live_server as served:
        base = served.url
        page = _login(browser, base, admin)
        page.goto(base + "/jury/admin/sessions")
        page.fill("#title", case.title.rncp_code)
        page.fill("#starts_at", "2030-01-15T09:00")
        page.fill("#location", "Salle 2, Lyon")
        page.click("text=Créer la session")
        for person, qualification, gender in ((president, "practising_professional", "female"),
                                              (member, "trainer", "male")):
            page.select_option("#user_id", label=person.full_name)
            page.select_option("#qualification", qualification)
            page.select_option("#gender", gender)
            page.click("text=Ajouter au jury")
        expect(page.locator("text=La composition est valide.")).to_be_visible()
        page.select_option("#case_id", index=0)
        page.fill("form[action$='/interviews'] #starts_at", "2030-01-15T09:00")
        page.click("form[action$='/interviews'] [type=submit]")
        expect(page.locator(".flash-success").first).to_be_visible()
        # Removing the second member would leave the booked interview with one judge: refused, and said why.
        page.locator(".jury-members li", has_text=member.full_name).locator("form[action$='/remove'] button").click()
        expect(page.locator(".flash-error", has_text="sans jury régulièrement composé")).to_be_visible()
        expect(page.locator(".jury-members li", has_text=member.full_name)).to_be_visible()

        jp = _login(browser, base, president)
        jp.goto(base + "/jury/sessions")
        jp.click("h2 a")
        # Before the interview's time nothing can be recorded.
        jp.check("input[value=held]")
        jp.select_option("select[id^=identity-]", "passport")
        jp.click("text=Enregistrer l'issue")
        expect(jp.locator(".flash-error", has_text="rien ne peut être enregistré")).to_be_visible()
        _the_day_comes(db)
        jp.reload()
        jp.check("input[value=held]")
        jp.select_option("select[id^=identity-]", "passport")
        jp.click("text=Enregistrer l'issue")
        expect(jp.locator(".flash-success", has_text="L'entretien est noté comme tenu")).to_be_visible()
        click_and_load(jp, jp.locator("h2 a").first)  # the interview
        for select in jp.locator("select[id^=level_]").all():
            select.select_option("demonstrated")
        click_and_load(jp, jp.locator("#send"))

        mp = _login(browser, base, member)
        mp.goto(base + "/jury/sessions")
        click_and_load(mp, mp.locator("h2 a").first)  # the session
        click_and_load(mp, mp.locator("h2 a").first)  # the interview
        for select in mp.locator("select[id^=level_]").all():
            select.select_option("partially")
        click_and_load(mp, mp.locator("#send"))
        expect(mp.locator("text=Vous avez transmis vos notes.")).to_be_visible()

        jp.reload()
        expect(jp.locator("text=Notes de tous les membres")).to_be_visible()
        forms = jp.locator("form[action*='/decide']")
        forms.nth(0).locator("input[value=validated]").check()
        click_and_load(jp, forms.nth(0).locator("[type=submit]"))
        forms = jp.locator("form[action*='/decide']")
        forms.nth(0).locator("input[value=not_validated]").check()
        forms.nth(0).locator("textarea[id$=rationale]").fill("La sécurité du logement n'est pas démontrée.")
        click_and_load(jp, forms.nth(0).locator("[type=submit]"))
        jp.click("text=Retour à la session")
        jp.click("details.confirm > summary")  # signing is final: the page says so before the button
        click_and_load(jp, jp.locator("#sign-session"))
        expect(jp.locator("text=La session est signée")).to_be_visible()

        cp = _login(browser, base, case.candidate)
        cp.goto(base + "/jury/my-results")
        body = cp.locator("main").inner_text() if cp.locator("main").count() else cp.inner_text("body")
        assert "Réussite partielle" in body
        assert "La sécurité du logement n'est pas démontrée." in body
        assert first in body and second in body
