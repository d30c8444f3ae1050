"""linreg.data: the data sets are what the pages say they are.

The expected values are the pages' tables typed out (tests/reference.py) or, for the
random data set, statistics worked out by hand for the distribution it draws from,
checked with NumPy's least squares rather than with the formula noisy_line uses. Galton's
heights are checked against his Table I, typed out cell by cell.
"""

import collections
import hashlib
import math
from importlib import resources

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader, random_split

from linreg import (
    GaltonHeights,
    exam_scores,
    galton_heights,
    many_features,
    noisy_curve,
    noisy_line,
    quiz_scores,
    train_data,
)
from tests.reference import (
    EXAM_HOURS,
    EXAM_SCORES,
    QUIZ_X,
    QUIZ_Y,
    TRAIN_X,
    TRAIN_Y,
    galton_rows,
)


def test_train_data_is_y_equals_2x() -> None:
    x_train, y_train = train_data()
    assert x_train.shape == y_train.shape == (3, 1)
    assert x_train.dtype == y_train.dtype == torch.float32
    assert x_train.flatten().tolist() == TRAIN_X.tolist() == [1.0, 2.0, 3.0]
    assert y_train.flatten().tolist() == TRAIN_Y.tolist() == [2.0, 4.0, 6.0]


def test_exam_scores() -> None:
    hours, scores = exam_scores()
    assert hours.shape == scores.shape == (4, 1)
    assert hours.dtype == scores.dtype == torch.float32
    assert hours.flatten().tolist() == EXAM_HOURS.tolist()
    assert scores.flatten().tolist() == EXAM_SCORES.tolist()


def test_quiz_scores_are_three_features_per_student() -> None:
    x_train, y_train = quiz_scores()
    assert x_train.shape == (5, 3) and y_train.shape == (5, 1)
    assert x_train.dtype == y_train.dtype == torch.float32
    assert x_train.tolist() == QUIZ_X.tolist()
    assert y_train.flatten().tolist() == QUIZ_Y.tolist()


def test_each_call_returns_fresh_tensors() -> None:
    loads = (train_data, exam_scores, quiz_scores, noisy_line, noisy_curve, many_features)
    for load in (*loads, galton_heights):
        x, y = load()
        x.add_(100.0)
        y.zero_()
        again_x, again_y = load()
        assert not torch.equal(again_x, x) and not torch.equal(again_y, y)
        assert not again_x.requires_grad and not again_y.requires_grad


@pytest.mark.parametrize("draw", [noisy_line, noisy_curve, many_features])
def test_random_data_is_deterministic_per_seed_and_leaves_global_state_alone(draw) -> None:
    torch.manual_seed(123)
    expected_next = torch.rand(1)
    torch.manual_seed(123)
    x1, y1 = draw(50, seed=3)
    assert torch.rand(1).equal(expected_next)
    x2, y2 = draw(50, seed=3)
    x3, _ = draw(50, seed=4)
    assert x1.equal(x2) and y1.equal(y2)
    assert not x1.equal(x3)


def test_noisy_line_scatters_around_its_line() -> None:
    n, noise = 5000, 0.5
    x, y = noisy_line(n, weight=-3.0, bias=4.0, noise=noise, seed=0)
    assert x.shape == y.shape == (n, 1) and x.dtype == y.dtype == torch.float32
    x, y = x.double().numpy().ravel(), y.double().numpy().ravel()
    # x uniform on [0, 10): mean 5 and variance 10² / 12, each to four standard errors:
    # sqrt(var / n) for the mean, sqrt((10⁴ / 80 - (100 / 12)²) / n) = 0.105 for the variance.
    assert 0 <= x.min() and x.max() < 10
    assert x.mean() == pytest.approx(5.0, abs=4 * np.sqrt(100 / 12 / n))
    assert x.var() == pytest.approx(100 / 12, abs=4 * np.sqrt((1e4 / 80 - (100 / 12) ** 2) / n))
    # Least squares recovers the line within four standard errors: sigma / sqrt(S_xx)
    # for the slope, S_xx = n * var(x), and sigma * sqrt(1/n + mean(x)² / S_xx) for the
    # intercept; the residuals' spread is sigma, to within 4 * sigma / sqrt(2n).
    (slope, intercept), (squared_residuals,), *_ = np.linalg.lstsq(
        np.column_stack([x, np.ones(n)]), y
    )
    s_xx = n * 100 / 12
    assert slope == pytest.approx(-3.0, abs=4 * noise / np.sqrt(s_xx))
    assert intercept == pytest.approx(4.0, abs=4 * noise * np.sqrt(1 / n + 25 / s_xx))
    assert np.sqrt(squared_residuals / n) == pytest.approx(noise, abs=4 * noise / np.sqrt(2 * n))
    # Gaussian: a fraction erf(1 / sqrt(2)) of them within one sigma of the line.
    within = np.mean(abs(y - (slope * x + intercept)) < noise)
    normal = math.erf(1 / math.sqrt(2))
    assert within == pytest.approx(normal, abs=4 * math.sqrt(normal * (1 - normal) / n))


