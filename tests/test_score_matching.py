"""Matching and metrics on hand-made blocks: merge rule, context bonus, block metrics, CIEDE2000."""

from __future__ import annotations

import numpy as np
import pytest

from web_composer.score.blocks import Block
from web_composer.score.matching import (Matching, context_bonus, difference_of_means, match_blocks,
                                         merge_two)
from web_composer.score.metrics import block_metrics, ciede2000, color_similarity, rgb_to_lab


def block(text: str, box=(0.1, 0.1, 0.2, 0.05), color=(0, 0, 0)) -> Block:
    return Block(text, box, color)


def test_merging_two_candidate_blocks_that_together_match_a_reference_block():
    # ratio("hello world", "hello world foo bar") = 2*11/30 = 0.7333 is the current matched cost;
    # merged, "hello world foo bar" matches exactly: gain 1 - 0.7333 = 0.267 > 0.05, so merge.
    result = match_blocks([block("hello world"), block("foo bar")], [block("hello world foo bar")])
    assert [b.text for b in result.candidate] == ["hello world foo bar"]
    assert result.pairs == [(0, 0, 1.0)]


def test_merging_happens_on_the_reference_side_too():
    result = match_blocks([block("hello world foo bar")], [block("hello world"), block("foo bar")])
    assert [b.text for b in result.reference] == ["hello world foo bar"]
    assert result.pairs == [(0, 0, 1.0)]


def test_no_merge_when_the_gain_is_not_above_0_05():
    # ratio("abcdefghij klmnopqrst", "abcdefghij klmnopqrst x") = 2*21/44 = 0.9545; merging "x" in
    # would give 1.0: a gain of 0.0455, under 0.05, so the blocks stay apart and "x" is unmatched.
    cand = [block("abcdefghij klmnopqrst"), block("x")]
    result = match_blocks(cand, [block("abcdefghij klmnopqrst x")])
    assert [b.text for b in result.candidate] == ["abcdefghij klmnopqrst", "x"]
    assert result.pairs == [(0, 0, pytest.approx(42 / 44))]


def test_merged_block_takes_the_union_box_and_the_mean_colour():
    merged = merge_two(block("a", (0.1, 0.1, 0.2, 0.05), (0, 0, 0)),
                       block("b", (0.1, 0.2, 0.3, 0.05), (100, 50, 20)))
    assert merged.text == "a b"
    assert merged.box == pytest.approx((0.1, 0.1, 0.3, 0.15))
    assert merged.color == (50, 25, 10)


def test_difference_of_means_compares_only_what_changed():
    # -0.9 is shared and removed: mean(-0.5, -0.2) - mean(-0.8) = -0.35 + 0.8 = 0.45
    assert difference_of_means([-0.9, -0.5, -0.2], [-0.9, -0.8]) == pytest.approx(0.45)
    assert difference_of_means([-0.5], [-0.5]) == 0.0


def test_context_bonus_adds_a_tenth_of_the_two_best_neighbours_in_a_3x3_window():
    sims = np.array([[0.9, 0.2, 0.0],
                     [0.3, 0.8, 0.1],
                     [0.0, 0.4, 0.6]])
    adjusted = context_bonus(-sims)
    # (0,0): neighbours -0.2, -0.3, -0.8 -> best two -0.8, -0.3 -> -0.9 + 0.1 * -1.1
    assert adjusted[0, 0] == pytest.approx(-1.01)
    # (1,1): the whole matrix; best two other than itself: -0.9, -0.6
    assert adjusted[1, 1] == pytest.approx(-0.95)
    # (2,2): neighbours -0.8, -0.1, -0.4 -> best two -0.8, -0.4
    assert adjusted[2, 2] == pytest.approx(-0.72)
    # pairs with similarity <= 0.5 get no bonus
    keep = sims <= 0.5
    assert np.array_equal(adjusted[keep], -sims[keep])
    assert context_bonus(-np.array([[0.5, 0.9]]))[0, 0] == -0.5


