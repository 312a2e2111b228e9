"""What the tools that declare a fully convolutional model's input dynamic share: check that
the source file is the one named, and save the model with its declared shapes rewritten. Needs
the `onnx` package (not a vmscreen dependency)."""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

Dims = dict[str, list[int | str]]


def verified_model(source: Path, sha256: str, what: str) -> Any:
    """The ONNX model in ``source``, which must be ``what`` (its sha256 ``sha256``)."""
    import onnx

    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{source} is not {what} (sha256 {digest})")
    return onnx.load(str(source))


def save_with_dims(model: Any, inputs: Dims, outputs: Dims, output: Path) -> None:
    """``model`` with its inputs' and outputs' declared shapes replaced (names for the dynamic
    dimensions), checked and saved to ``output``. Weights and graph are left as they are."""
    import onnx
    from onnx.tools.update_model_dims import update_inputs_outputs_dims

    model = update_inputs_outputs_dims(model, inputs, outputs)
    onnx.checker.check_model(model)
    onnx.save(model, str(output))


def command(convert: Callable[[Path, Path], None], description: str) -> None:
    """Run ``convert`` on the command line's ``source`` and ``output`` paths."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("source", type=Path)
    parser.add_argument("output", type=Path)
    arguments = parser.parse_args()
    convert(arguments.source, arguments.output)
