"""The advice bias ``training.calibrate`` keeps: the best mean advice F1 that leaves MRDA's advice precision at its
floor."""

from __future__ import annotations

from training.calibrate import MIN_MRDA_ADVICE_PRECISION, choose_bias


def row(bias: float, advice_f1: float, mrda_precision: float, mean: float = 0.8) -> dict[str, float]:
    return {"advice_bias": bias, "mean_advice_f1": advice_f1, "mrda_dev_advice_p": mrda_precision, "mean": mean}


def test_the_best_advice_f1_is_kept_only_where_mrda_precision_holds() -> None:
    table = [
        row(-3.0, 0.66, MIN_MRDA_ADVICE_PRECISION + 0.06),
        row(-2.25, 0.70, MIN_MRDA_ADVICE_PRECISION),
        row(-1.75, 0.71, MIN_MRDA_ADVICE_PRECISION - 0.04),
    ]
    assert choose_bias(table)["advice_bias"] == -2.25


def test_ties_go_to_the_better_macro_f1_then_the_smaller_bias() -> None:
    table = [row(-2.5, 0.70, 0.7, mean=0.80), row(-2.0, 0.70, 0.7, mean=0.81), row(-1.0, 0.70, 0.7, mean=0.81)]
    assert choose_bias(table)["advice_bias"] == -1.0


def test_without_any_bias_reaching_the_floor_the_best_advice_f1_is_kept() -> None:
    table = [row(-3.0, 0.60, 0.5), row(-2.0, 0.65, 0.45)]
    assert choose_bias(table)["advice_bias"] == -2.0
