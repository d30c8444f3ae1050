"""The optimizers page's figures draw what its text says, draw what they are given, and
refuse what they cannot draw.

Called with no arguments, `optimizer_paths` races SGD, momentum and Adam (lr = 0.01
each, 1000 epochs) on the chapter's data and `optimizer_costs` the three (SGD and
momentum lr = 1e-5, Adam lr = 0.1, 2000 epochs) on the raw quiz scores. The tests
compare them with the three update rules written again here in float64 NumPy, from
their definitions (PyTorch's documentation of torch.optim.SGD and torch.optim.Adam),
never from linreg.
"""

import math

import numpy as np
import pytest
import torch

from linreg import fit, quiz_scores, train_data
from linreg.plots import optimizer_costs, optimizer_paths
from tests.reference import (
    QUIZ_X,
    QUIZ_Y,
    TRAIN_X,
    TRAIN_Y,
    assert_contours_on_cost,
    contour_set,
    default_figure,
)

MOMENTUM, BETA1, BETA2, EPS = 0.9, 0.9, 0.999, 1e-8


def race(
    x: np.ndarray, y: np.ndarray, optimizer: str, lr: float, epochs: int
) -> tuple[np.ndarray, np.ndarray]:
    """`(params, costs)` of full-batch training from zero: params[k] is (w..., b) after k
    steps (k = 0 .. epochs), costs[k] the cost before step k + 1 (k = 0 .. epochs - 1)."""
    x = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
    design = np.column_stack([x, np.ones(len(x))])
    theta = np.zeros(design.shape[1])
    velocity, first, second = np.zeros_like(theta), np.zeros_like(theta), np.zeros_like(theta)
    params, costs = [theta], []
    for t in range(1, epochs + 1):
        error = design @ theta - np.asarray(y, dtype=np.float64)
        costs.append(np.mean(error**2))
        gradient = 2 / len(x) * design.T @ error
        if optimizer == "sgd":
            theta = theta - lr * gradient
        elif optimizer == "momentum":
            velocity = MOMENTUM * velocity + gradient
            theta = theta - lr * velocity
        else:  # Adam: running means of g and g², corrected for starting at zero
            first = BETA1 * first + (1 - BETA1) * gradient
            second = BETA2 * second + (1 - BETA2) * gradient**2
            corrected = first / (1 - BETA1**t), second / (1 - BETA2**t)
            theta = theta - lr * corrected[0] / (np.sqrt(corrected[1]) + EPS)
        params.append(theta)
    return np.array(params), np.array(costs)


def below(costs: np.ndarray, threshold: float) -> int | None:
    hits = np.flatnonzero(costs < threshold)
    return int(hits[0]) if len(hits) else None


def test_optimizer_paths_matches_its_alt_text() -> None:
    """optimizers.md: "Cost contours over W and b of the chapter's data, and the paths of
    SGD, momentum and Adam, all with lr = 0.01, from (0, 0) towards the minimum at
    (2, 0): SGD runs down the steep side to the valley floor and slides along it;
    momentum takes the same first step, overshoots the valley up to W = 2.743 and swings
    back and forth across it as it settles; Adam walks a diagonal, W and b by 0.01 each
    step, and ends at W = 1.718 after 1000 epochs, short of the minimum"."""
    (ax,) = default_figure("optimizer_paths").axes
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("W", "b")
    assert assert_contours_on_cost(contour_set(ax), TRAIN_X, TRAIN_Y, rel=1e-2, abs_=2e-3) >= 10
    sgd, momentum, adam, start, minimum = ax.get_lines()
    assert [line.get_label() for line in (sgd, momentum, adam)] == [
        "SGD, lr = 0.01",
        "momentum, lr = 0.01",
        "Adam, lr = 0.01",
    ]
    assert start.get_xydata().tolist() == [[0.0, 0.0]]
    np.testing.assert_allclose(minimum.get_xydata(), [[2.0, 0.0]], atol=1e-6)
    drawn = {}
    for line, name in zip((sgd, momentum, adam), ("sgd", "momentum", "adam"), strict=True):
        expected, _ = race(TRAIN_X, TRAIN_Y, name, lr=0.01, epochs=1000)
        np.testing.assert_allclose(line.get_xydata(), expected, atol=1e-4)
        drawn[name] = expected

    # SGD: no step takes W past the minimum's 2, and the steps shrink once on the floor.
    assert drawn["sgd"][:, 0].max() < 2.0
    # Momentum: the same first step as SGD, then past W = 2 and back, more than once.
    np.testing.assert_allclose(drawn["momentum"][1], drawn["sgd"][1])
    crossings = np.count_nonzero(np.diff(np.sign(drawn["momentum"][:, 0] - 2.0)))
    assert crossings >= 4
    # Adam: the first step is lr exactly in W and in b, and the next 49 are about lr in
    # both, though W's gradient is more than twice b's: a 45-degree diagonal.
    steps = np.abs(np.diff(drawn["adam"][:51], axis=0))
    np.testing.assert_allclose(steps[0], 0.01, rtol=1e-6)
    assert (steps > 0.008).all() and (steps <= 0.01 * (1 + 1e-6)).all()
    np.testing.assert_allclose(steps[:, 0], steps[:, 1], rtol=0.01)
    assert round(drawn["momentum"][:, 0].max(), 3) == 2.743
    assert round(drawn["adam"][-1, 0], 3) == 1.718
    assert np.hypot(*(drawn["adam"][-1] - [2.0, 0.0])) > 0.5, "still short of the minimum"
    assert np.hypot(*drawn["momentum"][-1] - [2.0, 0.0]) < 1e-3


