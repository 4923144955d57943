"""Silhouettes of the 22 demo products, drawn with :mod:`kg.demo.shape_geometry`.

Each ``_draw_<shape>(rng)`` returns a :class:`Figure` whose proportions vary with the
seeded generator; :func:`build_figure` dispatches by name.  Coordinates are units:
x right, y up, floor at y = 0, about one unit tall.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from kg.demo.shape_geometry import (
    TAU,
    Figure,
    Pts,
    band,
    chaikin,
    ell,
    figure,
    hole,
    hull,
    lathe,
    line,
    mirror,
    part,
    rotate,
    rrect,
    smooth,
)

SHAPES: tuple[str, ...] = (
    "bottle", "can", "mug", "tumbler", "kettle", "pan", "tshirt", "hoodie", "cap",
    "sneaker", "boot", "sandal", "headphones", "power_bank", "phone_case", "earbuds_case",
    "smartwatch", "lamp", "vase", "cushion", "candle", "backpack",
)

UP = (0.0, -0.9, 0.45)  # normal of a horizontal top face seen from slightly above


def build_figure(shape: str, rng: np.random.Generator) -> Figure:
    """The figure for ``shape``; raises ``ValueError`` for an unknown shape."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; valid shapes: {', '.join(SHAPES)}")
    builder: Callable[[np.random.Generator], Figure] = globals()[f"_draw_{shape}"]
    return builder(rng)


def _lid(r: float, y0: float, y1: float, t: float) -> Pts:
    """A short cylinder (cap, lid) from y0 to y1 including its elliptical top."""
    return np.vstack([band(r, y0, y1, t)[:36], ell(0, y1, r, t * r, 0, math.pi, 30)])


# ------------------------------------------------------------------------ drinkware & kitchen

def _draw_bottle(rng: np.random.Generator) -> Figure:
    r, sh, t = rng.uniform(0.17, 0.2), rng.uniform(0.5, 0.6), 0.14
    nr = r * rng.uniform(0.38, 0.46)
    body = lathe([(r * 0.93, 0), (r, 0.04), (r, sh), (r * 0.72, sh + 0.13), (nr * 1.1, sh + 0.24),
                  (nr, sh + 0.28), (nr, 0.9)], t)
    return figure(
        part(body, style="lathe", relief=0.01, gloss=0.8),
        part(band(r * 1.003, 0.14, 0.16 + sh * 0.55, t), role="accent", style="lathe",
             relief=0.004, gloss=0.35, clip=0),
        part(_lid(nr * 1.15, 0.85, 1.0, t), role="accent", style="lathe", relief=0.006, gloss=0.5))


def _draw_can(rng: np.random.Generator) -> Figure:
    r, h, t = rng.uniform(0.2, 0.24), 0.74, 0.16
    shell = lathe([(r * 0.86, 0), (r, 0.05), (r, h), (r * 0.86, h + 0.05)], t)
    xs, ph = np.linspace(-r, r, 40), np.linspace(0, 5, 40)
    wave = np.vstack([np.stack([xs, 0.3 + 0.06 * np.sin(ph)], 1),
                      np.stack([xs[::-1], 0.42 + 0.05 * np.sin(ph[::-1])], 1)])
    return figure(
        part(shell, role="metal", style="lathe", relief=0.01, gloss=0.9, texture="brushed"),
        part(band(r * 1.002, 0.07, h - 0.02, t), style="lathe", relief=0.003, gloss=0.75, clip=0),
        part(wave, role="accent", style="lathe", gloss=0.75, relief=0.0, clip=1),
        part(ell(0, h + 0.05, r * 0.86, t * r * 0.86), role="metal", style="face",
             normal=(0.0, -0.85, 0.5), relief=-0.012, gloss=0.6, texture="brushed"),
        part(ell(0.0, h + 0.04, r * 0.25, t * r * 0.35), role="metal_dark", relief=0.005))


