"""Fitting H(x) = xW + b: by gradient descent (`fit`) or in closed form (`closed_form`).

`fit` is the training loop the pages teach, written once so later pages can call it;
`closed_form` solves the same least-squares problem directly, to check the loop against.
Both return a `Fit`. Inputs are checked at the boundary (see `linreg.checks`): `x` is a
float tensor of shape (samples, features), `y` one of shape (samples, 1), same dtype.
Python lists and NumPy arrays are refused with the conversion to use, rather than
converted silently: a silent conversion would have to guess a dtype (a list of ints
would become int64, a NumPy array float64) and the pages teach tensors.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from torch import optim

from linreg import checks

__all__ = ["DivergenceError", "Fit", "closed_form", "fit"]


class DivergenceError(ValueError):
    """Gradient descent blew up: the cost or the parameters stopped being finite.

    A `ValueError` because the cause is an argument value, almost always an `lr` too
    large for the scale of `x`: each step overshoots the minimum by more than the last.

    Attributes:
        history: the cost of every epoch up to the one that blew up, as `Fit.history`
            would have held it, so a caller can still draw how it diverged.
    """

    def __init__(self, message: str, history: list[float]) -> None:
        super().__init__(message)
        self.history = history


def _numbers(values: torch.Tensor) -> str:
    """A tensor as nested lists of 4-significant-digit numbers, for a stable repr."""
    if values.ndim == 0:
        return f"{values.item():.4g}"
    return "[" + ", ".join(_numbers(row) for row in values) + "]"


@dataclass(frozen=True, eq=False)
class Fit:
    """A fitted line (or plane): H(x) = x @ weight + bias.

    Returned by `fit` and `closed_form`. Frozen: its fields cannot be reassigned.
    Equality is identity (`eq=False`), because comparing tensors has no single
    truth value. The repr rounds the weight and bias to 4 significant digits and
    the final cost to 3, leaving out the last float32 digits, which can differ
    from one CPU to another. The cost gets one digit fewer because near a good fit
    it is the mean of squared small differences between nearly equal numbers, so
    its float32 value has fewer reliable digits. On an ill-conditioned problem
    (features on very different scales) even the digits shown can vary.

    Attributes:
        weight: shape (features, 1), detached from any autograd graph.
        bias: shape (1,), detached.
        history: the cost of each epoch, computed before that epoch's step, as the
            training loop on the pages logs it; `history[0]` is the cost of the zero
            initialisation. Empty for `closed_form`.
        path: the parameters along the way, if `fit` was asked to `record` them: a
            tensor of shape (points, features + 1), each row [w_1, ..., w_k, b];
            row 0 is the start. None otherwise, and for `closed_form`.

    ```py
    from linreg import fit, train_data

    x_train, y_train = train_data()
    model = fit(x_train, y_train, epochs=100)
    print(model.weight.shape, model.bias.shape, len(model.history))
    #> torch.Size([1, 1]) torch.Size([1]) 100
    print(model.weight.requires_grad)
    #> False
    ```
    """

    weight: torch.Tensor
    bias: torch.Tensor
    history: list[float] = field(default_factory=list)
    path: torch.Tensor | None = None

    def predict(self, x: torch.Tensor) -> torch.Tensor:
        """Predictions `x @ weight + bias`, shape (samples, 1).

        Args:
            x: float tensor of shape (samples, features), with as many features as
                the data this `Fit` was trained on, and the same dtype.

        Returns:
            A tensor of shape (samples, 1) without gradient.

        Raises:
            TypeError: if `x` is not a floating point tensor of the weight's dtype.
            ValueError: if `x` is not 2-D, is empty, holds NaN or inf, or has the
                wrong number of features.

        ```py
        import torch

        from linreg import fit, train_data

        x_train, y_train = train_data()
        model = fit(x_train, y_train)
        y_hat = model.predict(torch.tensor([[4.0]]))
        print(f"{y_hat.item():.3f}")
        #> 7.995
        ```
        """
        x = checks.matrix("predict", "x", x)
        features = self.weight.shape[0]
        if x.shape[1] != features:
            raise ValueError(
                f"predict: x must have {features} feature column(s), like the data this Fit "
                f"was trained on, got shape {tuple(x.shape)}"
            )
        checks.same_dtype("predict", ("weight", "x"), self.weight, x)
        return x.detach() @ self.weight + self.bias

    def __repr__(self) -> str:
        fields = f"weight={_numbers(self.weight)}, bias={_numbers(self.bias)}"
        if not self.history:
            return f"Fit({fields}, closed form)"
        return f"Fit({fields}, epochs={len(self.history)}, final_cost={self.history[-1]:.3g})"


OPTIMIZERS = ("sgd", "momentum", "adam")
MOMENTUM = 0.9  # the coefficient of optimizer="momentum", PyTorch's usual choice
RECORDS = (None, "epoch", "step")


def fit(
    x: torch.Tensor,
    y: torch.Tensor,
    *,
    lr: float = 0.01,
    epochs: int = 2000,
    optimizer: str = "sgd",
    weight_decay: float = 0.0,
    batch_size: int | None = None,
    seed: int | None = None,
    record: str | None = None,
) -> Fit:
    """Fit H(x) = xW + b to `y` by gradient descent on the mean squared error.

    The training loop of the multivariable page, operation for operation: W (shape
    (features, 1)) and b start at zero, and each step computes the hypothesis
    `x.matmul(W) + b` and the cost `torch.mean((hypothesis - y) ** 2)`, clears the
    old gradients, backpropagates and lets the optimizer take one step. With the
    defaults (plain SGD, the full batch) the same operations in the same order give
    the same floats, so on any one machine `fit` returns that loop's costs, W and b
    bit for bit.

    The chapter's one-feature loop computes `x_train * W + b` with W of shape (1,):
    the same arithmetic, but its gradient for W is summed by another kernel, and a
    float32 sum can round differently when the order of its terms changes. The two
    agree to float32 rounding (within 1e-5 relative or 1e-6 absolute, at every
    epoch), and bit for bit on some CPUs but not necessarily on all.

    Args:
        x: float tensor of shape (samples, features).
        y: float tensor of shape (samples, 1), the same dtype as `x`.
        lr: the learning rate, a finite number > 0.
        epochs: how many passes over the data, an int >= 1 (the pages' `nb_epochs + 1`).
        optimizer: "sgd" (`torch.optim.SGD`), "momentum" (SGD with momentum 0.9) or
            "adam" (`torch.optim.Adam` with its default betas).
        weight_decay: a finite number >= 0, the optimizer's weight decay on W only
            (never on b): `fit` then minimises MSE + (weight_decay / 2) * ||W||²,
            which `closed_form(x, y, weight_decay=...)` solves exactly (ridge
            regression).
        batch_size: None for the full batch, one step per epoch; an int >= 1 for
            mini-batches: each epoch shuffles the rows with a `torch.Generator`
            seeded with `seed` (0 when `seed` is None) and steps through consecutive
            slices of that order, the last one possibly smaller.
        seed: if given, `torch.manual_seed(seed)` is called first (this seeds
            PyTorch's global generator, as the pages do), and the mini-batch order is
            drawn from it. The zero initialisation draws no random numbers.
        record: None, "epoch" or "step": keep the parameters in `Fit.path`, at the
            start and after every epoch, or after every optimizer step.

    Returns:
        A `Fit` whose `history` holds the cost on all samples before each epoch.

    Raises:
        TypeError: if `x` or `y` is not a floating point tensor (lists and NumPy
            arrays are refused, with the conversion to use), if they differ in
            dtype, or if a setting has the wrong type.
        ValueError: if `x` or `y` is not 2-D, is empty or holds NaN or inf, if `y`
            has more than one column, if the rows differ, if `lr` <= 0 or is not
            finite, if `epochs` or `batch_size` < 1, if `weight_decay` < 0 or is
            not finite, or if `optimizer` or `record` is not one of its choices.
        DivergenceError: (a `ValueError`) if the cost or the parameters stop being
            finite during training; the message names the epoch and suggests a
            smaller `lr`, and the error's `history` holds the costs until then. NaN
            weights are never returned.

    ```py
    from linreg import fit, train_data

    x_train, y_train = train_data()
    model = fit(x_train, y_train, lr=0.01, epochs=2000)
    print(model)
    #> Fit(weight=[[1.997]], bias=[0.005985], epochs=2000, final_cost=5.16e-06)
    print(f"first cost {model.history[0]:.4f}, last cost {model.history[-1]:.6f}")
    #> first cost 18.6667, last cost 0.000005
    ```

    Adam on mini-batches of two, with the path of (W, b) after every epoch:

    ```py
    from linreg import fit, train_data

    x_train, y_train = train_data()
    model = fit(x_train, y_train, lr=0.1, epochs=300, optimizer="adam",
                batch_size=2, seed=0, record="epoch")
    print(model.path.shape)
    #> torch.Size([301, 2])
    print(f"W from {model.path[0, 0]:.1f} to {model.weight.item():.3f}")
    #> W from 0.0 to 2.000
    ```
    """
    x, y = checks.data("fit", x, y)
    lr = checks.positive_number("fit", "lr", lr)
    epochs = checks.positive_int("fit", "epochs", epochs)
    optimizer = checks.choice("fit", "optimizer", optimizer, OPTIMIZERS)
    weight_decay = checks.nonnegative_number("fit", "weight_decay", weight_decay)
    batch_size = checks.optional_positive_int("fit", "batch_size", batch_size)
    seed = checks.optional_int("fit", "seed", seed)
    record = checks.choice("fit", "record", record, RECORDS)
    if seed is not None:
        torch.manual_seed(seed)
    x, y = x.detach(), y.detach()
    W = torch.zeros(x.shape[1], 1, dtype=x.dtype, requires_grad=True)
    b = torch.zeros(1, dtype=x.dtype, requires_grad=True)
    # Weight decay on W alone: penalising b would pull the line towards the origin.
    groups = [{"params": [W], "weight_decay": weight_decay}, {"params": [b], "weight_decay": 0.0}]
    if optimizer == "adam":
        step_rule: optim.Optimizer = optim.Adam(groups, lr=lr)
    else:
        step_rule = optim.SGD(groups, lr=lr, momentum=MOMENTUM if optimizer == "momentum" else 0)
    order = torch.Generator().manual_seed(0 if seed is None else seed)
    history, path = descend(
        (W, b), lambda x: x.matmul(W) + b, x, y, step_rule,
        lr=lr, epochs=epochs, batch_size=batch_size, order=order, record=record,
    )  # fmt: skip
    return Fit(W.detach(), b.detach(), history, path)


def descend(
    parameters: tuple[torch.Tensor, torch.Tensor],
    hypothesis: Callable[[torch.Tensor], torch.Tensor],
    x: torch.Tensor,
    y: torch.Tensor,
    step_rule: optim.Optimizer,
    *,
    lr: float,
    epochs: int,
    batch_size: int | None = None,
    order: torch.Generator | None = None,
    record: str | None = None,
) -> tuple[list[float], torch.Tensor | None]:
    """The training loop itself, for `fit` and for a figure that trains an `nn.Linear`.

    Unchecked: `fit` checks the arguments. `parameters` is (weight, bias) of any
    shapes, `hypothesis(x)` the model's prediction, `step_rule` an optimizer over
    the parameters, `lr` only for the divergence message. Returns the cost on all
    samples before each epoch and, if `record` is "epoch" or "step", the path: the
    flattened weight and bias at the start and after every epoch or step.
    """
    weight, bias = parameters

    def point() -> torch.Tensor:  # a copy: the optimizer updates the parameters in place
        return torch.cat([weight.detach().flatten(), bias.detach().flatten()])

    history: list[float] = []
    path = [point()] if record else []
    with torch.enable_grad():  # a caller's `torch.no_grad()` must not break the loop
        for epoch in range(epochs):
            if batch_size is None:
                batches = [(x, y)]
            else:
                with torch.no_grad():
                    history.append(torch.mean((hypothesis(x) - y) ** 2).item())
                rows = torch.randperm(len(x), generator=order).split(batch_size)
                batches = [(x[i], y[i]) for i in rows]
            for x_batch, y_batch in batches:
                cost = torch.mean((hypothesis(x_batch) - y_batch) ** 2)
                if batch_size is None:
                    history.append(cost.item())
                for value in (history[-1], cost.item()):
                    if not math.isfinite(value):
                        raise _diverged(f"the cost became {value} at epoch {epoch}", lr, history)
                step_rule.zero_grad()
                cost.backward()
                step_rule.step()
                if record == "step":
                    path.append(point())
            if record == "epoch":
                path.append(point())
    if not (torch.isfinite(weight).all() and torch.isfinite(bias).all()):
        where = f"W or b stopped being finite in the last step (epoch {epochs - 1})"
        raise _diverged(where, lr, history)
    return history, torch.stack(path) if record else None


def _diverged(what: str, lr: float, history: list[float]) -> DivergenceError:
    return DivergenceError(
        f"fit: gradient descent diverged with lr={lr:g}:\n"
        f"{what} (epochs count from 0).\n"
        f"Each step overshoots the minimum; try a smaller lr, e.g. lr={lr / 10:g}",
        history,
    )


def closed_form(x: torch.Tensor, y: torch.Tensor, *, weight_decay: float = 0.0) -> Fit:
    """The least-squares W and b in one solve, with no training loop.

    Appends a column of ones to `x` (its coefficient is the bias) and solves
    min ||[x, 1] @ [W; b] - y||² with `torch.linalg.lstsq`. Not the textbook
    (XᵀX)⁻¹Xᵀy: forming XᵀX squares the condition number of X, so features on
    very different scales or nearly equal to each other lose about twice as many
    digits; lstsq factorises X itself (SVD, driver "gelsd") and also returns the
    minimum-norm answer when the columns are linearly dependent (e.g. every x equal),
    where the inverse does not exist.

    With `weight_decay` = λ > 0 it minimises MSE + (λ / 2) * ||W||² instead, the
    cost that `fit(..., weight_decay=λ)` descends (ridge regression; b is not
    penalised). Setting the gradient to zero gives (XᵀX + (nλ / 2) I) W = Xᵀ(y - b)
    for n samples; it is solved as least squares too, with sqrt(nλ / 2) I stacked
    under X and zeros under y, which is the same equation without forming XᵀX.

    The solve runs in float64 whatever the input dtype, because it costs nothing at
    these sizes and keeps the answer accurate to float32's last digit; `weight` and
    `bias` are returned in the dtype of `x` (float32 in, float32 out, like `fit`).

    Args:
        x: float tensor of shape (samples, features).
        y: float tensor of shape (samples, 1), the same dtype as `x`.
        weight_decay: a finite number >= 0, the strength λ of the penalty on W.

    Returns:
        A `Fit` with an empty `history`.

    Raises:
        TypeError: if `x` or `y` is not a floating point tensor, or their dtypes
            differ, or `weight_decay` is not a number.
        ValueError: if `x` or `y` is not 2-D, is empty or holds NaN or inf, if `y`
            has more than one column, if the rows differ, or if `weight_decay` < 0
            or is not finite.

    ```py
    from linreg import closed_form, exam_scores

    hours, scores = exam_scores()
    model = closed_form(hours, scores)
    print(model)
    #> Fit(weight=[[10]], bias=[9.5], closed form)
    print(closed_form(hours, scores, weight_decay=2.0))
    #> Fit(weight=[[5.556]], bias=[25.06], closed form)
    ```
    """
    x, y = checks.data("closed_form", x, y)
    weight_decay = checks.nonnegative_number("closed_form", "weight_decay", weight_decay)
    samples, features = x.shape
    design = torch.cat([x.detach().double(), torch.ones(samples, 1, dtype=torch.float64)], dim=1)
    target = y.detach().double()
    if weight_decay > 0:
        # Rows sqrt(nλ/2) * e_j under the design add (nλ/2) * w_j² to the squared error.
        penalty = torch.zeros(features, features + 1, dtype=torch.float64)
        penalty[:, :features] = math.sqrt(samples * weight_decay / 2) * torch.eye(
            features, dtype=torch.float64
        )
        design = torch.cat([design, penalty])
        target = torch.cat([target, torch.zeros(features, 1, dtype=torch.float64)])
    solution = torch.linalg.lstsq(design, target, driver="gelsd").solution
    return Fit(solution[:-1].to(x.dtype), solution[-1].to(x.dtype))
