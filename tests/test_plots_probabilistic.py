"""The probabilistic-view figures draw what their alt text says.

Each test quotes the alt text it checks. The references are worked out apart from
linreg's code: the densities from their formulas, least squares and ridge regression
by NumPy in float64 (ridge from its centred normal equation, not from the stacked
least squares `closed_form` solves), and the line of least absolute error by its
optimality, not by the search over pairs of points the figure uses: the MAE is convex
in (W, b), so a point that no small step in any direction improves is a minimum.
"""

import math

import numpy as np
import pytest
import torch

from linreg import many_features, noisy_line
from linreg.plots.probabilistic import _least_absolute_line
from tests.reference import default_figure


def test_noise_densities_matches_its_alt_text() -> None:
    """probabilistic-view.md: "Two densities of variance 1 against the error from -5 to 5,
    on a log scale. The Gaussian is a parabola, highest at 0 and falling ever faster; the
    Laplace is a tent, with a sharper peak and straight sides that fall far more slowly,
    so large errors are much likelier under it"."""
    (ax,) = default_figure("noise_densities").axes
    assert ax.get_yscale() == "log"
    gaussian, laplace = ax.get_lines()
    errors = np.asarray(gaussian.get_xdata(), dtype=float)
    assert (errors[0], errors[-1]) == (-5, 5)
    np.testing.assert_array_equal(laplace.get_xdata(), errors)
    # Variance 1 each: N(0, 1), and a Laplace of scale s has variance 2 s², so s = 1/sqrt 2.
    # On the log scale (drawn in float32): -e²/2 - log sqrt(2 pi), a parabola, and
    # -|e|/s - log 2s, a tent, straight on each side of 0.
    log_gaussian = np.log(np.asarray(gaussian.get_ydata(), dtype=float))
    log_laplace = np.log(np.asarray(laplace.get_ydata(), dtype=float))
    np.testing.assert_allclose(
        log_gaussian, -(errors**2) / 2 - math.log(2 * math.pi) / 2, atol=1e-5
    )
    s = 1 / math.sqrt(2)
    np.testing.assert_allclose(log_laplace, -abs(errors) / s - math.log(2 * s), atol=1e-5)
    # The sharper peak: higher at 0 than the Gaussian.
    middle = abs(errors).argmin()
    assert laplace.get_ydata()[middle] > gaussian.get_ydata()[middle]
    # The tails: beyond about 2.2 the Laplace is the likelier, at 5 by over 100 times.
    far = abs(errors) > 2.5
    assert (laplace.get_ydata()[far] > gaussian.get_ydata()[far]).all()
    assert laplace.get_ydata()[-1] > 100 * gaussian.get_ydata()[-1]


def _mae(x: np.ndarray, y: np.ndarray, W: float, b: float) -> float:
    return float(np.mean(abs(y - (W * x + b))))


def test_outlier_fits_matches_its_alt_text() -> None:
    """probabilistic-view.md: "Points rising from left to right, and one lost reading
    recorded as 0 at the far right. The dashed least-squares line (W 1.43, b 3.21) is
    tilted down towards the lost reading and misses the points at both ends; the solid
    least-absolute-error line (W 1.95, b 1.17) runs through the other points"."""
    (ax,) = default_figure("outlier_fits").axes
    x, y = (t.double().numpy().ravel() for t in noisy_line(30, seed=1))
    lost = x.argmax()
    y[lost] = 0.0
    kept = np.arange(len(x)) != lost
    (points,) = ax.collections
    np.testing.assert_allclose(points.get_offsets(), np.column_stack([x[kept], y[kept]]), rtol=1e-6)
    outlier, squares, absolute = ax.get_lines()
    assert outlier.get_marker() == "X" and outlier.get_linestyle() == "None"
    assert (outlier.get_xdata()[0], outlier.get_ydata()[0]) == pytest.approx((x[lost], 0.0))
    assert (squares.get_linestyle(), absolute.get_linestyle()) == ("--", "-")

    def line(drawn) -> tuple[float, float]:
        (x0, x1), (y0, y1) = drawn.get_xdata(), drawn.get_ydata()
        W = (y1 - y0) / (x1 - x0)
        return W, y0 - W * x0

    (W_sq, b_sq), *_ = np.linalg.lstsq(np.column_stack([x, np.ones(len(x))]), y)
    assert line(squares) == pytest.approx((W_sq, b_sq), rel=1e-5)
    assert (round(W_sq, 2), round(b_sq, 2)) == (1.43, 3.21)
    # "Misses the points at both ends": above the three leftmost, below the three
    # rightmost of the points kept.
    order = np.argsort(x[kept])
    residuals = (y[kept] - (W_sq * x[kept] + b_sq))[order]
    assert (residuals[:3] < 0).all() and (residuals[-3:] > 0).all()

    W, b = line(absolute)
    assert (round(W, 2), round(b, 2)) == (1.95, 1.17)
    best = _mae(x, y, W, b)
    for step in (1e-4, 1e-2, 0.3):
        for angle in np.linspace(0, 2 * np.pi, 32, endpoint=False):
            moved = _mae(x, y, W + step * np.cos(angle), b + step * np.sin(angle))
            assert moved >= best - 1e-9
    # "Runs through the other points": it passes through two of them, and leaves as many
    # above as below.
    residuals = y[kept] - (W * x[kept] + b)
    assert (abs(residuals) < 1e-6).sum() == 2
    assert abs((residuals > 1e-6).sum() - (residuals < -1e-6).sum()) <= 2


