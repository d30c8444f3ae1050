"""The data sets: shapes, dtypes, determinism, and clear errors for bad arguments."""

import pytest
import torch

from linreg import exam_scores, noisy_line, quiz_scores, train_data


@pytest.mark.parametrize(
    ("load", "shapes"),
    [
        (train_data, [(3, 1), (3, 1)]),
        (exam_scores, [(4, 1), (4, 1)]),
        (quiz_scores, [(5, 3), (5, 1)]),
    ],
)
def test_fixed_data_sets_are_float_tensors_of_samples_by_features(load, shapes) -> None:
    tensors = load()
    assert [tuple(t.shape) for t in tensors] == shapes
    assert all(t.dtype == torch.float32 for t in tensors)


def test_noisy_line_is_deterministic_per_seed_and_leaves_global_state_alone() -> None:
    torch.manual_seed(123)
    expected_next = torch.rand(1)
    torch.manual_seed(123)
    x1, y1 = noisy_line(50, seed=3)
    assert torch.rand(1).equal(expected_next)
    x2, y2 = noisy_line(50, seed=3)
    x3, _ = noisy_line(50, seed=4)
    assert x1.equal(x2) and y1.equal(y2)
    assert not x1.equal(x3)


def test_noisy_line_scatters_around_its_line() -> None:
    x, y = noisy_line(5000, weight=-3.0, bias=4.0, noise=0.5, seed=0)
    assert x.shape == y.shape == (5000, 1)
    assert 0 <= x.min() and x.max() < 10
    residual = y - (-3.0 * x + 4.0)
    assert abs(residual.std().item() - 0.5) < 0.02
    exact_x, exact_y = noisy_line(10, noise=0.0)
    assert torch.allclose(exact_y, 2 * exact_x + 1)


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