def test_pairs_under_0_5_are_dropped_as_unmatched():
    result = match_blocks([block("completely different")], [block("nothing alike at all")])
    assert result.pairs == []
    assert block_metrics(result).block == 0.0


def test_block_metrics_by_hand():
    a = block("same", (0.1, 0.25, 0.2, 0.1), (0, 0, 0))  # area 0.02, centre (0.2, 0.3)
    b = block("extra", (0.5, 0.5, 0.1, 0.1))  # area 0.01, unmatched
    c = block("same", (0.1, 0.05, 0.3, 0.1), (0, 0, 0))  # area 0.03, centre (0.25, 0.1)
    d = block("missing", (0.5, 0.5, 0.2, 0.2))  # area 0.04, unmatched
    metrics = block_metrics(Matching([a, b], [c, d], [(0, 0, 1.0)]))
    assert metrics.block == pytest.approx(0.05 / 0.10)
    assert metrics.position == pytest.approx(1 - 0.2)
    assert (metrics.text, metrics.color) == (1.0, 1.0)
    assert (metrics.matched, metrics.unmatched_candidate, metrics.unmatched_reference) == (1, 1, 1)


@pytest.mark.parametrize("lab1, lab2, expected", [  # Sharma, Wu & Dalal (2005), test pairs 1, 7, 17, 25
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
])
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert float(ciede2000(lab1, lab2)) == pytest.approx(expected, abs=1e-4)
    assert float(ciede2000(lab2, lab1)) == pytest.approx(expected, abs=1e-4)


def test_srgb_to_lab_and_colour_similarity():
    assert rgb_to_lab([255, 255, 255]) == pytest.approx([100.0, 0.0, 0.0], abs=1e-3)
    assert rgb_to_lab([255, 0, 0]) == pytest.approx([53.24, 80.09, 67.20], abs=0.01)
    assert color_similarity((10, 20, 30), (10, 20, 30)) == 1.0
    assert color_similarity((0, 0, 0), (255, 255, 255)) == 0.0  # delta E 100: clipped at 0


def test_a_shared_similarity_replays_the_merges_of_texts_it_matched_before(monkeypatch):
    # the refinement loop scores many candidates with the same texts against one reference: the
    # second matching takes the merges it found the first time (no search) and gives the same
    # blocks and pairs, with the new candidate's own boxes
    from web_composer.score import matching

    cand = [block("hello world"), block("foo bar"), block("alpha beta gamma"), block("delta")]
    ref = [block("hello world foo bar"), block("alpha beta"), block("gamma delta")]
    shared = matching.Similarity()
    first = match_blocks(cand, ref, shared)
    fresh = match_blocks(cand, ref)
    assert first.pairs == fresh.pairs and [b.text for b in first.candidate] == [b.text for b in fresh.candidate]
    assert [b.text for b in first.reference] == [b.text for b in fresh.reference]
    assert len(shared.plans) == 1

    def no_search(*args, **kwargs):
        raise AssertionError("searched for merges again")

    monkeypatch.setattr(matching, "_helpful_merges", no_search)
    moved = [block(b.text, box=(0.3, 0.5, 0.2, 0.05)) for b in cand]
    again = match_blocks(moved, ref, shared)
    assert again.pairs == first.pairs
    assert [b.text for b in again.candidate] == [b.text for b in first.candidate]
    assert again.candidate[0].box == pytest.approx((0.3, 0.5, 0.2, 0.05))  # the new candidate's boxes
    with pytest.raises(AssertionError):  # other texts are searched for afresh
        match_blocks([block("hello"), block("world foo bar")], ref, shared)


def test_similarity_rows_and_columns_are_its_single_values():
    from web_composer.score.matching import Similarity

    similarity = Similarity()
    texts = ["hello world", "", "foo", "hello"]
    row = similarity.row("hello there", texts)
    column = similarity.column(texts, "hello there")
    assert row.tolist() == [Similarity()("hello there", t) for t in texts]
    assert column.tolist() == [Similarity()(t, "hello there") for t in texts]
    assert row[1] == 0.0 and 0 < row[0] < 1