def test_least_absolute_line_is_exact_on_a_line_and_skips_equal_x() -> None:
    x = np.array([1.0, 1.0, 2.0, 3.0, 4.0])
    y = 3 * x - 1
    y[1] = 40.0  # a second point at x = 1: the pair (0, 1) has no slope
    W, b = _least_absolute_line(torch.tensor(x), torch.tensor(y))
    assert (W, b) == pytest.approx((3.0, -1.0))


def _ridge(x: np.ndarray, y: np.ndarray, strength: float) -> tuple[np.ndarray, float]:
    """(X_c^T X_c + n λ / 2 I) W = X_c^T y_c, b = mean(y) - mean(x) W: the page's equation."""
    n, d = x.shape
    x_mean, y_mean = x.mean(axis=0), y.mean()
    centred = x - x_mean
    W = np.linalg.solve(
        centred.T @ centred + n * strength / 2 * np.eye(d), centred.T @ (y - y_mean)
    )
    return W, y_mean - x_mean @ W


def test_validation_curve_matches_its_alt_text() -> None:
    """probabilistic-view.md: "Training and validation cost against the weight decay λ on
    a log scale from 0.001 to 100. The dashed training cost rises from 0.19 to 5.12; the
    solid validation cost starts near 3.88, dips to 3.17 at λ = 0.464, marked by a dotted
    vertical line, and climbs to 6.58 at λ = 100"."""
    (ax,) = default_figure("validation_curve").axes
    assert ax.get_xscale() == "log"
    training, validation, best = ax.get_lines()
    assert (training.get_linestyle(), validation.get_linestyle()) == ("--", "-")
    assert best.get_linestyle() == ":"
    strengths = np.asarray(training.get_xdata())
    np.testing.assert_allclose(strengths, np.logspace(-3, 2, 31), rtol=1e-6)
    x, y = (t.double().numpy() for t in many_features(230, seed=0))
    y = y.ravel()
    expected = {"training": [], "validation": []}
    for strength in strengths:
        W, b = _ridge(x[:30], y[:30], strength)
        expected["training"].append(np.mean((x[:30] @ W + b - y[:30]) ** 2))
        expected["validation"].append(np.mean((x[30:] @ W + b - y[30:]) ** 2))
    np.testing.assert_allclose(training.get_ydata(), expected["training"], rtol=1e-4)
    np.testing.assert_allclose(validation.get_ydata(), expected["validation"], rtol=1e-4)
    train, valid = np.asarray(training.get_ydata()), np.asarray(validation.get_ydata())
    assert (np.diff(train) > 0).all(), "the training cost rises"
    assert (round(train[0], 2), round(train[-1], 2)) == (0.19, 5.12)
    lowest = valid.argmin()
    assert 0 < lowest < len(valid) - 1, "a dip, not an end"
    assert (np.diff(valid[: lowest + 1]) < 0).all() and (np.diff(valid[lowest:]) > 0).all()
    assert f"{strengths[lowest]:.3g}" == "0.464" and round(valid[lowest], 2) == 3.17
    assert round(valid[0], 2) in (3.87, 3.88) and round(valid[-1], 2) == 6.58
    assert best.get_xdata()[0] == pytest.approx(strengths[lowest])
    assert best.get_label() == "lowest validation cost, λ = 0.464"
