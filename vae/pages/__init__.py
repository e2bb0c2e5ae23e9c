"""What every page shares: the error pages (the 409 "changed meanwhile" page) and the template
helpers, wired by create_app; and the public information pages every site owes its visitors
(legal notice, accessibility, contact; routes.py)."""
