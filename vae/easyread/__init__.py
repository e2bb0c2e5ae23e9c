"""Easy-read French (FALC) for the candidate's pages: the next step, the phase pictograms, the toggle."""
