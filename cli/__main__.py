"""`python -m cli` runs the `pokin` command line."""

from cli.main import main

main()