def _draw_mug(rng: np.random.Generator) -> Figure:
    r, h, t = rng.uniform(0.3, 0.34), rng.uniform(0.68, 0.78), 0.2
    loop = ell(r * 0.92, h * 0.5, 0.22, h * 0.34)
    return figure(
        part(loop, hole(ell(r * 0.92 + 0.01, h * 0.5, 0.12, h * 0.22)), role="accent",
             relief=0.035, gloss=0.6),
        part(lathe([(r * 0.96, 0), (r, 0.03), (r, h)], t), style="lathe", relief=0.01, gloss=0.7),
        part(ell(0, h, r, t * r), style="face", normal=UP, gloss=0.6, relief=0.004),
        part(ell(0, h - 0.004, r * 0.9, t * r * 0.86), role="body_dark", relief=-0.05, gloss=0.5))


def _draw_tumbler(rng: np.random.Generator) -> Figure:
    rt, h, t = rng.uniform(0.19, 0.22), 0.78, 0.16
    rb = rt * rng.uniform(0.7, 0.8)
    return figure(
        part(line([(0.05, h + 0.06), (0.1, h + 0.3)], 0.035), role="accent", relief=0.01,
             gloss=0.6),
        part(lathe([(rb * 0.95, 0), (rb, 0.03), (rt, h)], t), style="lathe", relief=0.008,
             gloss=0.45),
        part(band(rb * 1.003, 0.0, 0.05, t, rb * 1.04), role="metal", style="lathe", relief=0.0,
             gloss=0.9, texture="brushed", clip=1),
        part(_lid(rt * 1.04, h - 0.01, h + 0.08, t), role="accent", style="lathe", relief=0.01,
             gloss=0.5),
        part(ell(0, h + 0.08, rt * 0.98, t * rt), role="accent", style="face", normal=UP,
             relief=0.006, gloss=0.4),
        part(line([(0.05, h + 0.07), (0.07, h + 0.15)], 0.036), role="accent_dark", clip=4))


def _draw_kettle(rng: np.random.Generator) -> Figure:
    rb, t = rng.uniform(0.27, 0.3), 0.15
    body = lathe([(rb * 0.95, 0.06), (rb, 0.1), (rb * 0.92, 0.45), (rb * 0.72, 0.74)], t)
    spout = chaikin([(-rb * 0.55, 0.76), (-rb * 1.2, 0.86), (-rb * 1.22, 0.82), (-rb * 0.9, 0.58),
                     (-rb * 0.6, 0.5)], 2)
    handle = smooth([(rb * 0.7, 0.72), (rb * 1.3, 0.68), (rb * 1.45, 0.45), (rb * 1.2, 0.2),
                     (rb * 0.95, 0.16)])
    return figure(
        part(spout, relief=0.02, gloss=0.6),
        part(line(handle, 0.075), role="accent", relief=0.025, gloss=0.5),
        part(body, style="lathe", relief=0.01, gloss=0.75),
        part(band(rb * 1.04, 0.0, 0.1, t), role="accent", style="lathe", relief=0.004, gloss=0.4),
        part(ell(0, 0.74, rb * 0.72, t * rb * 0.72), style="face", normal=UP, relief=0.01,
             gloss=0.7),
        part(ell(0, 0.78, 0.05, 0.03), role="accent", relief=0.015, gloss=0.6))


def _draw_pan(rng: np.random.Generator) -> Figure:
    r, t, d = 0.5, rng.uniform(0.5, 0.58), 0.1
    yr = d + t * r * 0.9
    outer = np.vstack([ell(0, yr - d, r * 0.86, t * r * 0.86, math.pi, TAU, 60),
                       ell(0, yr, r, t * r, 0, math.pi, 60)])
    handle = chaikin([(r * 0.9, yr - 0.015), (1.15, yr + 0.1), (1.18, yr + 0.14),
                      (1.15, yr + 0.16), (r * 0.9, yr + 0.05)], 2)
    return figure(
        part(handle, role="accent", relief=0.02, gloss=0.5),
        part(outer, style="lathe", relief=0.005, gloss=0.7),
        part(ell(0, yr, r * 0.94, t * r * 0.94), role="dark", relief=-0.09, gloss=0.45),
        part(ell(0, yr - d * 0.7, r * 0.8, t * r * 0.8), role="dark", style="face",
             normal=(0, -0.55, 0.83), relief=0.0, gloss=0.35, clip=2),
        part(ell(r * 0.95, yr + 0.02, 0.016, 0.016), role="metal", relief=0.006, gloss=0.9))


