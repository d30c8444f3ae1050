"""linreg.fit, closed_form and Fit, with PyTorch itself as the reference answer."""

import math
from collections.abc import Callable

import numpy as np
import pytest
import torch
from torch import optim

from linreg import DivergenceError, Fit, closed_form, exam_scores, fit, mse, train_data


def chapter_loop(
    x_train: torch.Tensor, y_train: torch.Tensor, lr: float, nb_epochs: int
) -> tuple[torch.Tensor, torch.Tensor, list[tuple[float, float, float]]]:
    """The chapter's loop verbatim (`x_train * W + b`, W of shape (1,)), logging every epoch."""
    torch.manual_seed(1)
    W = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = optim.SGD([W, b], lr=lr)
    log = []
    for _epoch in range(nb_epochs + 1):
        hypothesis = x_train * W + b
        cost = torch.mean((hypothesis - y_train) ** 2)
        log.append((W.item(), b.item(), cost.item()))
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
    return W.detach(), b.detach(), log


# fit computes x.matmul(W) + b; the chapter's loop computes x_train * W + b, whose
# gradient for W is summed by another kernel, so float32 may round the two differently.
# The tolerance was measured, not guessed: over the 6 row orders of train_data and 20
# runs with a random +-1 ulp error added to every gradient (stand-ins for other CPUs'
# summation orders), both forms, under ATEN_CPU_CAPABILITY=default/avx2 and
# MKL_CBWR=COMPATIBLE/AVX2, the largest deviation from fit's run at any epoch used 0.13
# of it (cost 2.9e-6, b 4.2e-7, W 2.4e-7 at most).
CHAPTER_LOOP_TOLERANCE = {"rtol": 1e-5, "atol": 1e-6}


def test_fit_follows_the_chapter_loop_to_float32_rounding() -> None:
    x_train, y_train = train_data()
    W, b, log = chapter_loop(x_train, y_train, lr=0.01, nb_epochs=1999)
    expected = torch.tensor(log, dtype=torch.float64)
    # fit(epochs=k) stops where the chapter loop was after k epochs.
    for epochs in (1, 2, 100):
        partial = fit(x_train, y_train, lr=0.01, epochs=epochs, seed=1)
        got = torch.tensor([partial.weight.item(), partial.bias.item()], dtype=torch.float64)
        torch.testing.assert_close(got, expected[epochs, :2], **CHAPTER_LOOP_TOLERANCE)
    model = fit(x_train, y_train, lr=0.01, epochs=2000, seed=1)
    history = torch.tensor(model.history, dtype=torch.float64)
    torch.testing.assert_close(history, expected[:, 2], **CHAPTER_LOOP_TOLERANCE)
    torch.testing.assert_close(model.weight, W.reshape(1, 1), **CHAPTER_LOOP_TOLERANCE)
    torch.testing.assert_close(model.bias, b, **CHAPTER_LOOP_TOLERANCE)


def test_first_step_is_the_hand_computed_one() -> None:
    """From W = b = 0 on x = 1, 2, 3 and y = 2x, by hand: the cost is (4 + 16 + 36) / 3,
    dcost/dW = (2/3)(-2 - 8 - 18) = -56/3 and dcost/db = (2/3)(-2 - 4 - 6) = -8."""
    x_train, y_train = train_data()
    model = fit(x_train, y_train, lr=0.01, epochs=1)
    assert model.history == [pytest.approx(56 / 3, rel=1e-7)]
    assert model.weight.item() == pytest.approx(0.01 * 56 / 3, rel=1e-6)
    assert model.bias.item() == pytest.approx(0.08, rel=1e-6)


