"""Run the provenance CLI: ``python -m provenance``."""
from .cli import main

main()
