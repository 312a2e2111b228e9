"""``python -m vmscreen`` is the ``vmscreen`` command."""

from vmscreen.cli import main

if __name__ == "__main__":  # not when a spawned worker re-imports this module
    main()
