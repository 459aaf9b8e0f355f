"""Evaluations of nonaligned's components against public gold standards, kept apart from the
pipeline so that nothing in the pipeline can learn from (be tuned on) an evaluation set."""
