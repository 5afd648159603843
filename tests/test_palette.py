"""The labels' one palette stays tellable apart for people with each kind of colour-blindness.

Each colour is passed through Machado, Oliveira and Fernandes' (2009) simulation of full protanopia, deuteranopia and
tritanopia (in linear RGB), and every pair of labels must stay at least ``MIN_DELTA_E`` apart in CIELAB (CIE76), where
about 2 is just noticeable and 10 is plainly different. Colour is never the only cue (chips and legends carry the
names), but a reader scanning a chart should not have to read them.
"""

from __future__ import annotations

import itertools
import math

import pytest

from coach.labels import LABEL_STYLES

MIN_DELTA_E = 10.0
SIMULATIONS = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.01182, 0.04294, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.3039)),
    "typical": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
}
Matrix = tuple[tuple[float, float, float], ...]


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _lab(red: float, green: float, blue: float) -> tuple[float, float, float]:
    """Linear sRGB to CIELAB (D65)."""
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen(colour: str, matrix: Matrix) -> tuple[float, float, float]:
    """How ``colour`` (#RRGGBB) looks under ``matrix``, in CIELAB."""
    rgb = [_linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]
    simulated = [min(1.0, max(0.0, sum(row[k] * rgb[k] for k in range(3)))) for row in matrix]
    return _lab(*simulated)


def test_the_simulation_sees_red_and_green_alike_without_red_cones() -> None:
    red, green = "#D00000", "#00A000"
    assert math.dist(seen(red, SIMULATIONS["typical"]), seen(green, SIMULATIONS["typical"])) > 100
    assert math.dist(seen(red, SIMULATIONS["protanopia"]), seen(green, SIMULATIONS["protanopia"])) < 40


@pytest.mark.parametrize("vision", sorted(SIMULATIONS))
def test_every_two_labels_stay_apart(vision: str) -> None:
    matrix = SIMULATIONS[vision]
    for first, second in itertools.combinations(LABEL_STYLES.values(), 2):
        difference = math.dist(seen(first.colour, matrix), seen(second.colour, matrix))
        assert difference >= MIN_DELTA_E, f"{first.name} and {second.name} under {vision}: delta E {difference:.1f}"
