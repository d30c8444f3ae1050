"""linreg.data: the data sets are what the pages say they are."""

import pytest
import torch

from linreg import exam_scores, noisy_line, quiz_scores, train_data


def test_train_data_is_y_equals_2x() -> None:
    x_train, y_train = train_data()
    assert x_train.shape == y_train.shape == (3, 1)
    assert x_train.dtype == y_train.dtype == torch.float32
    assert x_train.flatten().tolist() == [1.0, 2.0, 3.0]
    assert torch.equal(y_train, 2 * x_train)


def test_exam_scores() -> None:
    hours, scores = exam_scores()
    assert hours.shape == scores.shape == (4, 1)
    assert hours.dtype == scores.dtype == torch.float32
    assert hours.flatten().tolist() == [2.0, 3.0, 4.0, 5.0]
    assert scores.flatten().tolist() == [25.0, 50.0, 42.0, 61.0]


def test_quiz_scores_are_three_features_per_student() -> None:
    x_train, y_train = quiz_scores()
    assert x_train.shape == (5, 3) and y_train.shape == (5, 1)
    assert x_train.dtype == y_train.dtype == torch.float32
    assert x_train[3].tolist() == [96.0, 98.0, 100.0]
    assert y_train.flatten().tolist() == [152.0, 185.0, 180.0, 196.0, 142.0]


def test_each_call_returns_fresh_tensors() -> None:
    for load in (train_data, exam_scores, quiz_scores, noisy_line):
        x, y = load()
        x.add_(100.0)
        y.zero_()
        again_x, again_y = load()
        assert not torch.equal(again_x, x) and not torch.equal(again_y, y)
        assert not again_x.requires_grad and not again_y.requires_grad


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
