"""Connected groups of items linked in pairs (union-find), for the steps that gather what
touches or covers what: word pieces across lines, OCR words against DOM words, texts that
cover each other at a phone's width.

    connected_groups(4, [(0, 2), (2, 3)])   # -> [[0, 2, 3], [1]]
"""

from __future__ import annotations

from collections.abc import Iterable


def connected_groups(count: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The indices ``0 .. count-1`` grouped by ``links`` (pairs of indices), each group in index
    order and the groups in the order of their first index; an unlinked index is a group of one."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in links:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())
