"""Linear regression for the linreg docs: data sets, the MSE, fit/closed_form, figures.

The pages import from here so that every snippet stays short and runs on its own.
The PyTorch lines a page teaches stay on the page; this package only holds what
would otherwise be copied from page to page.
"""

from linreg.data import (
    GaltonHeights,
    exam_scores,
    galton_heights,
    many_features,
    noisy_curve,
    noisy_line,
    quiz_scores,
    train_data,
)
from linreg.loss import mse
from linreg.train import DivergenceError, Fit, closed_form, fit

__all__ = [
    "DivergenceError",
    "Fit",
    "GaltonHeights",
    "closed_form",
    "exam_scores",
    "fit",
    "galton_heights",
    "many_features",
    "mse",
    "noisy_curve",
    "noisy_line",
    "quiz_scores",
    "train_data",
]
