"""The candidate records evidence in the page: the site itself may use the microphone and camera,
and may play back the recording (a blob:) before sending it; nothing else is opened up."""


def test_the_site_itself_may_record_and_preview_but_frames_and_other_features_may_not(client):
    headers = client.get("/auth/login").headers
    policy = dict(part.strip().split("=", 1) for part in headers["Permissions-Policy"].split(","))
    assert policy == {"camera": "(self)", "microphone": "(self)", "geolocation": "()"}
    directives = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
    assert directives["media-src"] == "'self' blob:"
    assert directives["img-src"] == "'self' data:" and directives["script-src"] == "'self'"
