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
from dataclasses import dataclass, field

import torch
from torch import optim

from linreg import checks

__all__ = ["DivergenceError", "Fit", "closed_form", "fit"]


class DivergenceError(ValueError):
    """Gradient descent blew up: the cost or the parameters stopped being finite.

    A `ValueError` because the cause is an argument value, almost always an `lr` too
    large for the scale of `x`: each step overshoots the minimum by more than the last.
    """


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


def fit(
    x: torch.Tensor,
    y: torch.Tensor,
    *,
    lr: float = 0.01,
    epochs: int = 2000,
    seed: int | None = None,
) -> Fit:
    """Fit H(x) = xW + b to `y` by gradient descent on the mean squared error.

    The training loop of the multivariable page, operation for operation: W (shape
    (features, 1)) and b start at zero, and each epoch computes the hypothesis
    `x.matmul(W) + b` and the cost `torch.mean((hypothesis - y) ** 2)`, clears the
    old gradients, backpropagates and lets `optim.SGD` take one step. The same
    operations in the same order give the same floats, so on any one machine `fit`
    returns that loop's costs, W and b bit for bit.

    The chapter's one-feature loop computes `x_train * W + b` with W of shape (1,):
    the same arithmetic, but its gradient for W is summed by another kernel, and a
    float32 sum can round differently when the order of its terms changes. The two
    agree to float32 rounding (within 1e-5 relative or 1e-6 absolute, at every
    epoch), and bit for bit on some CPUs but not necessarily on all.

    Args:
        x: float tensor of shape (samples, features).
        y: float tensor of shape (samples, 1), the same dtype as `x`.
        lr: the learning rate, a finite number > 0.
        epochs: how many steps to take, an int >= 1 (the pages' `nb_epochs + 1`).
        seed: if given, `torch.manual_seed(seed)` is called first (this seeds
            PyTorch's global generator, as the pages do). The zero initialisation
            draws no random numbers, so today the seed changes nothing; it is there
            so that a call stays reproducible if the initialisation ever becomes
            random, without changing any caller.

    Returns:
        A `Fit` whose `history` holds the cost of every epoch.

    Raises:
        TypeError: if `x` or `y` is not a floating point tensor (lists and NumPy
            arrays are refused, with the conversion to use), if they differ in
            dtype, or if `lr`, `epochs` or `seed` has the wrong type.
        ValueError: if `x` or `y` is not 2-D, is empty or holds NaN or inf, if `y`
            has more than one column, if the rows differ, if `lr` <= 0 or is not
            finite, or if `epochs` < 1.
        DivergenceError: (a `ValueError`) if the cost or the parameters stop being
            finite during training; the message names the epoch and suggests a
            smaller `lr`. NaN weights are never returned.

    ```py
    from linreg import fit, train_data

    x_train, y_train = train_data()
    model = fit(x_train, y_train, lr=0.01, epochs=2000)
    print(model)
    #> Fit(weight=[[1.997]], bias=[0.005985], epochs=2000, final_cost=5.16e-06)
    print(f"first cost {model.history[0]:.4f}, last cost {model.history[-1]:.6f}")
    #> first cost 18.6667, last cost 0.000005
    ```
    """
    x, y = checks.data("fit", x, y)
    lr = checks.positive_number("fit", "lr", lr)
    epochs = checks.positive_int("fit", "epochs", epochs)
    seed = checks.optional_int("fit", "seed", seed)
    if seed is not None:
        torch.manual_seed(seed)
    x, y = x.detach(), y.detach()
    W = torch.zeros(x.shape[1], 1, dtype=x.dtype, requires_grad=True)
    b = torch.zeros(1, dtype=x.dtype, requires_grad=True)
    optimizer = optim.SGD([W, b], lr=lr)
    history: list[float] = []
    with torch.enable_grad():  # a caller's `torch.no_grad()` must not break the loop
        for epoch in range(epochs):
            hypothesis = x.matmul(W) + b
            cost = torch.mean((hypothesis - y) ** 2)
            history.append(cost.item())
            if not math.isfinite(history[-1]):
                raise _diverged(f"the cost became {history[-1]} at epoch {epoch}", lr)
            optimizer.zero_grad()
            cost.backward()
            optimizer.step()
    if not (torch.isfinite(W).all() and torch.isfinite(b).all()):
        raise _diverged(f"W or b stopped being finite in the last step (epoch {epochs - 1})", lr)
    return Fit(W.detach(), b.detach(), history)


def _diverged(what: str, lr: float) -> DivergenceError:
    return DivergenceError(
        f"fit: gradient descent diverged with lr={lr:g}:\n"
        f"{what} (epochs count from 0).\n"
        f"Each step overshoots the minimum; try a smaller lr, e.g. lr={lr / 10:g}"
    )


def closed_form(x: torch.Tensor, y: torch.Tensor) -> Fit:
    """The least-squares W and b in one solve, with no training loop.

    Appends a column of ones to `x` (its coefficient is the bias) and solves
    min ||[x, 1] @ [W; b] - y||² with `torch.linalg.lstsq`. Not the textbook
    (XᵀX)⁻¹Xᵀy: forming XᵀX squares the condition number of X, so features on
    very different scales or nearly equal to each other lose about twice as many
    digits; lstsq factorises X itself (SVD, driver "gelsd") and also returns the
    minimum-norm answer when the columns are linearly dependent (e.g. every x equal),
    where the inverse does not exist.

    The solve runs in float64 whatever the input dtype, because it costs nothing at
    these sizes and keeps the answer accurate to float32's last digit; `weight` and
    `bias` are returned in the dtype of `x` (float32 in, float32 out, like `fit`).

    Args:
        x: float tensor of shape (samples, features).
        y: float tensor of shape (samples, 1), the same dtype as `x`.

    Returns:
        A `Fit` with an empty `history`.

    Raises:
        TypeError: if `x` or `y` is not a floating point tensor, or their dtypes differ.
        ValueError: if `x` or `y` is not 2-D, is empty or holds NaN or inf, if `y`
            has more than one column, or if the rows differ.

    ```py
    from linreg import closed_form, exam_scores

    hours, scores = exam_scores()
    model = closed_form(hours, scores)
    print(model)
    #> Fit(weight=[[10]], bias=[9.5], closed form)
    ```
    """
    x, y = checks.data("closed_form", x, y)
    design = torch.cat([x.detach().double(), x.new_ones(len(x), 1, dtype=torch.float64)], dim=1)
    solution = torch.linalg.lstsq(design, y.detach().double(), driver="gelsd").solution
    return Fit(solution[:-1].to(x.dtype), solution[-1].to(x.dtype))
