"""What every request pays: counted, not timed (docs/performance.md, "Session 6").

The signed-in person and their roles are one query, and a page that reads nothing else
runs only that one; the layout's URLs are built once and equal `url_for`'s, under any
mount point; the security headers are all there and a view's own value is kept.
"""
from __future__ import annotations

from flask import url_for

from vae.core.fixed_urls import fixed_url

LAYOUT_ENDPOINTS = [("static", {"filename": "css/app.css"}), ("static", {"filename": "js/site.js"}),
                    ("home.index", {}), ("home.set_language", {}), ("auth.logout", {}), ("auth.login", {}),
                    ("pages.legal_notice", {}), ("pages.contact", {}), ("easyread.toggle", {}),
                    ("account.signup", {})]


def test_a_signed_in_page_reads_the_person_and_roles_in_one_query(client, login_as, count_queries):
    login_as("mentor")
    client.get("/security/account")
    with count_queries() as n:
        page = client.get("/security/account")
    assert page.status_code == 200
    assert n() == 1


def test_a_session_renewed_elsewhere_is_refused_at_the_next_request(app, db, client, login_as, make_user):
    person = login_as(make_user("candidate"))
    assert client.get("/security/account").status_code == 200
    person.session_nonce = "renewed-on-another-device"
    db.session.commit()
    answer = client.get("/security/account")
    assert answer.status_code == 302 and "/auth/login" in answer.headers["Location"]


def test_the_layout_urls_are_those_url_for_builds_under_any_mount_point(app):
    for script_root in ("", "/vae", "/other/prefix"):
        with app.test_request_context("/", base_url=f"http://localhost{script_root}/"):
            for endpoint, values in LAYOUT_ENDPOINTS:
                assert fixed_url(endpoint, **values) == url_for(endpoint, **values)
                assert fixed_url(endpoint, **values).startswith(script_root + "/")


def test_the_page_links_follow_the_mount_point(app, client):
    """One process serving two mount points (a proxy prefix): each page gets its own links."""
    mounted = client.get("/auth/login", environ_overrides={"SCRIPT_NAME": "/vae"}).get_data(as_text=True)
    plain = client.get("/auth/login").get_data(as_text=True)
    for endpoint, values in LAYOUT_ENDPOINTS[:3] + [("pages.contact", {})]:
        with app.test_request_context("/", base_url="http://localhost/vae/"):
            under_prefix = url_for(endpoint, **values)
        with app.test_request_context("/"):
            at_root = url_for(endpoint, **values)
        assert under_prefix.startswith("/vae/") and f'"{under_prefix}"' in mounted
        assert f'"{at_root}"' in plain and f'"{under_prefix}"' not in plain


def test_every_security_header_is_set_and_a_views_own_value_kept(app, client):
    @app.get("/__own_frame_policy")
    def own_frame_policy():
        return "framed", 200, {"X-Frame-Options": "SAMEORIGIN"}

    answer = client.get("/auth/login")
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
                 "Permissions-Policy"):
        assert len(answer.headers.getlist(name)) == 1, name
    assert "Strict-Transport-Security" not in answer.headers
    secure = client.get("/auth/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")

    own = client.get("/__own_frame_policy")
    assert own.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
