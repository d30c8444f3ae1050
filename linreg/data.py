"""The data sets the pages use, as float tensors of shape (samples, features).

All are made up for teaching but one: Galton's heights of parents and children (1886),
a real data set read from a CSV file shipped inside the package (linreg/datasets/,
whose README gives its source and licence).
"""

import csv
import functools
import io
import math
import operator
from importlib import resources

import torch
from torch.utils.data import Dataset

from linreg import checks

__all__ = [
    "GaltonHeights",
    "exam_scores",
    "galton_heights",
    "many_features",
    "noisy_curve",
    "noisy_line",
    "quiz_scores",
    "train_data",
]


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


def quiz_scores() -> tuple[torch.Tensor, torch.Tensor]:
    """Three quiz scores and the final score of five students: three features per sample.

    Returns:
        `(x_train, y_train)`, float32 tensors of shape (5, 3) and (5, 1), new on every call.

    ```py
    from linreg import quiz_scores

    x_train, y_train = quiz_scores()
    print(x_train.shape, y_train.shape)
    #> torch.Size([5, 3]) torch.Size([5, 1])
    print(x_train[0].tolist(), "->", y_train[0].item())
    #> [73.0, 80.0, 75.0] -> 152.0
    ```
    """
    x_train = torch.tensor(
        [
            [73.0, 80.0, 75.0],
            [93.0, 88.0, 93.0],
            [89.0, 91.0, 90.0],
            [96.0, 98.0, 100.0],
            [73.0, 66.0, 70.0],
        ]
    )
    y_train = torch.tensor([[152.0], [185.0], [180.0], [196.0], [142.0]])
    return x_train, y_train


def noisy_line(
    n_samples: int = 100,
    *,
    weight: float = 2.0,
    bias: float = 1.0,
    noise: float = 1.0,
    seed: int = 0,
) -> tuple[torch.Tensor, torch.Tensor]:
    """`n_samples` points scattered around the line y = weight * x + bias, x in [0, 10).

    Each y gets Gaussian noise with standard deviation `noise`, so no line fits every
    point and the best mean squared error is about `noise ** 2`. The points come from
    a `torch.Generator` seeded with `seed`: the same arguments give the same tensors on
    every machine, without touching PyTorch's global random state.

    Returns:
        `(x, y)`, float32 tensors of shape (n_samples, 1).

    ```py
    from linreg import noisy_line

    x_train, y_train = noisy_line(1000, seed=0)
    print(x_train.shape, y_train.shape)
    #> torch.Size([1000, 1]) torch.Size([1000, 1])
    print(f"x from {x_train.min().item():.3f} to {x_train.max().item():.3f}")
    #> x from 0.001 to 9.998
    x_again, _ = noisy_line(1000, seed=0)
    print(x_train.equal(x_again))
    #> True
    ```

    Raises:
        TypeError: if `n_samples` or `seed` is not an int, or `noise` is not a number.
        ValueError: if `n_samples` < 1, or `noise` < 0 or is not finite.
    """
    generator = _generator("noisy_line", n_samples, noise, seed)
    x = 10 * torch.rand((n_samples, 1), generator=generator)
    y = weight * x + bias + noise * torch.randn((n_samples, 1), generator=generator)
    return x, y


