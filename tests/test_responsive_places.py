"""Several screenshots, one responsive page (issue 20, fifth pass): where texts go at the phone
width when the matching gives two of them one place, when a photo stands beside several lines,
and when a button's text sits in a band the phone analysis saw as one panel.

Analyses are built by hand (texts and boxes as the engine measures them, so each case is exact),
merged, written as a page and rendered in real Chromium at 390 and 1280 px. At 1280 the page must
be the one the wide analysis alone gives.
"""

from __future__ import annotations

import copy

import pytest

from web_composer.render import RenderOptions, render_html

RECTS = """() => Object.fromEntries([...document.querySelectorAll('[id]')].map(el => {
  const r = el.getBoundingClientRect();
  const seen = getComputedStyle(el).display !== 'none' && r.height > 0;
  const x = r.left + r.width / 2, y = r.top + Math.min(r.height / 2, 10);
  const top = document.elementFromPoint(x, y);
  return [el.id, {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right,
                  seen, front: !!top && (top === el || el.contains(top))}];
}))"""


def _text(words: str, box: tuple, size: int = 16, tag: str = "p", name: str = ""):
    from web_composer.vision.emit.model import Element

    return Element(tag, "text", "text", parts=[words], box=box, attrs={"id": name} if name else {},
                   look={"font-size": f"{size}px", "line-height": f"{round(size * 1.4)}px"})


def _box(box: tuple, colour: str, name: str = "", children: list | None = None):
    from web_composer.vision.emit.model import Element

    return Element("div", "panel", "box", look={"background": colour}, box=box,
                   attrs={"id": name} if name else {}, children=children or [])


def _pages(wide: list, narrow: list, height: int = 900) -> dict[int, dict]:
    """Merge the two analyses, render the page at 390 and 1280 (element rects by id, screenshot)
    and the wide analysis alone at 1280."""
    from types import SimpleNamespace

    from web_composer.vision.emit.model import Element, Plan
    from web_composer.vision.engine import _emit
    from web_composer.vision.responsive import merge_breakpoints

    def plan(children: list, width: int) -> Plan:
        return Plan(root=Element("div", "page", "page", children=children), width=width)

    alone = plan(copy.deepcopy(wide), 1280)
    merged = plan(wide, 1280)
    merge_breakpoints(merged, [SimpleNamespace(plan=plan(narrow, 390), width=390, height=height)])
    html, _ = _emit(merged, "css", "Places")
    html_alone, _ = _emit(alone, "css", "Places")
    out = {}
    for width in (390, 1280):
        shot = render_html(html, None, RenderOptions(width=width, height=700, evaluate=RECTS))
        out[width] = {"rects": shot.data, "png": shot.png}
    out["alone"] = render_html(html_alone, None, RenderOptions(width=1280, height=700)).png
    return out


def _same_at_1280(pages: dict) -> None:
    from PIL import Image
    import io

    import numpy as np

    a, b = (np.asarray(Image.open(io.BytesIO(p)).convert("L")).astype(int)
            for p in (pages[1280]["png"], pages["alone"]))
    assert a.shape == b.shape and np.abs(a - b).max() <= 8, "the 1280 page changed"


def test_texts_given_one_place_are_set_one_under_the_other():
    """10303's footer: the wide screenshot read one paragraph as four texts, the phone one as one
    block; one wide text took the block whole while the three others shared it, so at 390 the
    first and the last were drawn in the same place. They must come one under the other, in
    reading order."""
    story = [("a", "Margo's was established in 1935 and is", (100, 300, 560, 324)),
             ("b", "known for its bridal", (100, 328, 330, 352)),
             ("c", "registry. Through the", (100, 356, 340, 380)),
             ("d", "store's vast inventory, brides can register for pottery, linens, home decor, "
                   "and other fine gifts.", (100, 384, 1100, 408))]
    wide = [_text("About the shop", (100, 200, 400, 240), 30, "h2", "head"),
            *(_text(words, box, name=name) for name, words, box in story)]
    narrow = [_text("About the shop", (20, 200, 250, 230), 24, "h2"),
              _text(" ".join(words for _, words, _ in story), (20, 260, 370, 400))]
    pages = _pages(wide, narrow)
    rects = pages[390]["rects"]
    tops = [rects[name]["top"] for name, _, _ in story]
    assert all(rects[name]["seen"] for name, _, _ in story), rects
    assert all(b > a + 8 for a, b in zip(tops, tops[1:])), tops  # apart, in reading order
    assert tops[0] >= rects["head"]["bottom"] - 2 and tops[-1] < 420, tops
    _same_at_1280(pages)


