"""Records the learner owns: passport export, share links, Europass (ELM v3) export."""
