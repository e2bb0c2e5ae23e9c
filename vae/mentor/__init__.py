"""The mentor: queue, annotations, returning a block."""