# ------------------------------------------------------------------------ apparel

def _draw_tshirt(rng: np.random.Generator) -> Figure:
    w, sl = rng.uniform(0.3, 0.33), rng.uniform(0.5, 0.54)
    half = [(0.14, 1.0), (0.31, 0.955), (0.35, 0.93), (sl, 0.79), (sl - 0.008, 0.775),
            (sl - 0.07, 0.645), (sl - 0.085, 0.645), (w + 0.01, 0.7), (w, 0.66),
            (w + 0.005, 0.03), (w + 0.005, 0.0), (w - 0.02, 0.0)]
    dip = [(0.14, 1.0), (0.08, 0.915), (0, 0.895), (-0.08, 0.915), (-0.14, 1.0)]
    neck = np.vstack([smooth(dip, 8), smooth([(-0.14, 1.0), (0, 0.975), (0.14, 1.0)], 8)])
    rib = smooth([(0.142, 0.99), (0.08, 0.905), (0, 0.885), (-0.08, 0.905), (-0.142, 0.99)], 8)
    hems = [line([(-w + 0.01, 0.03), (w - 0.01, 0.03)], 0.004)]
    hems += [line([(s * (sl - 0.02), 0.77), (s * (sl - 0.08), 0.665)], 0.004) for s in (-1, 1)]
    fab = {"texture": "fabric", "gloss": 0.05}
    return figure(
        part(chaikin(mirror(half), 2), relief=0.035, drape=1.0, **fab),
        part(neck, role="body_dark", relief=-0.01, **fab),
        part(line(rib, 0.032), role="accent", relief=0.006, **fab),
        part(*hems, role="body_dark", relief=0.002, clip=0, **fab), drop_shadow=True)


def _draw_hoodie(rng: np.random.Generator) -> Figure:
    w = rng.uniform(0.3, 0.34)
    half = [(0.13, 0.95), (0.3, 0.9), (0.5, 0.3), (0.49, 0.0), (0.38, 0.0), (0.33, 0.52), (w, 0.0)]
    hood = chaikin([(-0.2, 0.9), (-0.18, 1.05), (0, 1.12), (0.18, 1.05), (0.2, 0.9)], 3)
    opening = chaikin([(-0.12, 0.96), (-0.11, 1.04), (0, 1.07), (0.11, 1.04), (0.12, 0.96),
                       (0, 0.86)], 3)
    pocket = chaikin([(-0.2, 0.1), (0.2, 0.1), (0.15, 0.36), (-0.15, 0.36)], 2)
    ribs = [np.array([(s * 0.52, 0.08), (s * 0.36, 0.08), (s * 0.36, -0.01), (s * 0.52, -0.01)])
            for s in (-1, 1)] + [np.array([(-w, 0.0), (w, 0.0), (w, 0.07), (-w, 0.07)])]
    strings = [line([(s * 0.05, 0.92), (s * 0.06, 0.62)], 0.012) for s in (-1, 1)]
    fab = {"texture": "fabric", "gloss": 0.05}
    return figure(
        part(hood, relief=0.04, drape=0.6, **fab),
        part(chaikin(mirror(half), 2), relief=0.05, drape=1.0, **fab),
        part(*ribs, role="accent", relief=0.012, clip=1, **fab),
        part(opening, role="body_dark", relief=-0.03, drape=0.5, **fab),
        part(pocket, relief=0.02, drape=0.4, **fab),
        part(line(np.vstack([pocket, pocket[:1]]), 0.004), role="body_dark", relief=0.0, clip=4,
             **fab),
        part(*strings, role="accent", relief=0.006, **fab), drop_shadow=True)


