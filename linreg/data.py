"""The small data sets the pages use, as float tensors of shape (samples, features)."""

import torch

__all__ = ["exam_scores", "train_data"]


def train_data() -> tuple[torch.Tensor, torch.Tensor]:
    """Hours studied and the score earned: the three samples the chapter trains on.

    Every score is exactly twice the hours, so a perfect fit is W = 2, b = 0.

    Returns:
        `(x_train, y_train)`, float32 tensors of shape (3, 1), new on every call.

    ```py
    from linreg import train_data

    x_train, y_train = train_data()
    print(x_train.shape, y_train.shape)
    #> torch.Size([3, 1]) torch.Size([3, 1])
    print(y_train.flatten().tolist())
    #> [2.0, 4.0, 6.0]
    ```
    """
    x_train = torch.tensor([[1.0], [2.0], [3.0]])
    y_train = torch.tensor([[2.0], [4.0], [6.0]])
    return x_train, y_train


def exam_scores() -> tuple[torch.Tensor, torch.Tensor]:
    """Four students' hours and exam scores: the worked example of the cost page.

    Returns:
        `(hours, scores)`, float32 tensors of shape (4, 1), new on every call.

    ```py
    from linreg import exam_scores

    hours, scores = exam_scores()
    print(hours.flatten().tolist(), scores.flatten().tolist())
    #> [2.0, 3.0, 4.0, 5.0] [25.0, 50.0, 42.0, 61.0]
    ```
    """
    hours = torch.tensor([[2.0], [3.0], [4.0], [5.0]])
    scores = torch.tensor([[25.0], [50.0], [42.0], [61.0]])
    return hours, scores
