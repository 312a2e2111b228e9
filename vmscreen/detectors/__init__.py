"""Detectors: one module per detector, each a leaf (see ``base``). They are found through the
``vmscreen.detectors`` entry-point group, built-in and third-party alike
(``vmscreen.engine.registry``)."""