def _draw_cap(rng: np.random.Generator) -> Figure:
    top, back = rng.uniform(0.6, 0.66), rng.uniform(0.48, 0.54)
    crown = chaikin([(-0.3, 0.1), (-0.36, 0.3), (-0.24, top - 0.08), (0.02, top),
                     (0.3, top - 0.08), (back, 0.3), (back + 0.02, 0.04), (0.1, 0.03)], 3)
    brim = chaikin([(-0.1, 0.16), (-0.5, 0.14), (-0.84, 0.04), (-0.8, -0.0), (-0.45, 0.01),
                    (0.0, 0.06), (0.2, 0.1)], 3)
    seams = [line(smooth([(0.02, top), (0.02 + k * 0.55, top * 0.6), (0.02 + k, 0.06)], 8), 0.006)
             for k in (-0.33, 0.08, 0.46)]
    stitch = chaikin([(-0.08, 0.12), (-0.5, 0.1), (-0.76, 0.03)], 2, False)
    return figure(
        part(crown, relief=0.1, texture="fabric", gloss=0.08, drape=0.3),
        part(*seams, role="body_dark", relief=0.003, texture="fabric", clip=0),
        part(line([(-0.2, 0.12), (back, 0.09)], 0.05), role="body_dark", relief=0.01, clip=0,
             texture="fabric"),
        part(brim, role="accent", relief=0.03, texture="fabric", gloss=0.1),
        part(line(stitch, 0.005), role="accent_dark", relief=0.0, clip=3),
        part(ell(0.02, top, 0.035, 0.02), role="accent", relief=0.01, gloss=0.3))


# ------------------------------------------------------------------------ footwear

def _draw_sneaker(rng: np.random.Generator) -> Figure:
    hh = rng.uniform(0.5, 0.56)
    sole = chaikin([(-0.63, 0.12), (-0.6, 0.03), (-0.48, 0.0), (0.5, 0.0), (0.6, 0.03),
                    (0.62, 0.18), (0.4, 0.16), (-0.2, 0.14), (-0.52, 0.17)], 3)
    upper = chaikin([(-0.6, 0.1), (-0.6, 0.18), (-0.48, 0.26), (-0.2, 0.33), (0.02, 0.42),
                     (0.17, hh), (0.3, hh + 0.01), (0.42, hh - 0.06), (0.54, hh), (0.61, hh - 0.08),
                     (0.6, 0.12)], 3)
    collar = chaikin([(0.2, hh - 0.02), (0.36, hh - 0.08), (0.53, hh - 0.02), (0.36, hh)], 2)
    tongue = chaikin([(0.05, 0.42), (0.13, hh + 0.08), (0.22, hh + 0.06), (0.24, hh - 0.04)], 2)
    stripe = chaikin([(-0.25, 0.15), (0.0, 0.16), (0.38, 0.36), (0.36, 0.4), (0.02, 0.24),
                      (-0.24, 0.2)], 2)
    heel = chaikin([(0.45, 0.12), (0.62, 0.12), (0.62, hh - 0.1), (0.53, hh - 0.04)], 2)
    laces = [line([(-0.12 + 0.06 * i, 0.31 + 0.045 * i), (-0.06 + 0.06 * i, 0.39 + 0.045 * i)],
                  0.02) for i in range(5)]
    eyestay = line([(-0.13, 0.33), (0.2, 0.52)], 0.09)
    return figure(
        part(tongue, relief=0.03, texture="fabric", gloss=0.15),
        part(upper, relief=0.06, texture="fabric", gloss=0.15),
        part(collar, role="dark", relief=-0.02, texture="fabric"),
        part(stripe, role="accent", relief=0.008, gloss=0.3, clip=1),
        part(heel, role="accent", relief=0.01, gloss=0.3, clip=1),
        part(eyestay, role="body_dark", relief=0.01, texture="leather", gloss=0.3, clip=1),
        part(*laces, role="light", relief=0.006, texture="fabric", gloss=0.1),
        part(sole, role="light", relief=0.006, gloss=0.25),
        part(np.array([(-0.7, -0.01), (0.7, -0.01), (0.7, 0.035), (-0.7, 0.035)]), role="accent",
             relief=0.006, gloss=0.2, clip=7))


