"""Renderers: pure functions from the data model (traces, check results, clusters) to text, unified diff, DOT, HTML, JUnit and GitHub annotations. Article text is escaped here.

``rows`` is the one row model the side-by-side, unified and HTML views share (rows, folds, hunks)."""
