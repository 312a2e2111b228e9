"""``python -m vmscreen`` is the ``vmscreen`` command."""

from vmscreen.cli import entry

if __name__ == "__main__":  # not when a spawned worker re-imports this module
    entry()
