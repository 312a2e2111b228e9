"""Model files kept with the project (see README.md here). Installed as ``vmscreen.weights``, so
that the weights travel inside the wheel and are found with importlib.resources."""
