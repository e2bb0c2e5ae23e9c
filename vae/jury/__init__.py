"""Phase 3, assessment: jury sessions, interviews, scores and block-by-block decisions."""
