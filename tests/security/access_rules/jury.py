from tests.security.access_rules import role_only, session_seat

RULES = {
    # Members read and score the interviews of the sessions they sit on.
    "jury.my_sessions": role_only("jury"),
    "jury.session_page": session_seat("member"),
    "jury.interview_page": session_seat("member"),
    "jury.save_scores": session_seat("member"),
    # Each member declares their links with the candidates of their own session.
    "jury.declarations": session_seat("member"),
    # The president records the outcome, decides and signs.
    "jury.record_outcome": session_seat("president"),
    "jury.record_identity": session_seat("president"),
    "jury.decide": session_seat("president"),
    # The recommendations on a block not validated: the president when deciding, or certifier staff.
    "jury.recommendation": session_seat("president", "admin"),
    "jury.sign": session_seat("president"),
    # The signed minutes: the session's members and certifier staff.
    "jury.minutes": session_seat("member", "admin"),
    "jury.my_results": role_only("candidate"),
}