def _draw_boot(rng: np.random.Generator) -> Figure:
    top = rng.uniform(0.78, 0.86)
    teeth = [(x, 0.0 if i % 2 else 0.022) for i, x in enumerate(np.linspace(0.5, -0.5, 19))]
    sole = [(-0.575, 0.06), (-0.54, 0.095), (0.53, 0.095), (0.53, 0.02), *teeth, (-0.56, 0.025)]
    upper = chaikin([(-0.53, 0.05), (-0.56, 0.12), (-0.55, 0.17), (-0.42, 0.25), (-0.15, 0.3),
                     (0.03, 0.4), (0.07, top), (0.27, top + 0.03), (0.46, top + 0.01), (0.42, 0.62),
                     (0.44, 0.45), (0.52, 0.28), (0.52, 0.05)], 3)
    collar = chaikin([(0.06, top - 0.05), (0.07, top + 0.0), (0.27, top + 0.04),
                      (0.46, top + 0.02), (0.45, top - 0.04), (0.27, top - 0.02)], 2)
    eyelets = [(0.065 + 0.006 * i, 0.44 + 0.07 * i) for i in range(5)]
    laces = [line([(x, y), (x - 0.07 + 0.004 * i, y + 0.03)], 0.02)
             for i, (x, y) in enumerate(eyelets)]
    seams = [line(chaikin([(-0.57, 0.21), (-0.42, 0.19), (-0.3, 0.28)], 2, False), 0.006),
             line([(0.3, 0.105), (0.3, 0.3), (0.53, 0.36)], 0.006)]
    return figure(
        part(upper, relief=0.06, texture="leather", gloss=0.4),
        part(*seams, role="body_dark", relief=0.0, texture="leather", clip=0),
        part(collar, role="body_dark", relief=0.02, texture="leather", gloss=0.25),
        part(*laces, role="accent", relief=0.006, texture="fabric", gloss=0.1),
        part(*[ell(x, y, 0.016, 0.016) for x, y in eyelets], role="metal", relief=0.008,
             gloss=0.9),
        part(chaikin(sole, 1), role="dark", relief=0.012, gloss=0.2))


def _draw_sandal(rng: np.random.Generator) -> Figure:
    ang = rng.uniform(0.42, 0.55)

    def view(p: Pts, dy: float = 0.0) -> Pts:  # seen from above-front, toe to the upper right
        return rotate(p, ang) * [1.0, 0.72] + [0.0, dy]

    s = np.linspace(0, 1, 30)
    knots = ([0, 0.05, 0.2, 0.45, 0.72, 0.9, 1], [0.04, 0.085, 0.1, 0.1, 0.16, 0.14, 0.05])
    half_w = np.interp(s, *knots)
    foot = chaikin(np.vstack([np.stack([s - 0.5, half_w], 1),
                              np.stack([0.5 - s, -half_w[::-1]], 1)]), 2)

    def strap(x0: float, x1: float) -> Pts:
        w0, w1 = (np.interp(x + 0.5, *knots) + 0.012 for x in (x0, x1))
        return chaikin([(x0, -w0), (x1, -w1), (x1, w1), (x0, w0)], 1)

    straps = [strap(x0, x0 + 0.14) for x0 in (-0.04, 0.2)]
    buckles = [view(rrect(x0 + 0.04, 0.1, x0 + 0.1, 0.15, 0.01), 0.07) for x0 in (-0.03, 0.21)]
    leather = {"texture": "leather"}
    return figure(
        part(view(foot), role="accent_dark", relief=0.01, gloss=0.2),
        part(view(foot * 0.985, 0.04), role="accent", relief=0.025, gloss=0.15, **leather),
        part(view(foot * [0.96, 0.9], 0.045), role="cream", relief=-0.04, gloss=0.05, **leather),
        part(*[view(p + [0.025, -0.02], 0.045) for p in straps], role="accent_dark", relief=0.0,
             clip=2, **leather),
        part(*[view(p, 0.06) for p in straps], relief=0.03, gloss=0.3, **leather),
        part(*buckles, role="metal", relief=0.005, gloss=0.9), drop_shadow=True)


# ------------------------------------------------------------------------ electronics

