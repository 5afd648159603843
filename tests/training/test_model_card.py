"""The model card says how the advice bias was chosen: with the floor on MRDA's advice precision, without any bias
reaching it, or before there was one."""

from __future__ import annotations

from training.calibrate import MIN_MRDA_ADVICE_PRECISION
from training.model_card import calibration_rule


def test_a_bias_chosen_with_the_floor_says_so() -> None:
    rule = calibration_rule({"min_mrda_advice_precision": MIN_MRDA_ADVICE_PRECISION})
    assert f"keep MRDA's dev advice precision at {MIN_MRDA_ADVICE_PRECISION} or more" in rule


def test_a_floor_no_bias_reached_is_not_claimed() -> None:
    rule = calibration_rule({"min_mrda_advice_precision": None})
    assert "no bias kept" in rule
    assert "or more" not in rule


def test_a_bias_chosen_before_the_floor_is_flagged() -> None:
    assert "chosen before" in calibration_rule({"chosen": {"advice_bias": -2.75}})
