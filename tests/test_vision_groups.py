"""vision.groups.connected_groups: the union-find the word-piece, OCR-check and phone-layout steps
share."""

from web_composer.vision.groups import connected_groups


def test_links_gather_indices_into_groups_in_index_order() -> None:
    assert connected_groups(6, [(4, 2), (0, 5), (2, 0)]) == [[0, 2, 4, 5], [1], [3]]
    assert connected_groups(3, []) == [[0], [1], [2]]
    assert connected_groups(0, []) == []
    # a chain given in any order is one group
    assert connected_groups(5, iter([(3, 4), (1, 2), (2, 3)])) == [[0], [1, 2, 3, 4]]
