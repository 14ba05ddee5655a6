from oogst.measures import agenda

from .build import attribution, engagement, goal, result

ATTRIBUTED = {"attribution": {"client": attribution("0.5", "0.5")}}


def kinds_and_refs(items):
    return [(i["kind"], i["ref"]) for i in items]


def test_empty_engagement_has_an_empty_agenda():
    assert agenda.build(engagement()) == []


def test_open_goals_in_engagement_order():
    view = engagement(
        goals=(goal("G2"), goal("G1"), goal("G3")),
        results=(result("R1", goals=("G1",), **ATTRIBUTED),),
    )
    assert kinds_and_refs(agenda.build(view)) == [
        ("open_goal", "G2"),
        ("open_goal", "G3"),
        ("explicable", "R1"),
    ]


def test_kinds_come_in_fixed_order_whatever_the_result_order():
    view = engagement(
        goals=(goal("G1"), goal("G2")),
        results=(
            result("R1", goals=("G1",)),  # explicable, linked, no attribution
            result(
                "R2",
                beneficiary="both",
                desirability={"client": "desired", "sponsor": "undesired"},
                **ATTRIBUTED,
            ),
            result("R3", beneficiary="organisation", evidence="observable", **ATTRIBUTED),
        ),
    )
    assert kinds_and_refs(agenda.build(view)) == [
        ("open_goal", "G2"),
        ("unexpected", "R2"),
        ("unexpected", "R3"),
        ("disagreement", "R2"),
        ("organisation", "R2"),
        ("organisation", "R3"),
        ("explicable", "R1"),
        ("attribution", "R1"),
    ]


def test_explicable_result_without_goal_is_not_an_explicable_item():
    view = engagement(results=(result("R1", expected=True, **ATTRIBUTED),))
    assert agenda.build(view) == []


def test_links_to_goals_not_in_view_neither_achieve_nor_make_explicable_items():
    view = engagement(goals=(), results=(result("R1", goals=("G1",), **ATTRIBUTED),))
    assert agenda.build(view) == []


def test_items_are_kind_ref_dicts():
    view = engagement(goals=(goal("G1"),))
    assert agenda.build(view) == [{"kind": "open_goal", "ref": "G1"}]
