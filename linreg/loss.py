"""The mean squared error, with the shape checks that PyTorch's broadcasting skips."""

import torch

__all__ = ["mse"]


def mse(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean of the squared differences between predictions and targets.

    Both tensors must have exactly the same shape. PyTorch would broadcast a (3,)
    prediction against a (3, 1) target into a (3, 3) grid of every pair and return
    a wrong number without complaint; `mse` refuses instead.

    ```py
    import torch

    from linreg import mse

    pred = torch.tensor([[27.0], [40.0], [53.0], [66.0]])
    target = torch.tensor([[25.0], [50.0], [42.0], [61.0]])
    print(mse(pred, target))
    #> tensor(62.5000)
    ```

    Raises:
        TypeError: if an argument is not a floating point tensor.
        ValueError: if the shapes differ, the tensors are empty, or hold NaN or inf.
    """
    for name, value in (("pred", pred), ("target", target)):
        if not isinstance(value, torch.Tensor):
            raise TypeError(f"mse: {name} must be a torch.Tensor, got {type(value).__name__}")
        if not value.is_floating_point():
            raise TypeError(
                f"mse: {name} must be a floating point tensor, got dtype {value.dtype}; "
                f"convert it with {name}.float()"
            )
    if pred.shape != target.shape:
        raise ValueError(
            f"mse: pred and target must have the same shape, got pred {tuple(pred.shape)} "
            f"and target {tuple(target.shape)}; broadcasting them would compare every "
            "prediction with every target. Reshape one, e.g. pred.reshape(target.shape)"
        )
    if pred.numel() == 0:
        raise ValueError(f"mse: pred and target must not be empty, got shape {tuple(pred.shape)}")
    for name, value in (("pred", pred), ("target", target)):
        if not torch.isfinite(value).all():
            raise ValueError(f"mse: {name} must hold only finite numbers, got NaN or inf")
    return torch.mean((pred - target) ** 2)
