"""Vector primitives for the procedural product shots (see :mod:`kg.demo.shapes`).

A product is a :class:`Figure`: an ordered list of :class:`Part` s (painted back to
front), each made of polygons or thick polylines in *unit* coordinates (x to the
right, y up, the floor at y = 0, the object about one unit tall).  A part also says
how it is shaded (``dome``, ``lathe`` or ``face``), its colour role (``body``,
``accent``, ``dark``...), gloss and surface texture.  The helpers below build the
point arrays: ellipses, rounded rectangles, splines, surfaces of revolution...
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

TAU = 2.0 * math.pi
Pts = np.ndarray  # (n, 2) float array of unit coordinates


@dataclass(frozen=True, eq=False)
class Prim:
    """A filled polygon (``width == 0``) or a round-capped polyline of ``width`` units."""

    points: Pts
    width: float = 0.0
    erase: bool = False


@dataclass(frozen=True, eq=False)
class Part:
    """One painted piece of a product; see the module docstring."""

    prims: tuple[Prim, ...]
    role: str = "body"
    style: str = "dome"          # "dome" | "lathe" (surface of revolution) | "face" (flat plane)
    relief: float = 0.03         # dome blur sigma in units; negative = concave
    gloss: float = 0.3
    texture: str = "grain"       # "grain" | "fabric" | "brushed" | "leather" | "none"
    normal: tuple[float, float, float] = (0.0, 0.0, 1.0)
    clip: int | None = None      # index of an earlier part this one is clipped to
    drape: float = 0.0           # strength of soft random folds (fabric)


@dataclass(frozen=True, eq=False)
class Figure:
    """A product: parts back to front; ``drop_shadow`` for things shown hanging/flat."""

    parts: tuple[Part, ...]
    drop_shadow: bool = False


def figure(*parts: Part, drop_shadow: bool = False) -> Figure:
    """Build a :class:`Figure` from parts listed back to front."""
    return Figure(parts, drop_shadow)


def part(*prims: Prim | Pts, **kw: object) -> Part:
    """Build a :class:`Part`; bare arrays become filled polygons."""
    items = tuple(p if isinstance(p, Prim) else Prim(np.asarray(p, float)) for p in prims)
    return Part(items, **kw)  # type: ignore[arg-type]


def line(pts: Pts | list, width: float) -> Prim:
    """A thick round-capped polyline."""
    return Prim(np.asarray(pts, float), width)


def hole(pts: Pts) -> Prim:
    """A polygon cut out of the part drawn so far."""
    return Prim(np.asarray(pts, float), erase=True)


def ell(cx: float, cy: float, rx: float, ry: float,
        a0: float = 0.0, a1: float = TAU, n: int = 72) -> Pts:
    """Points on an ellipse arc from angle ``a0`` to ``a1`` (radians, counter-clockwise)."""
    a = np.linspace(a0, a1, n)
    return np.stack([cx + rx * np.cos(a), cy + ry * np.sin(a)], 1)


def chaikin(pts: Pts | list, iters: int = 3, closed: bool = True) -> Pts:
    """Round the corners of a polygon/polyline by Chaikin corner cutting."""
    p = np.asarray(pts, float)
    for _ in range(iters):
        q = np.roll(p, -1, 0) if closed else p[1:]
        a, b = (p if closed else p[:-1]), q
        cut = np.stack([0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b], 1).reshape(-1, 2)
        p = cut if closed else np.vstack([p[:1], cut, p[-1:]])
    return p


def smooth(pts: Pts | list, n: int = 10) -> Pts:
    """Open Catmull-Rom spline through ``pts``."""
    p = np.asarray(pts, float)
    p = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    t = np.linspace(0, 1, n, endpoint=False)[:, None]
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        out.append(0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t ** 2
                          + (3 * p1 - p0 - 3 * p2 + p3) * t ** 3))
    return np.vstack(out + [p[-2:-1]])


def band(r: float, y0: float, y1: float, t: float, r1: float | None = None) -> Pts:
    """Front face of a cylinder section seen from slightly above (both edges sag by ``t * r``)."""
    r1 = r if r1 is None else r1
    lo = ell(0, y0, r, t * r, math.pi, TAU, 36)
    hi = ell(0, y1, r1, -t * r1, 0, math.pi, 36)
    return np.vstack([lo, hi])


def lathe(profile: list[tuple[float, float]], t: float = 0.15) -> Pts:
    """Silhouette of a surface of revolution from a (radius, y) profile listed bottom to top."""
    right = smooth(profile, 24) if len(profile) > 2 else np.asarray(profile, float)
    right[:, 1] = np.maximum.accumulate(right[:, 1])  # no spline overshoot below the base
    r0, y0 = right[0]
    bottom = ell(0, y0, r0, t * r0, math.pi, TAU, 38)[1:-1]
    left = right[::-1] * [-1, 1]
    return np.vstack([bottom, right, left])


def rrect(x0: float, y0: float, x1: float, y1: float, r: float) -> Pts:
    """Rounded rectangle."""
    r = min(r, (x1 - x0) / 2, (y1 - y0) / 2)
    q = math.pi / 2
    corners = ((x1 - r, y0 + r), (x1 - r, y1 - r), (x0 + r, y1 - r), (x0 + r, y0 + r))
    arcs = [ell(cx, cy, r, r, (k - 1) * q, k * q, 10) for k, (cx, cy) in enumerate(corners)]
    return np.vstack(arcs)


def rotate(p: Pts, ang: float, cx: float = 0.0, cy: float = 0.0) -> Pts:
    """Rotate points counter-clockwise by ``ang`` radians about (cx, cy)."""
    c, s = math.cos(ang), math.sin(ang)
    d = np.asarray(p, float) - [cx, cy]
    return np.stack([d[:, 0] * c - d[:, 1] * s, d[:, 0] * s + d[:, 1] * c], 1) + [cx, cy]


def mirror(half: list[tuple[float, float]]) -> Pts:
    """Close a right-hand outline (listed top to bottom) with its mirror image."""
    h = np.asarray(half, float)
    return np.vstack([h, h[::-1] * [-1, 1]])


def hull(*sets: Pts) -> Pts:
    """Convex hull (Andrew's monotone chain) of the union of point sets."""
    pts = sorted(map(tuple, np.vstack(sets).tolist()))

    def half(seq: list[tuple[float, float]]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out[:-1]

    return np.asarray(half(pts) + half(pts[::-1]), float)
