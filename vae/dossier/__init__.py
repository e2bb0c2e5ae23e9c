"""The block dossier that the candidate, the mentor and the jury all see: evidence, submit and withdraw, progress."""
