"""Demo content (`flask vae demo`): the real IPERIA titles, one account per role, cases in every state.

load.py puts it together; steps.py, sitting.py (a whole jury sitting through the jury's own
operations, also used by the tests), certified.py and title_versions.py each build one part.
"""
from vae.demo.load import ACCOUNTS, DemoReport, demo_email, load_demo

__all__ = ["ACCOUNTS", "DemoReport", "demo_email", "load_demo"]
