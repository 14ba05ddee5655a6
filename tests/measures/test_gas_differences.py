"""Where raters differ by two levels or more on a goal: worked examples, and the report key
`attainment_differences` over what the viewer may see."""

from dataclasses import replace

import pytest

from oogst.harvest.cut import visible_to
from oogst.measures import report
from oogst.measures.gas import level_differences
from oogst.measures.model import Rating
from oogst.policy import Party

from .build import contract, engagement, goal
from .example_engagement import example_engagement


def test_a_gap_of_two_is_a_difference():
    ratings = [Rating("G1", "client", 2), Rating("G1", "coach", 0)]
    assert level_differences(ratings) == [("G1", "client", 2, "coach", 0)]


def test_a_gap_of_one_is_not():
    ratings = [Rating("G1", "client", 1), Rating("G1", "coach", 0)]
    assert level_differences(ratings) == []


def test_the_gap_is_absolute_whichever_rater_is_higher():
    ratings = [Rating("G1", "client", -2), Rating("G1", "sponsor", 1)]
    assert level_differences(ratings) == [("G1", "client", -2, "sponsor", 1)]


def test_three_raters_give_every_pair_that_differs_in_party_order():
    # client -2, coach 0, sponsor 2: client-coach 2, client-sponsor 4, coach-sponsor 2.
    ratings = [Rating("G1", "sponsor", 2), Rating("G1", "coach", 0), Rating("G1", "client", -2)]
    assert level_differences(ratings) == [
        ("G1", "client", -2, "coach", 0),
        ("G1", "client", -2, "sponsor", 2),
        ("G1", "coach", 0, "sponsor", 2),
    ]


def test_goals_keep_the_order_they_first_appear_in():
    ratings = [
        Rating("G2", "client", 2),
        Rating("G1", "client", 2),
        Rating("G1", "coach", -1),
        Rating("G2", "coach", 0),
    ]
    assert [d[0] for d in level_differences(ratings)] == ["G2", "G1"]


def test_a_goal_rated_by_one_party_has_no_difference():
    assert level_differences([Rating("G1", "client", 2), Rating("G2", "coach", -2)]) == []


def test_min_gap_is_configurable():
    ratings = [Rating("G1", "client", 1), Rating("G1", "coach", 0)]
    assert level_differences(ratings, min_gap=1) == [("G1", "client", 1, "coach", 0)]
    assert level_differences([Rating("G1", "client", 2), Rating("G1", "coach", 0)], 3) == []


def test_nothing_rated_has_no_differences():
    assert level_differences([]) == []


def test_a_level_out_of_range_is_an_error():
    with pytest.raises(ValueError, match=r"-2\.\.2"):
        level_differences([Rating("G1", "client", 3), Rating("G1", "coach", 0)])


def test_a_goal_rated_twice_by_one_rater_is_an_error():
    with pytest.raises(ValueError, match="twice"):
        level_differences([Rating("G1", "client", 2), Rating("G1", "client", 0)])


# ---------------------------------------------------------------- the report key


def test_the_spec_example_has_no_difference_of_two():
    # Client 1/1/0, coach 1/0/0: the largest gap is one level.
    assert report.compute(example_engagement(), hidden=0)["attainment_differences"] == []


def with_ratings(*ratings: Rating, sponsor_may_see=("goals", "sessions_held")):
    base = example_engagement()
    assert base.contract is not None
    return replace(
        base,
        attainment=ratings,
        contract=replace(base.contract, sponsor_may_see=tuple(sponsor_may_see)),
    )


def test_the_report_lists_each_differing_goal_with_every_visible_rater():
    view = with_ratings(
        Rating("G1", "client", 2),
        Rating("G1", "coach", 1),
        Rating("G1", "sponsor", 0),
        Rating("G2", "client", 1),
        Rating("G2", "coach", 0),
    )
    assert report.compute(view, hidden=0)["attainment_differences"] == [
        {"goal": "G1", "raters": {"client": 2, "coach": 1, "sponsor": 0}}
    ]


def test_the_sponsor_without_attainment_sees_no_difference_it_may_not_see():
    snap = with_ratings(Rating("G1", "client", 2), Rating("G1", "coach", 0))
    view, hidden = visible_to(snap, Party.SPONSOR)
    assert report.compute(view, hidden=hidden)["attainment_differences"] == []


def test_the_sponsor_with_attainment_sees_the_difference():
    snap = with_ratings(
        Rating("G1", "client", 2),
        Rating("G1", "sponsor", -1),
        sponsor_may_see=("goals", "attainment"),
    )
    view, hidden = visible_to(snap, Party.SPONSOR)
    assert report.compute(view, hidden=hidden)["attainment_differences"] == [
        {"goal": "G1", "raters": {"client": 2, "sponsor": -1}}
    ]


def test_ratings_of_goals_not_in_the_view_are_left_out():
    view = engagement(
        contract=contract(),
        goals=(goal("G1"),),
        attainment=(
            Rating("G1", "client", 0),
            Rating("G9", "client", 2),
            Rating("G9", "coach", -2),
        ),
    )
    assert report.compute(view, hidden=0)["attainment_differences"] == []
