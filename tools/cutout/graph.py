"""The U2-Netp graph, prepared in memory for onnxruntime (the packaged file is not touched).

Three rewrites, each leaving the network's answer unchanged (tests compare the outputs):

- **Free input size.** The file is exported for 320x320, but every layer is convolutional,
  so the input's (and outputs') height and width become the free dimensions ``h`` and ``w``:
  a pass may keep the view's aspect (a shoe seen at 320x224 costs 70% of a square pass).
- **Exact upsampling.** The export sizes each bilinear upsampling from the shape of the
  tensor it is concatenated with (``Shape`` -> ``Gather`` -> ``Concat`` -> ``Resize``
  ``sizes``). That shape arithmetic reads every feature map in the plain NCHW layout, so
  onnxruntime reorders out of and back into its blocked NCHWc layout around each of the 38
  upsamplings. With an input a multiple of ``STRIDE`` on both sides every upsampling is an
  exact integer factor (2 within a block, 2 to 32 for the side outputs), so the factors
  become constant ``scales``, the shape arithmetic goes, and the whole network stays NCHWc
  (``half_pixel`` equals PyTorch's ``pytorch_half_pixel`` for any output longer than one
  pixel). Measured here: 160 ms against 178 ms for a 320x320 pass.
- **One output.** Only the fused map ``d0`` is read; the six side maps are dropped.

Without the ``onnx`` library nothing is rewritten (``prepare`` returns None) and every pass
is square at 320x320; when the graph is not the expected U2-Net export, the upsampling stays
as exported (``Prepared.stride`` 1) and the input size is free in steps of 16.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

STRIDE = 32   # the network halves its input five times: sides a multiple of this


@dataclass(frozen=True)
class Prepared:
    """The serialised graph and the input sides it needs a multiple of (1: any)."""

    model: bytes
    stride: int


def prepare(path: Path) -> Prepared | None:
    """The rewritten graph of the U2-Net file at ``path``; None without ``onnx`` or when
    its input and outputs are not 4-D images."""
    try:
        import onnx
        from onnx import numpy_helper
    except ImportError:
        return None
    model = onnx.load(str(path))
    images = [*model.graph.input, *model.graph.output]
    if any(len(value.type.tensor_type.shape.dim) != 4 for value in images):
        return None
    scaled = _exact_upsampling(model, onnx, numpy_helper)
    if scaled:
        del model.graph.output[1:]
        _drop_unused(model)
    for value in [*model.graph.input, *model.graph.output]:
        dims = value.type.tensor_type.shape.dim
        for dim, name in ((dims[2], "h"), (dims[3], "w")):
            dim.ClearField("dim_value")
            dim.dim_param = name
    del model.graph.value_info[:]   # inferred shapes of the fixed size would contradict
    return Prepared(bytes(model.SerializeToString()), STRIDE if scaled else 1)


def _exact_upsampling(model: Any, onnx: Any, numpy_helper: Any) -> bool:
    """Every ``Resize`` given the constant integer factor it has at the exported size
    (the ratio of its input's side to that of the tensor its ``sizes`` were read from);
    False, with the graph unchanged, when any factor cannot be found or is not whole."""
    shapes = _exported_shapes(model, onnx)
    producers = {out: node for node in model.graph.node for out in node.output}
    rewrites = []
    for node in model.graph.node:
        if node.op_type != "Resize":
            continue
        if len(node.input) != 4:
            return False
        source = shapes.get(node.input[0])
        targets = _shape_sources(node.input[3], producers) - {node.input[0]}
        if source is None or len(targets) != 1:
            return False
        target = shapes.get(targets.pop())
        if target is None:
            return False
        factors = [target[axis] / source[axis] for axis in (2, 3)]
        if any(factor < 1 or factor != int(factor) for factor in factors):
            return False
        rewrites.append((node, factors))
    for index, (node, factors) in enumerate(rewrites):
        scales = numpy_helper.from_array(np.array([1, 1, *factors], np.float32),
                                         f"shopmind_scales_{index}")
        roi = numpy_helper.from_array(np.zeros(0, np.float32), f"shopmind_roi_{index}")
        model.graph.initializer.extend([scales, roi])
        source_name = node.input[0]
        del node.input[:]
        node.input.extend([source_name, roi.name, scales.name])
        for attribute in node.attribute:
            if attribute.name == "coordinate_transformation_mode" and \
                    attribute.s == b"pytorch_half_pixel":
                attribute.s = b"half_pixel"
    return bool(rewrites)


def _exported_shapes(model: Any, onnx: Any) -> dict[str, list[int]]:
    """Inferred (N, C, H, W) of every 4-D tensor at the exported input size."""
    inferred = onnx.shape_inference.infer_shapes(model)
    shapes = {}
    for value in [*inferred.graph.value_info, *inferred.graph.input]:
        dims = [dim.dim_value for dim in value.type.tensor_type.shape.dim]
        if len(dims) == 4 and all(dims):
            shapes[value.name] = dims
    return shapes


def _shape_sources(name: str, producers: dict[str, Any]) -> set[str]:
    """The tensors whose ``Shape`` the value ``name`` is computed from."""
    sources: set[str] = set()
    pending, seen = [name], set[int]()
    while pending:
        node = producers.get(pending.pop())
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if node.op_type == "Shape":
            sources.add(node.input[0])
        else:
            pending.extend(node.input)
    return sources


def _drop_unused(model: Any) -> None:
    """Removes nodes whose outputs nothing reads (the shape arithmetic, the side maps)."""
    while True:
        read = {name for node in model.graph.node for name in node.input}
        read |= {value.name for value in model.graph.output}
        unused = [node for node in model.graph.node if not set(node.output) & read]
        if not unused:
            return
        for node in unused:
            model.graph.node.remove(node)