@functools.cache
def _galton_rows() -> tuple[tuple[float, float], ...]:
    """The rows of linreg/datasets/galton.csv as (parent, child) floats, read once."""
    text = resources.files("linreg").joinpath("datasets", "galton.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return tuple((float(row["parent"]), float(row["child"])) for row in rows)


def galton_heights() -> tuple[torch.Tensor, torch.Tensor]:
    """Galton's family heights (1886): 928 adult children and their mid-parents, in inches.

    The data that gave regression its name. `parent` is the height of the child's
    mid-parent, the mean of the father's height and 1.08 times the mother's; `child`
    is the child's height, a daughter's multiplied by 1.08 (Galton's way of putting
    women's heights on men's scale). Galton recorded heights in classes one inch wide
    and the values are the classes' centres, so many rows repeat.

    Source: F. Galton, "Regression towards mediocrity in hereditary stature", Journal
    of the Anthropological Institute 15 (1886), 246-263, Table I; public domain. The
    transcription is the HistData R package's (M. Friendly), as published in CSV by
    Rdatasets (V. Arel-Bundock). linreg/datasets/README.md has the details.

    Returns:
        `(parent, child)`, float32 tensors of shape (928, 1), new on every call,
        in the file's order (by the child's height).

    ```py
    from linreg import galton_heights

    parent, child = galton_heights()
    print(parent.shape, child.shape)
    #> torch.Size([928, 1]) torch.Size([928, 1])
    print(f"mean mid-parent {parent.mean():.2f}, mean child {child.mean():.2f} inches")
    #> mean mid-parent 68.31, mean child 68.09 inches
    ```
    """
    rows = torch.tensor(_galton_rows())
    return rows[:, :1].clone(), rows[:, 1:].clone()


class GaltonHeights(Dataset[tuple[torch.Tensor, torch.Tensor]]):
    """Galton's family heights as a PyTorch `Dataset`: sample `i` is (parent, child).

    The same 928 rows as `galton_heights()`, served by index, so a `DataLoader` can
    batch and shuffle them and `torch.utils.data.random_split` can split them. The
    whole columns are there too, as `parent` and `child` (shape (928, 1), float32):
    for statistics of a split, index them with its `indices`.

    `dataset[i]` returns `(parent[i], child[i])`, each of shape (1,). `i` is an int,
    negative counting from the end as for a list.

    Raises:
        TypeError: if an index is not an int.
        IndexError: if an index is out of range (this also ends a `for` loop over the
            dataset, as for a list).

    ```py
    from linreg import GaltonHeights

    dataset = GaltonHeights()
    print(dataset)
    #> GaltonHeights(928 rows: parent, child in inches)
    parent, child = dataset[0]
    print(parent, child)
    #> tensor([70.5000]) tensor([61.7000])
    print(dataset.parent.shape)
    #> torch.Size([928, 1])
    ```
    """

    def __init__(self) -> None:
        self.parent, self.child = galton_heights()

    def __len__(self) -> int:
        return len(self.parent)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        if isinstance(index, bool):
            raise TypeError("GaltonHeights: index must be an int, got bool")
        try:
            position = operator.index(index)
        except TypeError:
            raise TypeError(
                f"GaltonHeights: index must be an int, got {type(index).__name__}"
            ) from None
        size = len(self)
        if not -size <= position < size:
            raise IndexError(
                f"GaltonHeights: index must be in range({size}) (or -{size} to -1), got {position}"
            )
        return self.parent[position], self.child[position]

    def __repr__(self) -> str:
        return f"GaltonHeights({len(self)} rows: parent, child in inches)"


WEIGHT_SEED = 2024  # seeds many_features' true weights: one population for every `seed`


def many_features(
    n_samples: int = 100, *, features: int = 20, noise: float = 1.0, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    """`n_samples` samples of `features` standard normal features, y = x @ w + 1 + noise.

    The kind of data that regularisation is for: with a few dozen samples and twenty
    features, least squares has almost as many weights as it has samples to fit, and
    fits the noise too. The true weights `w` are drawn once, from a normal
    distribution with standard deviation 0.5, by a generator with a fixed seed of its
    own: they are the same for every `seed`, so different seeds (or different rows of
    one call) are samples of the same population. The bias is 1, and each y gets
    Gaussian noise with standard deviation `noise`. The samples come from a
    `torch.Generator` seeded with `seed`, without touching PyTorch's global random
    state.

    Returns:
        `(x, y)`, float32 tensors of shape (n_samples, features) and (n_samples, 1).

    ```py
    from linreg import many_features

    x, y = many_features(230, seed=0)
    print(x.shape, y.shape)
    #> torch.Size([230, 20]) torch.Size([230, 1])
    x_train, y_train = x[:30], y[:30]  # the rows are independent: any split is random
    print(len(x_train), "samples for", x_train.shape[1], "features")
    #> 30 samples for 20 features
    ```

    Raises:
        TypeError: if `n_samples`, `features` or `seed` is not an int, or `noise` is
            not a number.
        ValueError: if `n_samples` or `features` < 1, or `noise` < 0 or is not finite.
    """
    n_samples = checks.positive_int("many_features", "n_samples", n_samples)
    features = checks.positive_int("many_features", "features", features)
    noise = checks.nonnegative_number("many_features", "noise", noise)
    seed = checks.integer("many_features", "seed", seed)
    weights = torch.Generator().manual_seed(WEIGHT_SEED)
    weight = 0.5 * torch.randn((features, 1), generator=weights)
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn((n_samples, features), generator=generator)
    y = x @ weight + 1.0 + noise * torch.randn((n_samples, 1), generator=generator)
    return x, y


def noisy_curve(
    n_samples: int = 20,
    *,
    noise: float = 0.5,
    seed: int = 0,
    dtype: torch.dtype = torch.float32,
) -> tuple[torch.Tensor, torch.Tensor]:
    """`n_samples` points scattered around the curve y = 2 sin(pi x / 5), x in [0, 10).

    One period of a sine wave: no straight line follows it, a polynomial of low degree
    does. Each y gets Gaussian noise with standard deviation `noise`, so the least cost
    any model can expect on new samples is `noise ** 2`. As `noisy_line`, the points come
    from a `torch.Generator` seeded with `seed`, and PyTorch's global random state is
    left alone. They are drawn in float64 and then converted to `dtype`: a float32
    sample holds the float64 sample's values rounded, not another sample.

    Returns:
        `(x, y)`, tensors of shape (n_samples, 1) and dtype `dtype`.

    ```py
    import torch

    from linreg import noisy_curve

    x, y = noisy_curve(20, seed=15, dtype=torch.float64)
    print(x.shape, y.shape, y.dtype)
    #> torch.Size([20, 1]) torch.Size([20, 1]) torch.float64
    print(f"x from {x.min().item():.2f} to {x.max().item():.2f}")
    #> x from 0.01 to 9.84
    ```

    Raises:
        TypeError: if `n_samples` or `seed` is not an int, `noise` is not a number,
            or `dtype` is not a floating point `torch.dtype`.
        ValueError: if `n_samples` < 1, or `noise` < 0 or is not finite.
    """
    generator = _generator("noisy_curve", n_samples, noise, seed)
    if not (isinstance(dtype, torch.dtype) and dtype.is_floating_point):
        raise TypeError(
            f"noisy_curve: dtype must be a floating point torch.dtype such as "
            f"torch.float64, got {dtype!r}"
        )
    x = 10 * torch.rand((n_samples, 1), generator=generator, dtype=torch.float64)
    curve = 2 * torch.sin(math.pi * x / 5)
    y = curve + noise * torch.randn((n_samples, 1), generator=generator, dtype=torch.float64)
    return x.to(dtype), y.to(dtype)


def _generator(caller: str, n_samples: int, noise: float, seed: int) -> torch.Generator:
    """Check a random data set's arguments; a fresh generator seeded with `seed`."""
    checks.positive_int(caller, "n_samples", n_samples)
    checks.nonnegative_number(caller, "noise", noise)
    return torch.Generator().manual_seed(checks.integer(caller, "seed", seed))
