"""Form controls drawn with the wrong corners: a text field or textarea as a pill, a square
button where the target rounds it. The corner is read from the target's pixels.

    edits = fix_controls(elements, target, render, drifts)

A rounded corner of radius r leaves the box's corner empty along the diagonal for
r * (1 - 1/sqrt 2) px, so the depth of the first drawn pixel on the diagonal from the corner
(inward from where the box's top and left edges are drawn) gives the radius: r = depth / 0.293.
Both the target and the render are measured the same way (the edges are found in each picture,
a draft's box being rarely exact), and a control whose corner differs by RADIUS_STEP px or more
gets the target's radius as its own ``border-radius``: nothing moves. A control too small for
the frame search of surfaces.py (a "Post!" button) whose frame the target draws and the render
does not gets it here (a box-shadow, as there).
"""

from __future__ import annotations

import numpy as np

from .edits import Edit, set_style
from .probe import Element
from .surfaces import _frame, corners, drift_at, frame_colour

CONTROLS = ("input", "textarea", "button", "select")
DEPTH_PER_RADIUS = 1 - 1 / np.sqrt(2)
RADIUS_STEP = 3.0  # px
EDGE_SEARCH = 6  # px either side of the box's edge where the drawn edge is looked for
INK = 40  # sum of channel differences from the outside for a pixel to be drawn
MAX_EDITS = 12

Drift = tuple[float, float, float, float, float]


def _differs(a: np.ndarray, b: np.ndarray) -> bool:
    return int(np.abs(a.astype(np.int16) - b.astype(np.int16)).sum()) > INK


def corner_radius(image: np.ndarray, box: tuple[int, int, int, int]) -> float | None:
    """The radius (px) of the top-left corner ``image`` draws for the box, or None where no edge
    stands out from what is outside it."""
    x0, y0, x1, y1 = box
    height, width = image.shape[:2]
    if x0 - EDGE_SEARCH - 2 < 0 or y0 - EDGE_SEARCH - 2 < 0 or y1 > height or x1 > width or \
            x1 - x0 < 16 or y1 - y0 < 12:
        return None
    mid_x, mid_y = (x0 + x1) // 2, (y0 + y1) // 2
    outside = image[y0 - EDGE_SEARCH - 2, x0 - EDGE_SEARCH - 2]
    top = next((y for y in range(y0 - EDGE_SEARCH, y0 + EDGE_SEARCH + 1)
                if _differs(image[y, mid_x], outside)), None)
    left = next((x for x in range(x0 - EDGE_SEARCH, x0 + EDGE_SEARCH + 1)
                 if _differs(image[mid_y, x], outside)), None)
    if top is None or left is None:
        return None
    reach = min(x1 - left, y1 - top) // 2
    depth = next((k for k in range(reach) if _differs(image[top + k, left + k], outside)), None)
    if depth is None:
        return None
    return depth / DEPTH_PER_RADIUS


def fix_controls(elements: list[Element], target: np.ndarray, render: np.ndarray,
                 drifts: list[Drift] | None = None) -> list[Edit]:
    """A ``border-radius`` edit for each form control whose corner the target draws otherwise."""
    edits: list[Edit] = []
    for element in elements:
        if element.tag not in CONTROLS or len(edits) >= MAX_EDITS:
            continue
        box = corners(element)
        dy = drift_at(box, drifts or [])
        x0, y0, x1, y1 = box
        there = (x0, y0 + dy, x1, y1 + dy)
        wanted = corner_radius(target, there)
        drawn = corner_radius(render, box)
        if wanted is None or drawn is None or abs(wanted - drawn) < RADIUS_STEP:
            # the corners agree (a pill's frame is not found along its round sides: never here)
            frame = frame_colour(target, there)
            if frame is not None and frame_colour(render, box) is None:  # a button left unframed
                edits.append(_frame(element, frame, box, f"the target frames this {x1 - x0}x"
                                    f"{y1 - y0} px control; the render does not"))
                edits[-1].drift = dy
            continue
        radius = min(round(wanted), (y1 - y0) // 2)
        edit = set_style(element.node, {"border-radius": f"{radius}px"}, name="corner",
                         why=(f"the target rounds this {x1 - x0}x{y1 - y0} px control's corners "
                              f"by {wanted:.0f} px, the render by {drawn:.0f} px"))
        edit.area, edit.drift = (max(0, x0 - 2), max(0, y0 - 2), x1 + 2, y1 + 2), dy
        edits.append(edit)
    return edits
