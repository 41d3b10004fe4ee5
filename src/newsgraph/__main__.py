"""`python -m newsgraph` is the `newsgraph` command."""
from .cli import main

main()