def test_noisy_line_without_noise_is_the_line_itself() -> None:
    x, y = (t.double().numpy().ravel() for t in noisy_line(10, noise=0.0))
    slope, intercept = np.polyfit(x, y, deg=1)
    assert (slope, intercept) == pytest.approx((2.0, 1.0), abs=1e-5)  # float32 y


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_samples": 0}, ValueError, r"noisy_line: n_samples must be an int >= 1, got 0"),
        ({"n_samples": 2.5}, TypeError, r"n_samples must be an int >= 1, got float 2.5"),
        ({"seed": "1"}, TypeError, r"noisy_line: seed must be an int, got str '1'"),
        ({"noise": -1.0}, ValueError, r"noise must be a finite number >= 0, got -1.0"),
        ({"noise": float("nan")}, ValueError, r"noise must be a finite number >= 0, got nan"),
        ({"noise": float("inf")}, ValueError, r"noise must be a finite number >= 0, got inf"),
        ({"noise": "1"}, TypeError, r"noise must be a finite number >= 0, got str '1'"),
    ],
)
def test_noisy_line_rejects_bad_arguments(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        noisy_line(**kwargs)


# linreg/datasets/README.md states this checksum; a changed file must change both.
GALTON_SHA256 = "ca654626fce579f243ffcc7e2d77852c8b6caf0affd2db2ccf8f41cabe3bd796"


def test_galton_file_is_the_one_its_readme_describes() -> None:
    folder = resources.files("linreg").joinpath("datasets")
    data = folder.joinpath("galton.csv").read_bytes()
    assert hashlib.sha256(data).hexdigest() == GALTON_SHA256
    assert GALTON_SHA256 in folder.joinpath("README.md").read_text("utf-8")
    assert data.startswith(b"parent,child\n") and data.count(b"\n") == 929


def test_galton_heights_are_galtons_table() -> None:
    parent, child = galton_heights()
    assert parent.shape == child.shape == (928, 1)
    assert parent.dtype == child.dtype == torch.float32
    # Every (mid-parent, child) pair as often as in Galton's table, cell by cell.
    rows = zip(parent.flatten().tolist(), child.flatten().tolist(), strict=True)
    got = collections.Counter((round(p, 1), round(c, 1)) for p, c in rows)
    table_parent, table_child = galton_rows()
    table = zip(table_parent.round(1).tolist(), table_child.round(1).tolist(), strict=True)
    expected = collections.Counter(table)
    assert got == expected
    # The statistics the page quotes, from the typed-out table in float64.
    assert table_parent.mean() == pytest.approx(68.3082, abs=1e-4)
    assert table_child.mean() == pytest.approx(68.0885, abs=1e-4)
    assert parent.double().mean().item() == pytest.approx(table_parent.mean(), abs=1e-5)
    assert child.double().mean().item() == pytest.approx(table_child.mean(), abs=1e-5)
    # Regression to the mean: the least-squares slope is about 2/3 (Galton's own reading).
    slope, _ = np.polyfit(table_parent, table_child, deg=1)
    assert slope == pytest.approx(0.6463, abs=1e-4)


def test_galton_heights_come_in_the_files_order() -> None:
    # Sorted by the child's height: the page's reason for a random split.
    parent, child = galton_heights()
    assert (parent[0].item(), child[0].item()) == pytest.approx((70.5, 61.7))
    assert (parent[-1].item(), child[-1].item()) == pytest.approx((69.5, 73.7))
    assert (child.flatten().diff() >= 0).all()


def test_galton_dataset_serves_the_same_rows() -> None:
    dataset = GaltonHeights()
    parent, child = galton_heights()
    assert len(dataset) == 928
    assert torch.equal(dataset.parent, parent) and torch.equal(dataset.child, child)
    x, y = dataset[5]
    assert x.shape == y.shape == (1,)
    assert torch.equal(x, parent[5]) and torch.equal(y, child[5])
    assert torch.equal(dataset[-1][1], child[927])
    assert torch.equal(dataset[np.int64(3)][0], parent[3])  # any integer type
    assert len(list(dataset)) == 928  # IndexError ends the old iteration protocol
    assert repr(dataset) == "GaltonHeights(928 rows: parent, child in inches)"


def test_galton_dataset_splits_and_batches() -> None:
    dataset = GaltonHeights()
    generator = torch.Generator().manual_seed(0)
    train_set, val_set, test_set = random_split(dataset, [0.7, 0.15, 0.15], generator)
    assert (len(train_set), len(val_set), len(test_set)) == (650, 139, 139)
    every = sorted(train_set.indices + val_set.indices + test_set.indices)
    assert every == list(range(928))
    loader = DataLoader(train_set, batch_size=32, shuffle=True, generator=generator)
    batches = list(loader)
    assert [tuple(x.shape) for x, _ in batches] == [(32, 1)] * 20 + [(10, 1)]
    seen = torch.cat([y for _, y in batches]).flatten().sort().values
    assert torch.equal(seen, dataset.child[train_set.indices].flatten().sort().values)


@pytest.mark.parametrize(
    ("index", "error", "message"),
    [
        (928, IndexError, r"index must be in range\(928\) \(or -928 to -1\), got 928"),
        (-929, IndexError, r"index must be in range\(928\) \(or -928 to -1\), got -929"),
        (1.0, TypeError, "index must be an int, got float"),
        ("0", TypeError, "index must be an int, got str"),
        (True, TypeError, "index must be an int, got bool"),
        (slice(0, 2), TypeError, "index must be an int, got slice"),
    ],
)
def test_galton_dataset_rejects_bad_indices(index, error, message) -> None:
    with pytest.raises(error, match=f"^GaltonHeights: {message}$"):
        GaltonHeights()[index]


def test_many_features_shapes() -> None:
    x, y = many_features(40)
    assert x.shape == (40, 20) and y.shape == (40, 1)
    assert x.dtype == y.dtype == torch.float32
    assert many_features(7, features=3)[0].shape == (7, 3)


def _least_squares(x: torch.Tensor, y: torch.Tensor) -> tuple[np.ndarray, float, float]:
    """Weights, bias and the residuals' spread, by NumPy in float64."""
    x, y = x.double().numpy(), y.double().numpy().ravel()
    design = np.column_stack([x, np.ones(len(x))])
    theta, (squared_residuals,), *_ = np.linalg.lstsq(design, y)
    return theta[:-1], theta[-1], float(np.sqrt(squared_residuals / len(x)))


def test_many_features_draws_one_population_for_every_seed() -> None:
    """The docstring: standard normal features, bias 1, noise of the given spread, and
    the same true weights whatever the seed (so different seeds are fair validation
    sets for one another)."""
    n, noise = 20000, 0.5
    x0, y0 = many_features(n, noise=noise, seed=0)
    x1, y1 = many_features(n, noise=noise, seed=1)
    # Standard normal features: mean 0 and variance 1 per column, to 4 standard errors.
    assert abs(x0.double().mean(0)).max() < 4 / np.sqrt(n)
    assert abs(x0.double().var(0) - 1).max() < 4 * np.sqrt(2 / n)
    w0, b0, spread0 = _least_squares(x0, y0)
    w1, b1, spread1 = _least_squares(x1, y1)
    # Each estimate is within noise / sqrt(n) of the truth per weight (unit-variance,
    # nearly uncorrelated features): two seeds agree to 4 * sqrt(2) of that.
    tolerance = 4 * np.sqrt(2) * noise / np.sqrt(n)
    np.testing.assert_allclose(w0, w1, atol=tolerance)
    assert b0 == pytest.approx(1.0, abs=4 * noise / np.sqrt(n))
    assert b1 == pytest.approx(1.0, abs=4 * noise / np.sqrt(n))
    for spread in (spread0, spread1):
        assert spread == pytest.approx(noise, abs=4 * noise / np.sqrt(2 * n))
    # The weights are a draw from N(0, 0.5²): 20 of them, none beyond 4 sigma, spread
    # within the range a sample of 20 gives (chi-square, 20 degrees of freedom, 99.9%).
    assert abs(w0).max() < 4 * 0.5
    assert 8.26 / 20 < np.mean(w0**2) / 0.5**2 < 45.3 / 20


def test_many_features_without_noise_is_a_plane() -> None:
    x, y = many_features(50, noise=0.0, seed=2)
    weights, bias, spread = _least_squares(x, y)
    assert bias == pytest.approx(1.0, abs=1e-5) and spread < 1e-5  # float32 y
    again, _, _ = _least_squares(*many_features(50, noise=0.0, seed=5))
    np.testing.assert_allclose(weights, again, atol=1e-5)


def test_noisy_curve_in_float32_is_the_float64_sample_rounded() -> None:
    x32, y32 = noisy_curve(50, seed=7)
    x64, y64 = noisy_curve(50, seed=7, dtype=torch.float64)
    assert x32.dtype == y32.dtype == torch.float32 and x64.dtype == y64.dtype == torch.float64
    assert x32.equal(x64.float()) and y32.equal(y64.float())


def test_noisy_curve_scatters_around_its_sine() -> None:
    n, noise = 5000, 0.3
    x, y = noisy_curve(n, noise=noise, seed=0, dtype=torch.float64)
    assert x.shape == y.shape == (n, 1)
    x, y = x.numpy().ravel(), y.numpy().ravel()
    assert 0 <= x.min() and x.max() < 10
    assert x.mean() == pytest.approx(5.0, abs=4 * np.sqrt(100 / 12 / n))
    # Least squares on sin(pi x / 5) and a constant: amplitude 2, offset 0, each within
    # four standard errors; the residuals' spread is the noise.
    design = np.column_stack([np.sin(np.pi * x / 5), np.ones(n)])
    (amplitude, offset), (squared_residuals,), *_ = np.linalg.lstsq(design, y)
    assert amplitude == pytest.approx(2.0, abs=4 * noise / np.sqrt(n / 2))
    assert offset == pytest.approx(0.0, abs=4 * noise / np.sqrt(n))
    assert np.sqrt(squared_residuals / n) == pytest.approx(noise, abs=4 * noise / np.sqrt(2 * n))


def test_noisy_curve_without_noise_is_the_curve_itself() -> None:
    x, y = (t.numpy().ravel() for t in noisy_curve(10, noise=0.0, dtype=torch.float64))
    np.testing.assert_allclose(y, 2 * np.sin(np.pi * x / 5), rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_samples": 0}, ValueError, r"n_samples must be an int >= 1, got 0"),
        ({"n_samples": 2.5}, TypeError, r"n_samples must be an int >= 1, got float 2.5"),
        ({"features": 0}, ValueError, r"features must be an int >= 1, got 0"),
        ({"features": True}, TypeError, r"features must be an int >= 1, got bool True"),
        ({"seed": "1"}, TypeError, r"seed must be an int, got str '1'"),
        ({"noise": -1.0}, ValueError, r"noise must be a finite number >= 0, got -1.0"),
        ({"noise": float("nan")}, ValueError, r"noise must be a finite number >= 0, got nan"),
        ({"noise": float("inf")}, ValueError, r"noise must be a finite number >= 0, got inf"),
        ({"noise": "1"}, TypeError, r"noise must be a finite number >= 0, got str '1'"),
    ],
)
def test_many_features_rejects_bad_arguments(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        many_features(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_samples": 0}, ValueError, r"noisy_curve: n_samples must be an int >= 1, got 0"),
        ({"n_samples": 2.5}, TypeError, r"noisy_curve: n_samples must be an int >= 1, got float"),
        ({"n_samples": True}, TypeError, r"noisy_curve: n_samples must be an int >= 1, got bool"),
        ({"seed": "1"}, TypeError, r"noisy_curve: seed must be an int, got str '1'"),
        ({"seed": True}, TypeError, r"noisy_curve: seed must be an int, got bool True"),
        ({"noise": -1.0}, ValueError, r"noisy_curve: noise must be a finite number >= 0, got -1.0"),
        ({"noise": float("nan")}, ValueError, r"noise must be a finite number >= 0, got nan"),
        ({"noise": "1"}, TypeError, r"noise must be a finite number >= 0, got str '1'"),
        ({"dtype": torch.int64}, TypeError, "dtype must be a floating point torch.dtype"),
        ({"dtype": "float64"}, TypeError, "such as torch.float64, got 'float64'"),
    ],
)
def test_noisy_curve_rejects_bad_arguments(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        noisy_curve(**kwargs)
