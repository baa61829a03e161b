"""Stage 6, check: the fidelity gate. A reprint against its source under a :class:`~provenance.check.policy.Policy`, giving findings and a verdict."""
