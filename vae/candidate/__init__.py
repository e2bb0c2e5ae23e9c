"""The candidate: sign-up, identification, and the dossier block by block."""
