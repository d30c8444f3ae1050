"""The mean squared error, with the shape checks that PyTorch's broadcasting skips."""

import torch

from linreg import checks

__all__ = ["mse"]


def mse(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean of the squared differences between predictions and targets.

    Both tensors must have exactly the same shape. PyTorch would broadcast a (3,)
    prediction against a (3, 1) target into a (3, 3) grid of every pair and return
    a wrong number without complaint; `mse` refuses instead.

    Args:
        pred: float tensor of predictions, any shape, e.g. (samples, 1).
        target: float tensor of the same shape and dtype family as `pred`.

    Returns:
        A 0-d tensor; it keeps `pred`'s autograd graph, so `.backward()` works.

    Raises:
        TypeError: if an argument is not a floating point tensor.
        ValueError: if the shapes differ, the tensors are empty, or hold NaN or inf.

    ```py
    import torch

    from linreg import mse

    pred = torch.tensor([[27.0], [40.0], [53.0], [66.0]])
    target = torch.tensor([[25.0], [50.0], [42.0], [61.0]])
    print(mse(pred, target))
    #> tensor(62.5000)
    ```
    """
    pred = checks.float_tensor("mse", "pred", pred)
    target = checks.float_tensor("mse", "target", target)
    if pred.shape != target.shape:
        raise ValueError(
            f"mse: pred and target must have the same shape, got pred {tuple(pred.shape)} "
            f"and target {tuple(target.shape)}:\n"
            "broadcasting them would compare every prediction with every target.\n"
            "Reshape one, e.g. pred.reshape(target.shape)"
        )
    checks.nonempty("mse", "pred", pred)
    checks.finite("mse", "pred", pred)
    checks.finite("mse", "target", target)
    return torch.mean((pred - target) ** 2)
