"""Public information pages every site owes its visitors: legal notice, accessibility, contact."""
