"""linreg.mse against PyTorch's own mse_loss, and the shapes it refuses."""

import math

import pytest
import torch
from torch.nn import functional

from linreg import exam_scores, mse


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("shape", [(7, 1), (5, 3), (4,)])
def test_mse_equals_torch_mse_loss(shape: tuple[int, ...], dtype: torch.dtype) -> None:
    generator = torch.Generator().manual_seed(0)
    pred, target = torch.randn(2, *shape, generator=generator, dtype=dtype)
    # Two kernels may sum in different orders: equal to rounding, assert_close's
    # defaults for the dtype (float32: rtol 1.3e-6, atol 1e-5).
    torch.testing.assert_close(mse(pred, target), functional.mse_loss(pred, target))


def test_mse_of_the_worked_example_is_62_5() -> None:
    # The cost page: y = 13x + 1 at 2, 3, 4, 5 hours predicts 27, 40, 53, 66 for scores
    # 25, 50, 42, 61; squared errors 4, 100, 121, 25 sum to 250, and 250 / 4 = 62.5.
    # Small integers and a division by 4: exact in float32.
    pred = torch.tensor([[27.0], [40.0], [53.0], [66.0]])
    assert mse(pred, torch.tensor([[25.0], [50.0], [42.0], [61.0]])).item() == 62.5
    hours, scores = exam_scores()
    assert mse(13 * hours + 1, scores).item() == 62.5


def test_mse_keeps_the_graph() -> None:
    # d/dp mean((p - t)²) = 2 (p - t) / n: at p = 0, t = 1, n = 3 that is -2/3 each.
    pred = torch.zeros(3, 1, requires_grad=True)
    mse(pred, torch.ones(3, 1)).backward()
    torch.testing.assert_close(pred.grad, torch.full((3, 1), -2 / 3))
    reference = torch.zeros(3, 1, requires_grad=True)
    functional.mse_loss(reference, torch.ones(3, 1)).backward()
    torch.testing.assert_close(pred.grad, reference.grad)


@pytest.mark.parametrize(
    ("pred", "target", "error", "message"),
    [
        ([1.0], torch.ones(1), TypeError, r"pred must be a torch\.Tensor, got list"),
        (torch.ones(1), 1.0, TypeError, r"target must be a torch\.Tensor, got float"),
        (
            torch.ones(2, dtype=torch.int32),
            torch.ones(2),
            TypeError,
            r"pred must be a floating point tensor, got dtype torch\.int32; .*pred\.float\(\)",
        ),
        (
            torch.ones(3),
            torch.ones(3, 1),
            ValueError,
            r"pred and target must have the same shape, got pred \(3,\) and target \(3, 1\)",
        ),
        (torch.ones(0), torch.ones(0), ValueError, r"pred must not be empty, got shape \(0,\)"),
        (
            torch.tensor([1.0, math.nan]),
            torch.ones(2),
            ValueError,
            r"pred must hold only finite numbers, got nan at index \(1,\)",
        ),
        (
            torch.ones(2),
            torch.tensor([-math.inf, 1.0]),
            ValueError,
            r"target must hold only finite numbers, got -inf at index \(0,\)",
        ),
    ],
    ids=["list", "number", "int32", "broadcast", "empty", "nan", "inf"],
)
def test_mse_refuses(pred: object, target: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=f"^mse: {message}"):
        mse(pred, target)  # type: ignore[arg-type]
