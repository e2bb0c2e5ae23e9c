"""Accompaniment as practised: meetings with the mentor, and evidence the mentor enters for the candidate."""
