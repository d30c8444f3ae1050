"""Argument checks shared by `fit`, `closed_form`, `Fit.predict` and `mse`.

One place for every message, so they read the same everywhere: each names the
function and the argument, says what was expected, what was given, and how to fix it.
Each check returns the value it accepted (typed, so callers need no cast) and
raises `TypeError` (wrong kind of value) or `ValueError` (right kind, wrong value).
"""

import math
import numbers
from collections.abc import Sequence

import torch


def _shape(value: torch.Tensor) -> tuple[int, ...]:
    return tuple(value.shape)


def float_tensor(caller: str, name: str, value: object) -> torch.Tensor:
    """`value` is a floating point `torch.Tensor`.

    Lists and NumPy arrays are refused, not converted: converting would have to guess
    a dtype (ints would stay ints, NumPy's float64 would stay float64). The message
    gives the one conversion that works for a list, a tuple or an array alike.
    """
    if not isinstance(value, torch.Tensor):
        raise TypeError(
            f"{caller}: {name} must be a torch.Tensor, got {type(value).__name__}; "
            f"convert it with torch.as_tensor({name}, dtype=torch.float32)"
        )
    if not value.is_floating_point():
        raise TypeError(
            f"{caller}: {name} must be a floating point tensor, got dtype {value.dtype}; "
            f"convert it with {name}.float()"
        )
    return value


def nonempty(caller: str, name: str, value: torch.Tensor) -> None:
    if value.numel() == 0:
        raise ValueError(f"{caller}: {name} must not be empty, got shape {_shape(value)}")


def finite(caller: str, name: str, value: torch.Tensor) -> None:
    """Every entry is a finite number; the message points at the first one that is not."""
    bad = torch.nonzero(~torch.isfinite(value))
    if len(bad):
        index = tuple(bad[0].tolist())
        raise ValueError(
            f"{caller}: {name} must hold only finite numbers, "
            f"got {value[index].item()} at index {index}"
        )


def matrix(caller: str, name: str, value: object, columns: str = "features") -> torch.Tensor:
    """A non-empty, finite, floating point tensor of shape (samples, `columns`)."""
    value = float_tensor(caller, name, value)
    if value.ndim == 1:
        raise ValueError(
            f"{caller}: {name} must be 2-D (samples, {columns}), got 1-D shape "
            f"{_shape(value)};\n"
            f"make each value a row with {name}.reshape(-1, 1) or {name}.unsqueeze(1)"
        )
    if value.ndim != 2:
        raise ValueError(
            f"{caller}: {name} must be 2-D (samples, {columns}), "
            f"got {value.ndim}-D shape {_shape(value)}"
        )
    nonempty(caller, name, value)
    finite(caller, name, value)
    return value


def same_dtype(caller: str, names: tuple[str, str], a: torch.Tensor, b: torch.Tensor) -> None:
    if a.dtype != b.dtype:
        first, second = names
        raise TypeError(
            f"{caller}: {first} and {second} must have the same dtype, got {first} {a.dtype} "
            f"and {second} {b.dtype}; convert one, e.g. {second}.to({first}.dtype)"
        )


def data(caller: str, x: object, y: object) -> tuple[torch.Tensor, torch.Tensor]:
    """`x` (samples, features) and `y` (samples, 1): float, same dtype and number of rows."""
    x = matrix(caller, "x", x)
    y = matrix(caller, "y", y, columns="1")
    if y.shape[1] != 1:
        raise ValueError(
            f"{caller}: y must have one column (one target per sample), got shape "
            f"{_shape(y)}; fit one target at a time, e.g. y[:, :1]"
        )
    if x.shape[0] != y.shape[0]:
        raise ValueError(
            f"{caller}: x and y must have the same number of rows (samples), "
            f"got x {_shape(x)} and y {_shape(y)}"
        )
    same_dtype(caller, ("x", "y"), x, y)
    return x, y


def positive_number(caller: str, name: str, value: object) -> float:
    """A real number > 0 and finite (not a bool), returned as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{caller}: {name} must be a positive finite number, "
            f"got {type(value).__name__} {value!r}"
        )
    number = float(value)
    if not (math.isfinite(number) and number > 0):
        raise ValueError(f"{caller}: {name} must be a positive finite number, got {value!r}")
    return number


def positive_int(caller: str, name: str, value: object) -> int:
    """An int >= 1 (not a bool), returned as an int."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{caller}: {name} must be an int >= 1, got {type(value).__name__} {value!r}"
        )
    if value < 1:
        raise ValueError(f"{caller}: {name} must be an int >= 1, got {value!r}")
    return int(value)


def integer(caller: str, name: str, value: object) -> int:
    """An int (not a bool), returned as an int."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{caller}: {name} must be an int, got {type(value).__name__} {value!r}")
    return int(value)


def optional_int(caller: str, name: str, value: object) -> int | None:
    """None or an int (not a bool)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{caller}: {name} must be an int or None, got {type(value).__name__} {value!r}"
        )
    return int(value)


def real_numbers(caller: str, name: str, values: object, *, finite: bool = True) -> list[float]:
    """A sequence of real numbers (not bools) as floats; finite ones only unless told."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise TypeError(
            f"{caller}: {name} must be a sequence of numbers, got {type(values).__name__}"
        )
    floats = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(
                f"{caller}: {name} must hold real numbers, got {type(value).__name__} {value!r}"
            )
        if finite and not math.isfinite(value):
            raise ValueError(f"{caller}: {name} must hold finite numbers, got {value!r}")
        floats.append(float(value))
    return floats


def nonnegative_number(caller: str, name: str, value: object) -> float:
    """A real number >= 0 and finite (not a bool), returned as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{caller}: {name} must be a finite number >= 0, got {type(value).__name__} {value!r}"
        )
    number = float(value)
    if not (math.isfinite(number) and number >= 0):
        raise ValueError(f"{caller}: {name} must be a finite number >= 0, got {value!r}")
    return number


def optional_positive_int(caller: str, name: str, value: object) -> int | None:
    """None or an int >= 1 (not a bool)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{caller}: {name} must be an int >= 1 or None, got {type(value).__name__} {value!r}"
        )
    if value < 1:
        raise ValueError(f"{caller}: {name} must be an int >= 1 or None, got {value!r}")
    return int(value)


def choice(caller: str, name: str, value: object, options: Sequence[str | None]) -> str | None:
    """One of `options` (strings, and None if listed), compared exactly."""
    shown = ", ".join(repr(option) for option in options)
    if not isinstance(value, str | None):
        raise TypeError(
            f"{caller}: {name} must be one of {shown}, got {type(value).__name__} {value!r}"
        )
    if value not in options:
        raise ValueError(f"{caller}: {name} must be one of {shown}, got {value!r}")
    return value