def test_fit_matches_the_matmul_loop_with_three_features() -> None:
    """The multivariable loop, `x_train.matmul(W) + b`, on the notes' three quiz scores.

    fit runs these operations in this order, so the floats agree bit for bit on any
    machine, even though this ill-conditioned run's last digits differ between CPUs.
    """
    x_train = torch.tensor(
        [[73.0, 80, 75], [93, 88, 93], [89, 91, 90], [96, 98, 100], [73, 66, 70]]
    )
    y_train = torch.tensor([[152.0], [185], [180], [196], [142]])
    W = torch.zeros((3, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = optim.SGD([W, b], lr=1e-5)
    costs = []
    for _epoch in range(1000):
        cost = torch.mean((x_train.matmul(W) + b - y_train) ** 2)
        costs.append(cost.item())
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
    model = fit(x_train, y_train, lr=1e-5, epochs=1000)
    assert model.history == costs
    assert torch.equal(model.weight, W.detach()) and torch.equal(model.bias, b.detach())


def test_fit_returns_detached_tensors_of_the_documented_shapes() -> None:
    x = torch.randn(10, 3, generator=torch.Generator().manual_seed(0))
    y = x @ torch.tensor([[1.0], [-2.0], [0.5]]) + 3.0
    model = fit(x, y, lr=0.1, epochs=500)
    assert model.weight.shape == (3, 1) and model.bias.shape == (1,)
    assert not model.weight.requires_grad and not model.bias.requires_grad
    assert model.weight.dtype == model.bias.dtype == torch.float32
    assert len(model.history) == 500 and all(isinstance(c, float) for c in model.history)
    torch.testing.assert_close(
        model.weight, torch.tensor([[1.0], [-2.0], [0.5]]), atol=1e-4, rtol=0
    )
    torch.testing.assert_close(model.bias, torch.tensor([3.0]), atol=1e-4, rtol=0)


def test_fit_works_under_no_grad_and_leaves_inputs_alone() -> None:
    x_train, y_train = train_data()
    x = x_train.clone().requires_grad_()
    with torch.no_grad():
        model = fit(x, y_train, epochs=50)
    assert x.grad is None
    assert torch.equal(model.weight, fit(x_train, y_train, epochs=50).weight)


def test_seed_sets_the_global_generator() -> None:
    x_train, y_train = train_data()
    fit(x_train, y_train, epochs=1, seed=7)
    after_fit = torch.rand(1)
    torch.manual_seed(7)
    assert torch.equal(after_fit, torch.rand(1))


def test_fit_approaches_closed_form_on_noisy_data() -> None:
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(40, 2, generator=generator)
    y = x @ torch.tensor([[1.5], [-0.5]]) + 2.0 + 0.3 * torch.randn(40, 1, generator=generator)
    descent = fit(x, y, lr=0.1, epochs=300)
    exact = closed_form(x, y)
    torch.testing.assert_close(descent.weight, exact.weight, atol=1e-4, rtol=0)
    torch.testing.assert_close(descent.bias, exact.bias, atol=1e-4, rtol=0)
    assert descent.history[-1] == pytest.approx(mse(exact.predict(x), y).item(), rel=1e-4)


def test_closed_form_matches_an_independent_solve() -> None:
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(50, 4, generator=generator, dtype=torch.float64)
    y = torch.randn(50, 1, generator=generator, dtype=torch.float64)
    model = closed_form(x, y)
    # Reference: centre the data, solve the normal equations of the centred problem.
    xc, yc = x - x.mean(0), y - y.mean(0)
    weight = torch.linalg.solve(xc.T @ xc, xc.T @ yc)
    bias = y.mean(0) - x.mean(0) @ weight
    torch.testing.assert_close(model.weight, weight)
    torch.testing.assert_close(model.bias, bias)
    assert model.history == []


def test_closed_form_is_exact_on_the_train_data_and_keeps_float32() -> None:
    x_train, y_train = train_data()
    model = closed_form(x_train, y_train)
    assert model.weight.dtype == model.bias.dtype == torch.float32
    assert model.weight.shape == (1, 1) and model.bias.shape == (1,)
    torch.testing.assert_close(model.weight, torch.tensor([[2.0]]))
    torch.testing.assert_close(model.bias, torch.tensor([0.0]), atol=1e-6, rtol=0)


def test_closed_form_on_dependent_columns_returns_the_minimum_norm_answer() -> None:
    x = torch.tensor([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])  # two copies of one feature
    y = torch.tensor([[2.0], [4.0], [6.0]])
    model = closed_form(x, y)
    torch.testing.assert_close(model.weight, torch.tensor([[1.0], [1.0]]))
    torch.testing.assert_close(model.predict(x), y)


def test_predict_is_x_at_weight_plus_bias() -> None:
    model = Fit(torch.tensor([[2.0], [3.0]]), torch.tensor([1.0]))
    y_hat = model.predict(torch.tensor([[1.0, 1.0], [0.0, 2.0]]))
    assert torch.equal(y_hat, torch.tensor([[6.0], [7.0]]))


def test_repr_rounds_to_four_digits_and_the_cost_to_three() -> None:
    # exam_scores in closed form: hours 2..5 have mean 3.5, scores mean 44.5, and
    # sum (x - 3.5)(y - 44.5) / sum (x - 3.5)^2 = 50 / 5 = 10, so W = 10, b = 44.5 - 35.
    assert repr(closed_form(*exam_scores())) == "Fit(weight=[[10]], bias=[9.5], closed form)"
    assert repr(Fit(torch.tensor([[2.0], [-0.5]]), torch.tensor([1.0]))) == (
        "Fit(weight=[[2], [-0.5]], bias=[1], closed form)"
    )
    model = Fit(torch.tensor([[1.23456]]), torch.tensor([-0.000987654]), [18.0, 5.16258e-06])
    assert repr(model) == (
        "Fit(weight=[[1.235]], bias=[-0.0009877], epochs=2, final_cost=5.16e-06)"
    )


def test_fit_is_frozen() -> None:
    model = Fit(torch.tensor([[2.0]]), torch.tensor([0.0]))
    with pytest.raises(AttributeError):
        model.weight = torch.tensor([[3.0]])  # type: ignore[misc]


# --- bad input: every message names the argument, what was expected and what was given


def test_divergence_raises_naming_the_epoch_and_a_smaller_lr() -> None:
    x_train, y_train = train_data()
    with pytest.raises(
        DivergenceError, match=r"diverged with lr=10:\nthe cost became inf at epoch \d+ "
    ):
        fit(x_train, y_train, lr=10.0)
    with pytest.raises(ValueError, match=r"try a smaller lr, e\.g\. lr=1\b"):
        fit(x_train, y_train, lr=10.0)


def test_divergence_in_the_last_step_is_caught() -> None:
    x = torch.tensor([[1e20]])
    y = torch.tensor([[1e19]])
    # The first cost, 1e38, is still a float32; its gradient, 2 * 1e19 * 1e20, is not.
    with pytest.raises(DivergenceError, match=r"W or b stopped being finite .* \(epoch 0\)"):
        fit(x, y, lr=0.1, epochs=1)


def reference_loop(
    x: torch.Tensor,
    y: torch.Tensor,
    make_optimizer: Callable[[list[dict[str, object]]], optim.Optimizer],
    epochs: int,
    batches: Callable[[], list[torch.Tensor]],
) -> tuple[torch.Tensor, list[torch.Tensor]]:
    """A loop written from PyTorch's documentation alone: W, b at zero, the optimizer
    built by the caller from W's and b's parameter groups, the rows of each step given
    by `batches()`; returns [W; b] and the parameters after every step."""
    W = torch.zeros(x.shape[1], 1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = make_optimizer([{"params": [W]}, {"params": [b], "weight_decay": 0.0}])
    steps = []
    for _ in range(epochs):
        for rows in batches():
            cost = torch.mean((x[rows] @ W + b - y[rows]) ** 2)
            optimizer.zero_grad()
            cost.backward()
            optimizer.step()
            steps.append(torch.cat([W.detach().flatten(), b.detach()]))
    return torch.cat([W.detach().flatten(), b.detach()]), steps


def noisy_plane(samples: int = 40) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(samples, 2, generator=generator)
    y = x @ torch.tensor([[1.5], [-0.5]]) + 2.0 + 0.3 * torch.randn(samples, 1, generator=generator)
    return x, y


EVERY_ROW = list(range(40))


@pytest.mark.parametrize(
    ("name", "make_optimizer"),
    [
        ("sgd", lambda groups: optim.SGD(groups, lr=0.05)),
        ("momentum", lambda groups: optim.SGD(groups, lr=0.05, momentum=0.9)),
        ("adam", lambda groups: optim.Adam(groups, lr=0.05)),
    ],
)
def test_each_optimizer_takes_pytorchs_steps(
    name: str, make_optimizer: Callable[[list[dict[str, object]]], optim.Optimizer]
) -> None:
    x, y = noisy_plane()
    model = fit(x, y, lr=0.05, epochs=30, optimizer=name, record="step")
    expected, steps = reference_loop(x, y, make_optimizer, 30, lambda: [EVERY_ROW])
    assert model.path is not None
    torch.testing.assert_close(model.path[1:], torch.stack(steps), rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(model.path[-1], expected, rtol=1e-5, atol=1e-6)


def test_the_optimizers_take_different_paths() -> None:
    x, y = noisy_plane()
    ends = [
        fit(x, y, lr=0.05, epochs=5, optimizer=name).weight for name in ("sgd", "momentum", "adam")
    ]
    assert not torch.allclose(ends[0], ends[1]) and not torch.allclose(ends[0], ends[2])


def test_mini_batches_follow_a_generator_seeded_with_seed() -> None:
    x, y = noisy_plane()
    generator = torch.Generator().manual_seed(3)
    expected, steps = reference_loop(
        x, y, lambda groups: optim.SGD(groups, lr=0.05), 4,
        lambda: list(torch.randperm(40, generator=generator).split(16)),
    )  # fmt: skip
    model = fit(x, y, lr=0.05, epochs=4, batch_size=16, seed=3, record="step")
    assert model.path is not None and len(model.path) == 1 + 4 * 3  # 16 + 16 + 8 rows
    torch.testing.assert_close(model.path[1:], torch.stack(steps), rtol=1e-5, atol=1e-6)
    again = fit(x, y, lr=0.05, epochs=4, batch_size=16, seed=3)
    assert torch.equal(again.weight, model.weight)
    other = fit(x, y, lr=0.05, epochs=4, batch_size=16, seed=4)
    assert not torch.equal(other.weight, model.weight)
    unseeded = fit(x, y, lr=0.05, epochs=4, batch_size=16)
    assert torch.equal(unseeded.weight, fit(x, y, lr=0.05, epochs=4, batch_size=16, seed=0).weight)


def test_mini_batch_history_is_the_cost_on_all_samples_before_each_epoch() -> None:
    x, y = noisy_plane()
    model = fit(x, y, lr=0.05, epochs=3, batch_size=10, record="epoch")
    assert model.path is not None and len(model.history) == 3 and len(model.path) == 4
    for cost, point in zip(model.history, model.path, strict=False):
        W, b = point[:2].reshape(2, 1), point[2:]
        assert cost == pytest.approx(torch.mean((x @ W + b - y) ** 2).item(), rel=1e-6)


def test_record_epoch_keeps_the_start_and_every_epoch() -> None:
    x_train, y_train = train_data()
    model = fit(x_train, y_train, epochs=5, record="epoch")
    assert model.path is not None and model.path.shape == (6, 2)
    assert model.path[0].tolist() == [0.0, 0.0]
    assert model.path[-1].tolist() == [model.weight.item(), model.bias.item()]
    assert fit(x_train, y_train, epochs=5).path is None


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_weight_decay_descends_to_the_ridge_solution(optimizer: str) -> None:
    x, y = noisy_plane()
    ridge = closed_form(x, y, weight_decay=0.5)
    lr = 0.01 if optimizer == "adam" else 0.05
    descent = fit(x, y, lr=lr, epochs=3000, optimizer=optimizer, weight_decay=0.5)
    torch.testing.assert_close(descent.weight, ridge.weight, atol=1e-4, rtol=0)
    torch.testing.assert_close(descent.bias, ridge.bias, atol=1e-4, rtol=0)
    # The penalty shrinks W and leaves b to absorb the mean: it is not the plain solution.
    assert ridge.weight.norm() < closed_form(x, y).weight.norm() - 0.1


def test_ridge_closed_form_solves_its_normal_equation() -> None:
    """(XᵀX + (nλ/2) I) W = Xᵀ(y - b), with b from the unpenalised column of ones."""
    x, y = noisy_plane()
    x, y = x.double(), y.double()
    lam, n = 0.5, len(x)
    ones = torch.ones(n, 1, dtype=torch.float64)
    design = torch.cat([x, ones], dim=1)
    penalty = torch.diag(torch.tensor([n * lam / 2, n * lam / 2, 0.0], dtype=torch.float64))
    expected = torch.linalg.solve(design.T @ design + penalty, design.T @ y)
    model = closed_form(x, y, weight_decay=lam)
    torch.testing.assert_close(model.weight, expected[:2], rtol=1e-10, atol=1e-12)
    torch.testing.assert_close(model.bias, expected[2], rtol=1e-10, atol=1e-12)
    assert closed_form(x, y, weight_decay=0.0).weight.tolist() == closed_form(x, y).weight.tolist()


def test_divergence_keeps_the_history_until_then() -> None:
    x_train, y_train = train_data()
    with pytest.raises(DivergenceError) as caught:
        fit(x_train, y_train, lr=0.2, epochs=1000)
    history = caught.value.history
    assert 1 < len(history) < 1000 and not math.isfinite(history[-1])
    assert all(math.isfinite(cost) for cost in history[:-1]) and history[-2] > history[0]


ONES = torch.ones(3, 1)
BAD_DATA = {
    "list": (
        [[1.0]],
        ONES,
        TypeError,
        r"x must be a torch\.Tensor, got list; .*torch\.as_tensor\(x",
    ),
    "ndarray": (
        np.ones((3, 1)),
        ONES,
        TypeError,
        r"x must be a torch\.Tensor, got ndarray; .*torch\.as_tensor\(x, dtype=torch\.float32\)",
    ),
    "number": (ONES, 3.0, TypeError, r"y must be a torch\.Tensor, got float"),
    "int64": (
        torch.ones(3, 1, dtype=torch.int64),
        ONES,
        TypeError,
        r"x must be a floating point tensor, got dtype torch\.int64; .*x\.float\(\)",
    ),
    "bool": (
        ONES,
        torch.ones(3, 1, dtype=torch.bool),
        TypeError,
        r"y must be a floating point tensor, got dtype torch\.bool; .*y\.float\(\)",
    ),
    "x-1d": (
        torch.ones(3),
        ONES,
        ValueError,
        r"x must be 2-D \(samples, features\), got 1-D shape \(3,\);\n"
        r"make each value a row with x\.reshape\(-1, 1\) or x\.unsqueeze\(1\)",
    ),
    "y-1d": (
        ONES,
        torch.ones(3),
        ValueError,
        r"y must be 2-D \(samples, 1\), got 1-D shape \(3,\);\n.*y\.reshape\(-1, 1\)",
    ),
    "x-3d": (torch.ones(3, 1, 1), ONES, ValueError, r"x must be 2-D .*got 3-D shape \(3, 1, 1\)"),
    "empty": (torch.ones(0, 1), torch.ones(0, 1), ValueError, r"x must not be empty, got shape"),
    "rows": (
        ONES,
        torch.ones(4, 1),
        ValueError,
        r"x and y must have the same number of rows \(samples\), got x \(3, 1\) and y \(4, 1\)",
    ),
    "y-columns": (
        ONES,
        torch.ones(3, 2),
        ValueError,
        r"y must have one column \(one target per sample\), got shape \(3, 2\)",
    ),
    "nan": (
        torch.tensor([[1.0], [math.nan], [3.0]]),
        ONES,
        ValueError,
        r"x must hold only finite numbers, got nan at index \(1, 0\)",
    ),
    "inf": (
        ONES,
        torch.tensor([[math.inf], [1.0], [2.0]]),
        ValueError,
        r"y must hold only finite numbers, got inf at index \(0, 0\)",
    ),
    "dtypes": (
        ONES,
        torch.ones(3, 1, dtype=torch.float64),
        TypeError,
        r"x and y must have the same dtype, got x torch\.float32 and y torch\.float64",
    ),
}


@pytest.mark.parametrize("function", [fit, closed_form])
@pytest.mark.parametrize(("x", "y", "error", "message"), BAD_DATA.values(), ids=BAD_DATA.keys())
def test_bad_data_is_refused(
    function: Callable[..., Fit], x: object, y: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=f"^{function.__name__}: {message}"):
        function(x, y)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"lr": 0.0}, ValueError, r"lr must be a positive finite number, got 0\.0"),
        ({"lr": -0.1}, ValueError, r"lr must be a positive finite number, got -0\.1"),
        ({"lr": math.inf}, ValueError, r"lr must be a positive finite number, got inf"),
        ({"lr": math.nan}, ValueError, r"lr must be a positive finite number, got nan"),
        ({"lr": True}, TypeError, r"lr must be a positive finite number, got bool True"),
        ({"lr": "0.1"}, TypeError, r"lr must be a positive finite number, got str '0\.1'"),
        ({"epochs": 0}, ValueError, r"epochs must be an int >= 1, got 0"),
        ({"epochs": 10.0}, TypeError, r"epochs must be an int >= 1, got float 10\.0"),
        ({"epochs": True}, TypeError, r"epochs must be an int >= 1, got bool True"),
        ({"seed": 1.5}, TypeError, r"seed must be an int or None, got float 1\.5"),
        ({"seed": False}, TypeError, r"seed must be an int or None, got bool False"),
        (
            {"optimizer": "SGD"},
            ValueError,
            r"optimizer must be one of 'sgd', 'momentum', 'adam', got 'SGD'",
        ),
        ({"optimizer": None}, ValueError, r"optimizer must be one of .*, got None"),
        (
            {"optimizer": torch.optim.SGD},
            TypeError,
            r"optimizer must be one of 'sgd', 'momentum', 'adam', got type <class",
        ),
        (
            {"weight_decay": -0.1},
            ValueError,
            r"weight_decay must be a finite number >= 0, got -0\.1",
        ),
        (
            {"weight_decay": math.nan},
            ValueError,
            r"weight_decay must be a finite number >= 0, got nan",
        ),
        (
            {"weight_decay": "1"},
            TypeError,
            r"weight_decay must be a finite number >= 0, got str '1'",
        ),
        ({"batch_size": 0}, ValueError, r"batch_size must be an int >= 1 or None, got 0"),
        ({"batch_size": 2.0}, TypeError, r"batch_size must be an int >= 1 or None, got float 2\.0"),
        ({"batch_size": True}, TypeError, r"batch_size must be an int >= 1 or None, got bool True"),
        (
            {"record": "epochs"},
            ValueError,
            r"record must be one of None, 'epoch', 'step', got 'epochs'",
        ),
        (
            {"record": True},
            TypeError,
            r"record must be one of None, 'epoch', 'step', got bool True",
        ),
    ],
)
def test_bad_settings_are_refused(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    x_train, y_train = train_data()
    with pytest.raises(error, match=f"^fit: {message}"):
        fit(x_train, y_train, **kwargs)


@pytest.mark.parametrize(
    ("weight_decay", "error", "message"),
    [
        (-1.0, ValueError, r"weight_decay must be a finite number >= 0, got -1\.0"),
        (math.inf, ValueError, r"weight_decay must be a finite number >= 0, got inf"),
        (None, TypeError, r"weight_decay must be a finite number >= 0, got NoneType None"),
    ],
)
def test_closed_form_refuses_a_bad_weight_decay(
    weight_decay: object, error: type[Exception], message: str
) -> None:
    hours, scores = exam_scores()
    with pytest.raises(error, match=f"^closed_form: {message}"):
        closed_form(hours, scores, weight_decay=weight_decay)


def test_numpy_numbers_are_accepted_as_settings() -> None:
    x_train, y_train = train_data()
    model = fit(x_train, y_train, lr=np.float64(0.01), epochs=np.int64(3), seed=np.int64(1))
    assert len(model.history) == 3


BAD_PREDICT_X = {
    "list": ([[1.0]], TypeError, r"x must be a torch\.Tensor, got list"),
    "int64": (torch.tensor([[1]]), TypeError, r"x must be a floating point tensor, got dtype"),
    "1d": (
        torch.ones(3),
        ValueError,
        r"x must be 2-D \(samples, features\), got 1-D shape \(3,\);\n.*x\.unsqueeze\(1\)",
    ),
    "empty": (torch.ones(0, 1), ValueError, r"x must not be empty"),
    "nan": (torch.tensor([[math.nan]]), ValueError, r"x must hold only finite numbers, got nan"),
    "features": (
        torch.ones(3, 2),
        ValueError,
        r"x must have 1 feature column\(s\), like the data this Fit was trained on, "
        r"got shape \(3, 2\)",
    ),
    "dtype": (
        torch.ones(3, 1, dtype=torch.float64),
        TypeError,
        r"weight and x must have the same dtype, got weight torch\.float32 and x torch\.float64",
    ),
}


@pytest.mark.parametrize(
    ("x", "error", "message"), BAD_PREDICT_X.values(), ids=BAD_PREDICT_X.keys()
)
def test_predict_refuses_bad_x(x: object, error: type[Exception], message: str) -> None:
    model = Fit(torch.tensor([[2.0]]), torch.tensor([0.0]))
    with pytest.raises(error, match=f"^predict: {message}"):
        model.predict(x)  # type: ignore[arg-type]
