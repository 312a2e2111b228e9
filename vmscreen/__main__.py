"""``python -m vmscreen`` is the ``vmscreen`` command."""

from vmscreen.cli import main

main()
