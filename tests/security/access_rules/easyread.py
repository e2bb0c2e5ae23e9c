from tests.security.access_rules import PUBLIC

RULES = {
    # Visitors choose it too (kept in a cookie); it changes only the chooser's own preference.
    "easyread.toggle": PUBLIC,
}
