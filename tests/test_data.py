"""linreg.data: the data sets are what the pages say they are.

The expected values are the pages' tables typed out (tests/reference.py) or, for the
random data set, statistics worked out by hand for the distribution it draws from,
checked with NumPy's least squares rather than with the formula noisy_line uses.
"""

import math

import numpy as np
import pytest
import torch

from linreg import exam_scores, noisy_curve, noisy_line, quiz_scores, train_data
from tests.reference import EXAM_HOURS, EXAM_SCORES, QUIZ_X, QUIZ_Y, TRAIN_X, TRAIN_Y


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
    for load in (train_data, exam_scores, quiz_scores, noisy_line, noisy_curve):
        x, y = load()
        x.add_(100.0)
        y.zero_()
        again_x, again_y = load()
        assert not torch.equal(again_x, x) and not torch.equal(again_y, y)
        assert not again_x.requires_grad and not again_y.requires_grad


@pytest.mark.parametrize("draw", [noisy_line, noisy_curve])
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
        ({"n_samples": 0}, ValueError, "n_samples must be at least 1, got 0"),
        ({"n_samples": 2.5}, TypeError, "n_samples must be an int, got float"),
        ({"seed": "1"}, TypeError, "seed must be an int, got str"),
        ({"noise": -1.0}, ValueError, "noise must be >= 0, got -1.0"),
        ({"noise": float("nan")}, ValueError, "noise must be >= 0, got nan"),
    ],
)
def test_noisy_line_rejects_bad_arguments(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        noisy_line(**kwargs)


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
        ({"n_samples": 0}, ValueError, "noisy_curve: n_samples must be at least 1, got 0"),
        ({"n_samples": 2.5}, TypeError, "noisy_curve: n_samples must be an int, got float"),
        ({"n_samples": True}, TypeError, "noisy_curve: n_samples must be an int, got bool"),
        ({"seed": "1"}, TypeError, "noisy_curve: seed must be an int, got str"),
        ({"noise": -1.0}, ValueError, "noisy_curve: noise must be >= 0, got -1.0"),
        ({"noise": float("nan")}, ValueError, "noisy_curve: noise must be >= 0, got nan"),
        ({"dtype": torch.int64}, TypeError, "dtype must be a floating point torch.dtype"),
        ({"dtype": "float64"}, TypeError, "such as torch.float64, got 'float64'"),
    ],
)
def test_noisy_curve_rejects_bad_arguments(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        noisy_curve(**kwargs)
