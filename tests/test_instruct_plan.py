"""Reading instructions into page plans (no browser): names, kinds, sections, colours and where
they apply, placements, counts, columns, Chinese, bad input, and the plan's JSON round trip."""

from __future__ import annotations

import json

import pytest

from web_composer.errors import InputError
from web_composer.instruct import colours, parse_instruction
from web_composer.instruct.plan import PagePlan

IXC = ("A website for Research institutions. The name is Shanghai AI lab. Top Navigation Bar is "
       "blue.Below left, an image shows the logo of the lab. In the right, there is a passage of "
       "text below that describes the mission of the laboratory.There are several images to show "
       "the research projects of Shanghai AI lab.")


def constraints(text: str) -> dict[str, dict]:
    return {c.id: {"value": c.value, "at_least": c.at_least, "scope": c.scope}
            for c in parse_instruction(text).constraints}


def test_ixc_example_instruction_becomes_the_expected_plan():
    plan = parse_instruction(IXC)
    assert (plan.name, plan.kind, plan.language) == ("Shanghai AI lab", "research", "en")
    assert [s.kind for s in plan.sections] == ["nav", "about", "gallery", "footer"]
    about, gallery = plan.section("about"), plan.section("gallery")
    assert (about.layout, about.image) == ("image-left", "logo.png")
    assert gallery.title == "Research Projects" and gallery.count == 3
    assert plan.section("nav").background.family == "blue"
    found = constraints(IXC)
    assert set(found) == {"name:page", "colour:nav:background", "position:image:logo:left_of:text",
                          "position:nav:top", "position:image:logo:below:nav", "count:images:gallery",
                          "order:sections"}
    assert found["count:images:gallery"] == {"value": 3, "at_least": True, "scope": "gallery"}
    assert found["colour:nav:background"]["value"]["said"] == "blue"


@pytest.mark.parametrize("text, name", [
    ('A bakery called "Sweet Crumbs". Three cards.', "Sweet Crumbs"),
    ("A SaaS pricing page for Cloudnote with three tiers", "Cloudnote"),
    ("An online shop called Tiny Threads selling kids' clothes", "Tiny Threads"),
    ("Website for the Greenway Cycling Club with a dark green footer", "Greenway Cycling Club"),
    ("Jane Doe's photography portfolio with six photos", "Jane Doe"),
    ("The name is Shanghai AI lab. Top bar is blue", "Shanghai AI lab"),
    ("为一家名为“晨光书店”的书店设计网站。", "晨光书店"),
    ("网站名称：星河咖啡，导航栏是蓝色", "星河咖啡"),
])
def test_site_names(text, name):
    plan = parse_instruction(text)
    assert plan.name == name and plan.name_given
    assert any(c.id == "name:page" and c.value == name for c in plan.constraints)


def test_an_unnamed_site_gets_a_neutral_name_and_no_name_constraint():
    plan = parse_instruction("a website with a dark green footer")
    assert plan.name and not plan.name_given
    assert "name:page" not in {c.id for c in plan.constraints}


@pytest.mark.parametrize("text, target, prop, family, band", [
    ("A site with a dark green footer", "footer", "background", "green", (0.0, 0.42)),
    ("A page with a #336699 header", "nav", "background", None, None),
    ("white text on a navy navigation bar", "nav", "text", "white", None),
    ("The hero is purple. Add a contact form.", "hero", "background", "purple", None),
    ("A page with red buttons and a footer", "button", "background", "red", None),
    ("Light yellow background and a gallery", "page", "background", "yellow", (0.58, 1.0)),
    ("导航栏是深绿色", "nav", "background", "green", (0.0, 0.42)),
    ("页脚是灰色", "footer", "background", "gray", None),
])
def test_colours_go_to_the_element_named_with_them(text, target, prop, family, band):
    plan = parse_instruction(text)
    found = [c for c in plan.constraints if c.kind == "colour"]
    match = [c for c in found if c.target == target and c.property == prop]
    assert match, [c.id for c in found]
    spec = colours.ColourSpec.from_dict(match[0].value)
    assert spec.family == family and spec.band == band
    if target == "page":
        assert plan.theme.background == spec
    elif target == "button":
        assert plan.theme.button == spec
    else:
        section = plan.section(target)
        assert (section.text_colour if prop == "text" else section.background) == spec


def test_a_colour_and_a_count_in_one_list_go_to_their_own_nouns():
    found = constraints("A SaaS page with three pricing tiers, white text on a navy navigation bar")
    assert {"count:cards:pricing", "colour:nav:text", "colour:nav:background"} <= set(found)
    assert found["count:cards:pricing"]["scope"] == "pricing"


@pytest.mark.parametrize("text, kind, scope, value, at_least", [
    ("A landing page with three cards.", "count:cards:features", "features", 3, False),
    ("A pricing section with three cards.", "count:cards:pricing", "pricing", 3, False),
    ("Show 4 pricing tiers.", "count:cards:pricing", "pricing", 4, False),
    ("A gallery of six photos.", "count:images:gallery", "gallery", 6, False),
    ("several images of our cakes", "count:images:gallery", "gallery", 3, True),
    ("A team of four members.", "count:cards:team", "team", 4, False),
    ("The gallery has two columns.", "columns:gallery", "gallery", 2, False),
    ("下面有三张图片展示店内环境", "count:images:gallery", "gallery", 3, False),
    ("关于部分分为两列", "columns:about", "about", 2, False),
])
def test_counts_and_columns(text, kind, scope, value, at_least):
    found = constraints(text)
    assert found[kind] == {"value": value, "at_least": at_least, "scope": scope}


