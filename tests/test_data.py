"""linreg.data: the data sets are what the pages say they are."""

import torch

from linreg import exam_scores, train_data


def test_train_data_is_y_equals_2x() -> None:
    x_train, y_train = train_data()
    assert x_train.shape == y_train.shape == (3, 1)
    assert x_train.dtype == y_train.dtype == torch.float32
    assert x_train.flatten().tolist() == [1.0, 2.0, 3.0]
    assert torch.equal(y_train, 2 * x_train)


def test_exam_scores() -> None:
    hours, scores = exam_scores()
    assert hours.shape == scores.shape == (4, 1)
    assert hours.dtype == scores.dtype == torch.float32
    assert hours.flatten().tolist() == [2.0, 3.0, 4.0, 5.0]
    assert scores.flatten().tolist() == [25.0, 50.0, 42.0, 61.0]


def test_each_call_returns_fresh_tensors() -> None:
    for load in (train_data, exam_scores):
        x, y = load()
        x.add_(100.0)
        y.zero_()
        again_x, again_y = load()
        assert not torch.equal(again_x, x) and not torch.equal(again_y, y)
        assert not again_x.requires_grad and not again_y.requires_grad