def test_a_photo_beside_lines_spans_their_rows():
    """13166's header: a photo beside three texts at 390. Placed as one row as tall as the
    photo, the second and third text started below it, with no height of their own (drawn over
    each other); spanning their rows, each stays beside the photo where it was measured."""
    wide = [_text("Assistant professor, Computer Science", (100, 120, 500, 142), name="job"),
            _text("Faculty Fellow", (100, 150, 300, 172), name="fellow"),
            _text("Office: Building 4, room 12, second floor", (100, 180, 560, 202), name="office"),
            _box((900, 110, 1100, 222), "#2233ee", "photo"),
            _text("About me", (100, 300, 260, 330), 26, "h2", "about")]
    narrow = [_text("Assistant professor, Computer", (15, 109, 159, 151), 15),
              _box((175, 114, 375, 226), "#2233ee"),
              _text("Faculty Fellow", (16, 154, 150, 177)),
              _text("Office: Building 4, room 12, second floor", (16, 180, 160, 250)),
              _text("About me", (15, 295, 117, 321), 23, "h2")]
    narrow[0].parts = ["Assistant professor, Computer Science"]
    pages = _pages(wide, narrow)
    rects = pages[390]["rects"]
    for name, top in (("job", 109), ("fellow", 154), ("office", 180), ("photo", 114), ("about", 295)):
        assert abs(rects[name]["top"] - top) <= 8, (name, rects[name])
    assert rects["job"]["right"] <= rects["photo"]["left"] + 2  # beside it, not under it
    _same_at_1280(pages)


def test_a_button_in_a_band_keeps_its_own_size():
    """new-age's last band: the phone analysis saw the band as one panel holding the heading
    and the button's words (no button panel of their own). The button was placed whole at the
    band's box, drawn over the heading and everything below it; it must keep its own size and
    leave the heading in front."""
    from web_composer.vision.emit.model import Element

    button = Element("a", "panel", "button", look={"background": "#ffffff", "color": "#222"},
                     box=(120, 400, 300, 450), attrs={"id": "button"},
                     geom={"width": "180px", "margin-left": "120px"},
                     children=[_text("Download for free", (140, 415, 280, 435))])
    wide = [_text("Start Bootstrap", (100, 20, 400, 60), 30, "h1"),
            _box((0, 200, 1280, 700), "#44505a", "band", children=[
                _text("Stop waiting. Start building.", (120, 300, 800, 360), 48, "h2", "heading"),
                _text("Free to download, free to use", (120, 370, 500, 390)),
                button]),
            _text("Get the app now", (500, 760, 780, 800), 28, "h3", "cta")]
    narrow = [_text("Start Bootstrap", (16, 20, 200, 50), 22, "h1"),
              _box((0, 150, 390, 900), "#44505a", children=[
                  _text("Stop waiting. Start building.", (40, 400, 340, 490), 36, "h2"),
                  _text("Free to download, free to use", (40, 500, 330, 520)),
                  _text("Download for free", (70, 560, 200, 580))]),
              _text("Get the app now", (90, 960, 300, 990), 24, "h3")]
    pages = _pages(wide, narrow, 1100)
    rects = pages[390]["rects"]
    assert rects["button"]["bottom"] - rects["button"]["top"] < 120, rects["button"]
    assert rects["heading"]["seen"] and abs(rects["heading"]["top"] - 400) <= 10, rects["heading"]
    assert rects["cta"]["seen"] and abs(rects["cta"]["top"] - 960) <= 10, rects["cta"]
    _same_at_1280(pages)


