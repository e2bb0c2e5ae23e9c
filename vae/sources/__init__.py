"""Every road to a block: training, exam and outside-certifier claims (pages, operations, verification)."""