def test_optimizer_costs_matches_its_alt_text() -> None:
    """optimizers.md: "Cost per epoch on a log scale for the raw quiz scores: SGD with
    lr = 1e-5 never gets below 0.5 in 2000 epochs, momentum with the same lr does at
    epoch 350, Adam with lr = 0.1 at epoch 777, and Adam ends lowest"."""
    (ax,) = default_figure("optimizer_costs").axes
    assert ax.get_yscale() == "log"
    *runs, threshold = ax.get_lines()
    assert threshold.get_label() == "threshold 0.5"
    np.testing.assert_array_equal(threshold.get_ydata(), [0.5, 0.5])
    labels = []
    ends = {}
    for line, (name, lr) in zip(
        runs, (("sgd", 1e-5), ("momentum", 1e-5), ("adam", 0.1)), strict=True
    ):
        _, costs = race(QUIZ_X, QUIZ_Y, name, lr=lr, epochs=2000)
        # float32 against float64 over 2000 steps on data this ill-conditioned
        np.testing.assert_allclose(line.get_ydata(), costs, rtol=2e-3)
        reached = below(costs, 0.5)
        labels.append(f"{name}: {'not yet' if reached is None else f'epoch {reached}'}")
        ends[name] = costs[-1]
    assert labels == ["sgd: not yet", "momentum: epoch 350", "adam: epoch 777"]
    assert [line.get_label() for line in runs] == [
        "SGD, lr = 1e-05: not yet",
        "momentum, lr = 1e-05: epoch 350",
        "Adam, lr = 0.1: epoch 777",
    ]
    assert ends["adam"] < ends["momentum"] < ends["sgd"]


def test_optimizer_paths_draws_the_runs_it_is_given() -> None:
    x, y = train_data()
    fits = {"a": fit(x, y, lr=0.1, epochs=20, record="epoch")}
    ax = optimizer_paths(x, y, fits).axes[0]
    path, start, minimum = ax.get_lines()
    assert path.get_label() == "a"
    np.testing.assert_array_equal(path.get_xydata(), fits["a"].path.numpy())
    expected, _ = race(TRAIN_X, TRAIN_Y, "sgd", lr=0.1, epochs=20)
    np.testing.assert_allclose(path.get_xydata(), expected, atol=1e-5)


def test_optimizer_costs_without_threshold_labels_by_name_only() -> None:
    x, y = train_data()
    ax = optimizer_costs({"run": fit(x, y, epochs=10)}).axes[0]
    (line,) = ax.get_lines()
    assert line.get_label() == "run" and len(line.get_ydata()) == 10


X, Y = train_data()


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: optimizer_paths(X, Y, {}), TypeError, "fits must be a non-empty mapping"),
        (lambda: optimizer_paths(X, Y, [1]), TypeError, "fits must be a non-empty mapping"),
        (lambda: optimizer_paths(X, Y, {"a": 1}), TypeError, "fits['a'] must be a Fit"),
        (lambda: optimizer_paths(X, Y, {"a": fit(X, Y, epochs=2)}), ValueError, "record="),
        (lambda: optimizer_paths(X, None), TypeError, "give both x and y"),
        (lambda: optimizer_costs({"a": fit(X, Y, epochs=2)}, threshold=0), ValueError, "threshold"),
        (
            lambda: optimizer_costs({"a": fit(X, Y, epochs=2)}, threshold=math.nan),
            ValueError,
            "threshold",
        ),
        (lambda: optimizer_costs({"a": torch.ones(2)}), TypeError, "must be a Fit"),
    ],
)
def test_bad_input_names_the_argument(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message.replace("[", r"\[").replace("(", r"\(")):
        call()


def test_optimizer_paths_refuses_a_fit_of_many_features() -> None:
    x, y = quiz_scores()
    with pytest.raises(ValueError, match="one-feature data"):
        optimizer_paths(X, Y, {"quiz": fit(x, y, lr=1e-5, epochs=2, record="epoch")})