@pytest.mark.parametrize("tall", [True, False])
def test_a_text_measured_two_lines_high_keeps_its_measured_width(tall):
    """A text the phone screenshot shows on two lines keeps the width it was measured with
    (its lines break where they did), even when the narrow pieces it was matched to gave no
    line spacing of their own; a one-line text may run to the right edge."""
    from web_composer.vision.responsive_rows import Slot, placement

    el = _text("Assistant professor, Computer Science", (100, 120, 500, 142))
    source = _text("Computer Science", (15, 134, 130, 151), 15)  # the longest piece: one line
    source.look["line-height"] = "17px"
    box = (15, 109 if tall else 134, 159, 151)  # the pieces' union
    col = placement(Slot(el, box, source), 1, 0.0, 390)["col"]
    right = int(col.split("/")[1])
    assert (right <= 170) == tall, col


def test_rows_down_a_long_page_stay_where_they_were_measured():
    """Boxes at fractional positions (texts shared out of one narrow block are): each row's gap
    and height are whole pixels, and rounding each difference on its own moved every row a
    fraction of a pixel more, 8 px by the twentieth row (SSIM at quarter scale loses more to
    a two-pixel shift than to most wrong looks). Rounded edges add up to the measured ones."""
    count, step = 20, 30.4
    wide = [_text(f"Line number {k} of the list", (100, 100 + 40 * k, 500, 122 + 40 * k),
                  name=f"line{k}") for k in range(count)]
    narrow = [_text(f"Line number {k} of the list", (16, 100 + step * k, 300, 120.4 + step * k))
              for k in range(count)]
    rects = _pages(wide, narrow, 900)[390]["rects"]
    for k in (0, count // 2, count - 1):
        assert abs(rects[f"line{k}"]["top"] - (100 + step * k)) <= 1, (k, rects[f"line{k}"])



def test_texts_in_a_card_placed_whole_keep_the_phone_spacing():
    """9031's cards: each card (a panel with a title and a text) is placed whole at its phone
    box, 72 px high, but its texts kept the wide spacing inside it (40-odd px above each), so
    every text but the last was pushed below its card and drawn over by the next one. Inside
    a card placed whole each text keeps the space above it the phone screenshot measured."""
    wide, narrow = [_text("Jokes", (400, 50, 900, 130), 60, "h1")], [_text("Jokes", (78, 16, 316, 44), 24, "h1")]
    for k in range(3):
        y, v = 300 + 280 * k, 85 + 95 * k
        wide.append(_box((400, y, 926, y + 211), "#eeeeee", f"card{k}", children=[
            _text(f"2018-3-18 0{k}:17:03", (444, y + 43, 760, y + 83), 28, "h2", f"title{k}"),
            _text(f"Knock knock number {k}", (425, y + 121, 855, y + 161), 28, name=f"text{k}")]))
        narrow.append(_box((108, v, 286, v + 72), "#eeeeee", children=[
            _text(f"2018-3-18 0{k}:17:03", (123, v + 15, 233, v + 29), 12, "h2"),
            _text(f"Knock knock number {k}", (123, v + 41, 272, v + 55), 12)]))
    pages = _pages(wide, narrow)
    rects = pages[390]["rects"]
    for k in range(3):
        card, v = rects[f"card{k}"], 85 + 95 * k
        assert abs(card["top"] - v) <= 8, card
        for name, top in ((f"title{k}", v + 15), (f"text{k}", v + 41)):
            assert rects[name]["seen"] and rects[name]["front"], (name, rects[name])
            assert abs(rects[name]["top"] - top) <= 6, (name, rects[name], top)
            assert rects[name]["bottom"] <= card["bottom"] + 2, (name, rects[name], card)
    _same_at_1280(pages)
