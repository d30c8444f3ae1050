"""The figures of generalisation.md draw what their alt text says.

Each test quotes the alt text it checks. The expected polynomials come from NumPy's
least squares on a Vandermonde matrix of the scaled x (`np.polynomial`), not from
linreg; the sample and its split are taken from linreg (noisy_curve and the seeded
permutation the page shows), since they define what is drawn.
"""

import numpy as np
import pytest
import torch
from numpy.polynomial import polynomial as P

from linreg import noisy_curve
from linreg.plots import degree_costs, polynomial_fits
from tests.reference import default_figure

SEED = 15


def page_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The page's sample, and its training and validation rows (generalisation.md)."""
    x, y = noisy_curve(20, seed=SEED, dtype=torch.float64)
    order = torch.randperm(20, generator=torch.Generator().manual_seed(SEED)).numpy()
    return x.numpy().ravel(), y.numpy().ravel(), order[:10], order[10:15]


def polynomial(x: np.ndarray, y: np.ndarray, degree: int) -> np.ndarray:
    """Least-squares coefficients (constant first) in z = x / 5 - 1."""
    return P.polyfit(x / 5 - 1, y, degree)


def cost(coefficients: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((P.polyval(x / 5 - 1, coefficients) - y) ** 2))


def test_degree_costs_matches_its_alt_text() -> None:
    """generalisation.md: "Training and validation cost against the polynomial degree from
    1 to 9. The training cost falls from 1.096 at degree 1 to 0.000 at degree 9. The
    validation cost is 1.727 at degree 1, lowest at degree 3 with 0.739, and rises to
    33.134 at degree 9. A dotted line marks the noise variance, 0.25"."""
    (ax,) = default_figure("degree_costs").axes
    training, validation, noise = ax.get_lines()
    assert training.get_label() == "training (10 samples)"
    assert validation.get_label() == "validation (5 samples)"
    assert noise.get_label() == "noise variance 0.25" and noise.get_linestyle() == ":"
    assert list(noise.get_ydata()) == [0.25, 0.25]

    x, y, train, val = page_split()
    degrees = np.arange(1, 10)
    fits = [polynomial(x[train], y[train], degree) for degree in degrees]
    expected_training = [cost(c, x[train], y[train]) for c in fits]
    expected_validation = [cost(c, x[val], y[val]) for c in fits]
    np.testing.assert_array_equal(training.get_xdata(), degrees)
    np.testing.assert_array_equal(validation.get_xdata(), degrees)
    np.testing.assert_allclose(training.get_ydata(), expected_training, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(validation.get_ydata(), expected_validation, rtol=1e-6)

    train_costs, val_costs = np.asarray(training.get_ydata()), np.asarray(validation.get_ydata())
    assert (np.diff(train_costs) <= 1e-12).all(), "the training cost never rises"
    assert round(train_costs[0], 3) == 1.096 and round(train_costs[-1], 3) == 0.0
    assert train_costs[-1] < 1e-20, "degree 9 interpolates 10 samples"
    assert val_costs.argmin() == 2, "lowest at degree 3"
    assert [round(val_costs[i], 3) for i in (0, 2, 8)] == [1.727, 0.739, 33.134]
    assert (np.diff(val_costs[2:]) > 0).all(), "rises after degree 3"
    assert ax.get_yscale() == "symlog" and ax.get_ylim()[0] == 0, "0 has a place"


def test_polynomial_fits_matches_its_alt_text() -> None:
    """generalisation.md: "The 10 training samples and 5 validation samples with the
    polynomials of degree 1, 3 and 9 fitted to the training samples. The degree-1 line
    misses the wave; the degree-3 curve follows it; the degree-9 curve passes through
    every training sample and swings far outside the frame between them, where the
    validation samples lie"."""
    (ax,) = default_figure("polynomial_fits").axes
    points_train, points_val, *curves = ax.get_lines()
    x, y, train, val = page_split()
    for line, rows in ((points_train, train), (points_val, val)):
        np.testing.assert_array_equal(np.ravel(line.get_xdata()), x[rows])
        np.testing.assert_array_equal(np.ravel(line.get_ydata()), y[rows])
        assert line.get_linestyle() == "None"
    assert points_val.get_markerfacecolor() == "none", "hollow: told apart from training"
    assert [line.get_label() for line in curves] == ["degree 1", "degree 3", "degree 9"]

    bottom, top = ax.get_ylim()
    truth = 2 * np.sin(np.pi * x / 5)
    for line, degree in zip(curves, (1, 3, 9), strict=True):
        grid = np.ravel(line.get_xdata())
        assert grid[0] == 0 and grid[-1] == 10
        coefficients = polynomial(x[train], y[train], degree)
        np.testing.assert_allclose(
            np.ravel(line.get_ydata()), P.polyval(grid / 5 - 1, coefficients), rtol=1e-6, atol=1e-6
        )
        # How far the curve is from the wave at the 20 samples' x.
        off = np.sqrt(np.mean((P.polyval(x / 5 - 1, coefficients) - truth) ** 2))
        if degree == 1:
            assert off > 1, "misses the wave"
        if degree == 3:
            assert off < 0.5, "follows it"
    degree_9 = polynomial(x[train], y[train], 9)
    np.testing.assert_allclose(P.polyval(x[train] / 5 - 1, degree_9), y[train], atol=1e-9)
    # Outside the frame between two training samples, where validation samples lie.
    inside = np.sort(x[train])
    gaps = [
        (a, b)
        for a, b in zip(inside[:-1], inside[1:], strict=True)
        if ((x[val] > a) & (x[val] < b)).any()
    ]
    swings = [np.abs(P.polyval(np.linspace(a, b, 200) / 5 - 1, degree_9)).max() for a, b in gaps]
    assert max(swings) > max(abs(bottom), top)
    assert bottom == -top and top == pytest.approx(np.abs(y).max() + 1)


def test_the_figures_take_another_split() -> None:
    costs = degree_costs(max_degree=4, seed=0).axes[0].get_lines()[:2]
    assert [len(line.get_xdata()) for line in costs] == [4, 4]
    x, y = noisy_curve(20, seed=0, dtype=torch.float64)
    order = torch.randperm(20, generator=torch.Generator().manual_seed(0))
    train = order[:10].numpy()
    x, y = x.numpy().ravel(), y.numpy().ravel()
    fits = polynomial_fits(degrees=(2,), seed=0).axes[0].get_lines()
    np.testing.assert_array_equal(np.ravel(fits[0].get_xdata()), x[train])
    assert [line.get_label() for line in fits[2:]] == ["degree 2"]
    expected = [cost(polynomial(x[train], y[train], d), x[train], y[train]) for d in range(1, 5)]
    np.testing.assert_allclose(costs[0].get_ydata(), expected, rtol=1e-6, atol=1e-9)