def _draw_headphones(rng: np.random.Generator) -> Figure:
    sx, cy = rng.uniform(0.36, 0.4), 0.22
    band_arc = ell(0, 0.5, sx, 0.48, 0.05 * math.pi, 0.95 * math.pi, 60)
    cushion = ell(0, 0.5, sx, 0.44, 0.25 * math.pi, 0.75 * math.pi, 40)
    yokes = [line([(s * sx, 0.52), (s * sx, 0.42), (s * (sx + 0.005), 0.4)], 0.03) for s in (-1, 1)]
    return figure(
        part(line(band_arc, 0.06), relief=0.02, gloss=0.45),
        part(line(cushion, 0.05), role="accent", relief=0.02, texture="leather", gloss=0.25),
        part(*yokes, role="metal", relief=0.008, gloss=0.9, texture="brushed"),
        part(*[ell(s * (sx - 0.1), cy, 0.07, 0.185) for s in (-1, 1)], role="accent",
             relief=0.04, texture="leather", gloss=0.2),
        part(*[ell(s * sx, cy, 0.12, 0.2) for s in (-1, 1)], relief=0.06, gloss=0.55),
        part(*[ell(s * (sx + 0.01), cy, 0.06, 0.1) for s in (-1, 1)], role="body_dark",
             relief=-0.02, gloss=0.6))


def _draw_power_bank(rng: np.random.Generator) -> Figure:
    w, h, dx, dy = rng.uniform(0.5, 0.58), 1.0, 0.14, 0.09
    front = rrect(-w / 2, 0, w / 2, h, 0.05)
    c, d, n = np.array([w / 2 - 0.015, h - 0.015]), np.array([dx, dy]), np.array([-dy, dx])
    above = np.array([c - 3 * d, c + 3 * d, c + 3 * (d + n), c + 3 * (n - d)])  # top half-plane
    ports = [rrect(o, 0.0, o + 0.09, 0.028, 0.012) + [dx * 0.5 - w / 2, h + dy * 0.36]
             for o in (0.12, 0.27)]
    return figure(
        part(hull(front, front + d), style="face", normal=(0.8, -0.1, 0.6), relief=0.006,
             gloss=0.35),
        part(above, style="face", normal=(0.05, -0.85, 0.5), relief=0.0, gloss=0.35, clip=0),
        part(*ports, role="dark", relief=-0.004, gloss=0.3),
        part(front, relief=0.02, gloss=0.4),
        part(rrect(-w / 2 + 0.06, 0.25, w / 2 - 0.06, 0.285, 0.017), role="accent",
             relief=0.004, gloss=0.5),
        part(*[ell(-0.09 + 0.06 * i, 0.12, 0.012, 0.012) for i in range(4)], role="accent",
             relief=0.004, gloss=0.9))


def _draw_phone_case(rng: np.random.Generator) -> Figure:
    w, ang = rng.uniform(0.48, 0.52), rng.uniform(-0.08, 0.08)

    def tilt(p: Pts) -> Pts:
        return rotate(p, ang, 0, 0.5)

    bump = rrect(-w / 2 + 0.04, 0.72, -w / 2 + 0.24, 0.96, 0.05)
    lenses = [tilt(ell(-w / 2 + x, y, 0.042, 0.042)) for x, y in ((0.09, 0.91), (0.09, 0.77),
                                                                   (0.19, 0.84))]
    return figure(
        part(tilt(rrect(-w / 2, 0, w / 2, 1.0, 0.07)), relief=0.03, gloss=0.55),
        part(tilt(bump), role="dark", relief=0.012, gloss=0.7),
        part(*lenses, role="glass", relief=0.015, gloss=1.0),
        part(tilt(ell(-w / 2 + 0.19, 0.93, 0.014, 0.014)), role="light", relief=0.004, gloss=0.5),
        part(line(tilt(ell(0, 0.45, 0.11, 0.11)), 0.018), role="accent", relief=0.004, gloss=0.5),
        part(tilt(rrect(w / 2 - 0.01, 0.6, w / 2 + 0.012, 0.72, 0.008)), role="accent",
             relief=0.003))


def _draw_earbuds_case(rng: np.random.Generator) -> Figure:
    w, h = rng.uniform(0.62, 0.7), 0.55
    top = np.vstack([ell(0.03, h - 0.02, w / 2 - 0.02, 0.07, 0, math.pi, 40),
                     [(-w / 2 + 0.05, h - 0.1), (w / 2 - 0.05, h - 0.1)]])
    return figure(
        part(line(ell(w / 2 - 0.03, h - 0.03, 0.07, 0.07), 0.022), role="accent", relief=0.006,
             gloss=0.3, texture="fabric"),
        part(rrect(-w / 2, 0, w / 2, h, 0.17), relief=0.1, gloss=0.85),
        part(top, style="face", normal=(0, -0.5, 0.85), relief=0.03, gloss=0.8, clip=1),
        part(line([(-w / 2, h * 0.66), (w / 2, h * 0.66)], 0.005), role="body_dark", relief=0.0,
             clip=1),
        part(ell(0, h * 0.42, 0.012, 0.012), role="accent", relief=0.003, gloss=0.9))


