from tests.security.access_rules import case_party, role_only

# The assigned mentor (and certifier staff) act on a block; the jury reads it but may not.
MENTORING = case_party("mentor", "admin", roles=("mentor", "admin"))
RULES = {
    "mentor.queue": role_only("mentor"),
    "mentor.annotate": MENTORING,
    "mentor.resolve": MENTORING,
    "mentor.return_block": MENTORING,
    # The candidate answers their mentor's notes too.
    "mentor.reply": case_party("candidate", "mentor", "admin", seen_by=("jury",)),
}
RULES["mentor.reply_recording"] = RULES["mentor.reply"]
