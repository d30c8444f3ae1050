"""linreg.checks: the parts of the shared checks that fit, predict and mse do not reach."""

import math
import re

import numpy as np
import pytest
import torch

from linreg import checks


@pytest.mark.parametrize(
    "value", [[[1.0]], ((1.0,),), np.ones((1, 1)), np.float32(1.0), 1.0], ids=type
)
def test_non_tensors_are_told_the_conversion_that_works(value: object) -> None:
    fix = "torch.as_tensor(x, dtype=torch.float32)"
    message = f"f: x must be a torch.Tensor, got {type(value).__name__}; convert it with {fix}"
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        checks.float_tensor("f", "x", value)
    converted = eval(fix, {"torch": torch, "x": value})
    assert checks.float_tensor("f", "x", converted).dtype == torch.float32


def test_checks_return_what_they_accept() -> None:
    x = torch.ones(2, 1, dtype=torch.float64)
    assert checks.matrix("f", "x", x) is x
    assert checks.data("f", x, x) == (x, x)
    assert checks.positive_number("f", "lr", np.float64(0.5)) == 0.5
    assert type(checks.positive_number("f", "lr", 1)) is float
    assert type(checks.positive_int("f", "epochs", np.int32(3))) is int
    assert checks.optional_int("f", "seed", None) is None
    assert checks.optional_int("f", "seed", -1) == -1


def test_finite_points_at_the_first_bad_entry() -> None:
    x = torch.zeros(3, 2)
    x[2, 1] = float("nan")
    x[1, 0] = float("inf")
    with pytest.raises(ValueError, match=r"got inf at index \(1, 0\)$"):
        checks.finite("f", "x", x)


def test_half_precision_counts_as_floating_point() -> None:
    checks.matrix("f", "x", torch.ones(2, 1, dtype=torch.bfloat16))


def test_real_numbers_returns_floats_and_lets_costs_blow_up_only_when_told() -> None:
    assert checks.real_numbers("f", "xs", (1, 2.5)) == [1.0, 2.5]
    assert [type(x) for x in checks.real_numbers("f", "xs", [3])] == [float]
    blown_up = checks.real_numbers("f", "costs", [1.0, math.inf, math.nan], finite=False)
    assert blown_up[:2] == [1.0, math.inf] and math.isnan(blown_up[2])
    with pytest.raises(ValueError, match=r"^f: xs must hold finite numbers, got inf$"):
        checks.real_numbers("f", "xs", [1.0, math.inf])
    with pytest.raises(TypeError, match=r"^f: xs must hold real numbers, got bool True$"):
        checks.real_numbers("f", "xs", [True])
    with pytest.raises(TypeError, match=r"^f: xs must be a sequence of numbers, got str$"):
        checks.real_numbers("f", "xs", "12")
