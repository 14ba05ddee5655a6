from decimal import Decimal

import pytest

from oogst.measures.gas import t_score, t_scores_by_rater
from oogst.measures.model import Rating

from .build import goal


def rounded(t: float | None) -> float:
    assert t is not None
    return round(t, 2)


def test_two_goals_above_expected_unweighted():
    # 50 + 10 * 2 / sqrt(0.7 * 3 + 0.3 * 9) = 50 + 20 / sqrt(4.8)
    assert rounded(t_score([1, 1, 0])) == 59.13


def test_weighted_example_is_exactly_55():
    # sum wx = 7; 0.7 * 91 + 0.3 * 441 = 196 = 14^2; 50 + 10 * 7 / 14 = 55
    assert t_score([-2, 0, -1, 2, 0, 1], [3, 5, 1, 4, 2, 6], 0.3) == 55.0


def test_weighted_example_with_decimal_inputs():
    weights = [Decimal(w) for w in (3, 5, 1, 4, 2, 6)]
    assert t_score([-2, 0, -1, 2, 0, 1], weights, Decimal("0.3")) == 55.0


def test_single_goal_at_plus_two_is_70():
    # One goal: the denominator is sqrt(w^2) whatever rho, so T = 50 + 10 * 2.
    assert t_score([2]) == 70.0
    assert t_score([2], rho=0.9) == 70.0


def test_all_at_expected_level_is_50():
    assert t_score([0, 0, 0, 0]) == 50.0


def test_rho_zero_is_plain_standardisation():
    # rho 0: 50 + 10 * 2 / sqrt(2) = 64.14
    assert rounded(t_score([1, 1], rho=0)) == 64.14


def test_no_levels_is_none():
    assert t_score([]) is None
    assert t_score([], []) is None


@pytest.mark.parametrize("level", [3, -3, True, 1.0])
def test_level_outside_scale_is_rejected(level):
    with pytest.raises(ValueError, match="level"):
        t_score([0, level])


@pytest.mark.parametrize("weight", [0, -1, Decimal("-0.5")])
def test_weight_not_positive_is_rejected(weight):
    with pytest.raises(ValueError, match="weights"):
        t_score([1, 1], [1, weight])


def test_weights_must_match_levels():
    with pytest.raises(ValueError, match="weights"):
        t_score([1, 1], [1])


@pytest.mark.parametrize("rho", [1, -0.1, Decimal("1.5")])
def test_rho_outside_range_is_rejected(rho):
    with pytest.raises(ValueError, match="rho"):
        t_score([1], rho=rho)


def test_by_rater_gives_all_three_parties_rounded():
    goals = [goal("G1"), goal("G2"), goal("G3")]
    ratings = [
        Rating("G1", "client", 1),
        Rating("G2", "client", 1),
        Rating("G3", "client", 0),
        Rating("G1", "coach", 1),
        Rating("G2", "coach", 0),
        Rating("G3", "coach", 0),
    ]
    assert t_scores_by_rater(goals, ratings, Decimal("0.3")) == {
        "client": 59.13,
        "coach": 54.56,
        "sponsor": None,
    }


def test_by_rater_uses_only_the_goals_that_rater_rated_with_their_weights():
    goals = [goal("G1", 3), goal("G2", 5), goal("G3", 1), goal("G4", 4), goal("G5", 2)]
    ratings = [
        Rating("G1", "sponsor", -2),
        Rating("G2", "sponsor", 0),
        Rating("G3", "sponsor", -1),
        Rating("G4", "sponsor", 2),
        Rating("G5", "sponsor", 0),
        Rating("G1", "client", 2),
    ]
    scores = t_scores_by_rater(goals, ratings, 0.3)
    # sponsor: sum wx = -6 - 1 + 8 = 1; 0.7 * 55 + 0.3 * 225 = 106; 50 + 10 / sqrt(106)
    assert scores["sponsor"] == 50.97
    # client rated one goal only: its weight cancels out.
    assert scores["client"] == 70.0
    assert scores["coach"] is None


def test_by_rater_ignores_ratings_of_goals_not_in_view():
    ratings = [Rating("G1", "client", 2), Rating("G9", "client", -2)]
    assert t_scores_by_rater([goal("G1")], ratings)["client"] == 70.0


def test_by_rater_rejects_a_goal_rated_twice_by_one_rater():
    ratings = [Rating("G1", "coach", 1), Rating("G1", "coach", 2)]
    with pytest.raises(ValueError, match="twice"):
        t_scores_by_rater([goal("G1")], ratings)


def test_by_rater_without_goals_is_all_none():
    assert t_scores_by_rater([], []) == {"client": None, "coach": None, "sponsor": None}