def _draw_smartwatch(rng: np.random.Generator) -> Figure:
    cw, ch = rng.uniform(0.36, 0.4), 0.44
    c0 = 0.5 - ch / 2
    straps = [rrect(-0.13, 0.0, 0.13, 0.4, 0.05), rrect(-0.13, 0.6, 0.13, 1.0, 0.05)]
    hands = [line([(0, 0.5), (0.05, 0.57)], 0.012), line([(0, 0.5), (-0.07, 0.47)], 0.01)]
    ticks = [line([(0.11 * math.cos(a), 0.5 + 0.11 * math.sin(a)),
                   (0.13 * math.cos(a), 0.5 + 0.13 * math.sin(a))], 0.008)
             for a in np.linspace(0, TAU, 12, endpoint=False)]
    ring = ell(0, 0.5, 0.085, 0.085, 0.5 * math.pi, 1.8 * math.pi, 40)
    screen = rrect(-cw / 2 + 0.025, c0 + 0.025, cw / 2 - 0.025, c0 + ch - 0.025, 0.07)
    return figure(
        part(*straps, hole(rrect(-0.09, 0.85, 0.09, 0.95, 0.03)), role="accent", relief=0.02,
             texture="leather", gloss=0.3),
        part(*[ell(0, 0.07 + 0.05 * i, 0.012, 0.012) for i in range(4)], role="accent_dark",
             relief=-0.003),
        part(rrect(cw / 2 - 0.02, 0.54, cw / 2 + 0.03, 0.62, 0.02), role="metal", relief=0.01,
             gloss=0.9),
        part(rrect(-cw / 2, c0, cw / 2, c0 + ch, 0.09), relief=0.025, gloss=0.9,
             texture="brushed"),
        part(screen, role="glass", relief=0.03, gloss=1.0),
        part(*ticks, role="light", relief=0.0, gloss=0.0, texture="none"),
        part(line(ring, 0.018), role="accent", relief=0.0, texture="none"),
        part(*hands, role="light", relief=0.0, texture="none"))


# ------------------------------------------------------------------------ home

def _draw_lamp(rng: np.random.Generator) -> Figure:
    rb, rt, t = rng.uniform(0.34, 0.38), rng.uniform(0.2, 0.24), 0.14
    base = lathe([(0.18, 0.0), (0.2, 0.02), (0.18, 0.05), (0.07, 0.1), (0.045, 0.14)], t)
    shade = np.vstack([band(rb, 0.52, 1.0, t, rt)[:36], ell(0, 1.0, rt, t * rt, 0, math.pi, 36)])
    return figure(
        part(line([(0, 0.1), (0, 0.6)], 0.035), role="metal", style="lathe", relief=0.0,
             gloss=0.9, texture="brushed"),
        part(base, role="accent", style="lathe", relief=0.01, gloss=0.75),
        part(shade, style="lathe", relief=0.01, gloss=0.05, texture="fabric"),
        part(ell(0, 1.0, rt * 0.97, t * rt * 0.9), role="body_dark", relief=-0.03,
             texture="fabric"),
        part(line(ell(0, 0.52, rb, t * rb, math.pi, TAU, 40), 0.02), role="accent",
             style="lathe", relief=0.0, gloss=0.3, clip=2))


def _draw_vase(rng: np.random.Generator) -> Figure:
    belly, neck, t = rng.uniform(0.24, 0.3), rng.uniform(0.08, 0.11), 0.14
    prof = [(0.13, 0), (0.15, 0.03), (belly, 0.32), (belly * 0.9, 0.5), (neck, 0.8),
            (neck * 0.95, 0.9), (neck * 1.35, 1.0)]
    return figure(
        part(lathe(prof, t), style="lathe", relief=0.01, gloss=0.85),
        part(band(belly * 1.01, 0.38, 0.44, t, belly * 0.96), role="accent", style="lathe",
             relief=0.0, gloss=0.8, clip=0),
        part(ell(0, 1.0, neck * 1.35, t * neck * 1.35), style="face", normal=UP, relief=0.004,
             gloss=0.6),
        part(ell(0, 1.0, neck * 1.05, t * neck * 1.1), role="dark", relief=-0.01, gloss=0.2))