def test_names_and_words_that_are_not_what_they_seem():
    found = constraints("The background should be black and the text white. Site for a jazz bar "
                        "called Blue Note.")
    assert [k for k in found if k.startswith("colour")] == ["colour:page:background",
                                                            "colour:page:text"]
    assert found["colour:page:background"]["value"]["said"] == "black"  # not "Blue" of the name
    assert parse_instruction("Homepage of Dr. Li Wei, a physicist").name == "Dr. Li Wei"
    assert "colour:any:background" in constraints("A blue website for a dentist")
    found = constraints("Charity site called Hope Water: a green donate button, team of 3.")
    assert {"colour:button:background", "count:cards:team"} <= set(found)
    both = constraints("A startup called Nebula: three feature cards and pricing with 3 plans.")
    assert {"count:cards:features", "count:cards:pricing"} <= set(both)


def test_counts_shape_the_plan():
    plan = parse_instruction("A shop called Tiny Threads with 8 product cards in 4 columns")
    features = plan.section("features")
    assert (features.count, features.columns, len(features.items)) == (8, 4, 8)


def test_placements_and_relations():
    plan = parse_instruction("A nonprofit called River Friends. The about section has two columns: "
                             "an image on the left and text on the right.")
    assert plan.section("about").layout == "image-left"
    assert {"position:image:left_of:text", "columns:about"} <= {c.id for c in plan.constraints}
    plan = parse_instruction("Jane Doe's portfolio. A gallery of six photos, an about section with "
                             "a photo on the right and text on the left.")
    assert plan.section("about").layout == "image-right"
    position = next(c for c in plan.constraints if c.kind == "position")
    assert (position.id, position.scope) == ("position:image:right_of:text", "about")
    below = constraints("Below the navigation bar there is a hero section.")
    assert "position:hero:below:nav" in below


def test_sections_named_are_checked_and_defaults_fill_an_empty_request():
    plan = parse_instruction("A bakery called Crumbs with testimonials and a contact form")
    assert [s.kind for s in plan.sections] == ["nav", "testimonials", "contact", "footer"]
    assert {"section:testimonials", "section:contact"} <= {c.id for c in plan.constraints}
    plan = parse_instruction("A bakery called Crumbs")
    assert [s.kind for s in plan.sections] == ["nav", "hero", "about", "features", "gallery",
                                               "contact", "footer"]
    assert "responsive:page" in {c.id for c in parse_instruction("a responsive site").constraints}


@pytest.mark.parametrize("text, message", [
    ("", "empty"), ("   \n ", "empty"), ("word " * 1000, "at most 4000"),
    ("!!! ???", "no words"), ("A page with 1000 cards", "at most 24"),
])
def test_bad_instructions_are_clear_input_errors(text, message):
    with pytest.raises(InputError) as caught:
        parse_instruction(text)
    assert caught.value.exit_code == 2 and message in caught.value.one_line()


def test_plan_json_round_trip_and_edits():
    plan = parse_instruction(IXC)
    data = json.loads(json.dumps(plan.to_dict()))
    again = PagePlan.from_dict(data)
    assert again.to_dict() == plan.to_dict()
    data["name"] = "Edited Lab"
    data["sections"][1]["layout"] = "image-right"
    edited = PagePlan.from_dict(data)
    assert edited.name == "Edited Lab" and edited.section("about").layout == "image-right"


@pytest.mark.parametrize("change, message", [
    (lambda d: d["sections"].append({"kind": "carousel", "id": "x"}), "kind 'carousel'"),
    (lambda d: d.pop("name"), "site name is empty"),
    (lambda d: d["sections"][1].update(layout="diagonal"), "layout 'diagonal'"),
    (lambda d: d["sections"][2].update(count=99), "count must be"),
    (lambda d: d.update(colour="red"), "unknown field(s): colour"),
    (lambda d: d["sections"][1].update(id="about us"), "needs an id"),
    (lambda d: d["theme"]["primary"].update(hex="blue"), "not a hex colour"),
])
def test_bad_plans_are_refused_with_a_reason(change, message):
    data = parse_instruction(IXC).to_dict()
    change(data)
    with pytest.raises(InputError) as caught:
        PagePlan.from_dict(data)
    assert message in caught.value.one_line()


@pytest.mark.parametrize("word", sorted(colours.WORDS))
@pytest.mark.parametrize("modifier", [None, "dark", "light"])
def test_every_colour_the_composer_paints_satisfies_its_own_word(word, modifier):
    spec = colours.from_word(word, modifier)
    assert colours.matches(spec, colours.rgb_of(spec.hex)), (spec, colours.describe(colours.rgb_of(spec.hex)))


def test_colour_matching_tells_colours_apart():
    blue, dark_green = colours.from_word("blue"), colours.from_word("green", "dark")
    assert colours.matches(blue, (30, 58, 138))  # Tailwind's blue-900, IXC-2.5's nav
    assert not colours.matches(blue, (185, 28, 28)) and not colours.matches(blue, (107, 114, 128))
    assert colours.matches(dark_green, (20, 83, 45))
    assert not colours.matches(dark_green, (134, 239, 172))  # a light green is not dark green
    hexed = colours.from_hex("#369")
    assert hexed.hex == "#336699" and colours.matches(hexed, (52, 103, 152))
    assert not colours.matches(hexed, (51, 102, 0))
    assert colours.parse_css_colour("rgba(1, 2, 3, 0.5)") == (1, 2, 3, 0.5)
    assert colours.contrast((255, 255, 255), (0, 0, 0)) == pytest.approx(21.0)
