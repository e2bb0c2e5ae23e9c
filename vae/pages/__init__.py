"""What every page shares, wired by create_app: the error pages (the 409 "changed meanwhile" page) and the template helpers."""