def _draw_cushion(rng: np.random.Generator) -> Figure:
    s, tilt = rng.uniform(0.95, 1.05), rng.uniform(-0.06, 0.06)
    q = s / 2
    pinched = [(-q, 0), (0, 0.05), (q, 0), (q - 0.04, q), (q + 0.02, 2 * q), (0, 2 * q - 0.05),
               (-q - 0.02, 2 * q), (-q + 0.04, q)]
    outline = rotate(chaikin(pinched, 3), tilt, 0, q)
    return figure(
        part(outline, relief=0.16, texture="fabric", gloss=0.05, drape=1.6),
        part(line(np.vstack([outline, outline[:1]]), 0.022), role="accent", relief=0.008,
             texture="fabric", gloss=0.1),
        part(ell(0, q, 0.035, 0.035), role="accent", relief=0.012, gloss=0.3))


def _draw_candle(rng: np.random.Generator) -> Figure:
    r, h, t = rng.uniform(0.28, 0.32), rng.uniform(0.72, 0.8), 0.2
    flame = chaikin([(0, h - 0.03), (0.035, h + 0.04), (0.0, h + 0.16), (-0.035, h + 0.04)], 3)
    return figure(
        part(lathe([(r * 0.95, 0), (r, 0.03), (r, h)], t), style="lathe", relief=0.006,
             gloss=0.85),
        part(band(r * 1.003, 0.18, 0.5, t), role="accent", style="lathe", relief=0.0, gloss=0.3,
             clip=0),
        part(line([(-r * 0.55, 0.3), (r * 0.55, 0.3)], 0.014), role="accent_dark", style="lathe",
             relief=0.0, clip=1),
        part(ell(0, h, r, t * r), style="face", normal=UP, relief=0.004, gloss=0.7),
        part(ell(0, h - 0.01, r * 0.92, t * r * 0.88), role="cream", relief=-0.03, gloss=0.25),
        part(line([(0, h - 0.02), (0.004, h + 0.02)], 0.01), role="dark", relief=0.0),
        part(flame, role="flame", relief=0.0, gloss=0.0, texture="none"))


def _draw_backpack(rng: np.random.Generator) -> Figure:
    w = rng.uniform(0.3, 0.34)
    body = chaikin([(-w, 0), (w, 0), (w + 0.03, 0.62), (w - 0.05, 0.86), (0, 0.92),
                    (-w + 0.05, 0.86), (-w - 0.03, 0.62)], 3)
    straps = [line(smooth([(s * 0.14, 0.84), (s * (w + 0.06), 0.6), (s * (w + 0.05), 0.2)]), 0.07)
              for s in (-1, 1)]
    pocket = rrect(-w + 0.06, 0.06, w - 0.06, 0.44, 0.1)
    zips = [line(ell(0, 0.35, w - 0.03, 0.5, 0.2, math.pi - 0.2, 40), 0.01),
            line(ell(0, 0.3, w - 0.1, 0.12, 0.25, math.pi - 0.25, 30), 0.01)]
    fab = {"texture": "fabric", "gloss": 0.12}
    return figure(
        part(*straps, role="accent", relief=0.02, **fab),
        part(line(ell(0, 0.92, 0.08, 0.07, 0.1, math.pi - 0.1, 20), 0.03), role="accent",
             relief=0.01, **fab),
        part(body, relief=0.1, drape=0.8, **fab),
        part(zips[0], role="dark", relief=0.0, clip=2, gloss=0.4),
        part(pocket, relief=0.04, drape=0.5, **fab),
        part(zips[1], role="dark", relief=0.0, clip=4, gloss=0.4),
        part(rrect(0.1, 0.38, 0.13, 0.44, 0.01), line([(0.115, 0.4), (0.115, 0.3)], 0.014),
             role="metal", relief=0.004, gloss=0.9))
