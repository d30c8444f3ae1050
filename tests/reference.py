"""What the unit tests compare linreg against: values worked out without linreg.

A test that checks linreg's output against linreg's own formula passes when both are
wrong the same way. So the data sets here are typed out from the pages' tables, and
gradient descent is written again in float64 NumPy with the gradient derived by hand,
where linreg uses autograd and `torch.optim.SGD` in float32:

    cost(W, b) = mean((x W + b - y)^2)
    d cost / dW = (2 / n) x^T (x W + b - y),   d cost / db = (2 / n) sum(x W + b - y)

Near a minimum the cost is the quadratic form of the Hessian (2 / n) [x 1]^T [x 1];
`hessian_eigenvalues` gives its curvatures, from which the pages' claims about
"narrow valleys" and "constant factors per epoch" follow by hand.
"""

import functools

import numpy as np
from matplotlib.axes import Axes
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure

from linreg import plots

# The training-data page: hours studied and scores, every score twice the hours.
TRAIN_X = np.array([1.0, 2.0, 3.0])
TRAIN_Y = np.array([2.0, 4.0, 6.0])
# The cost page's worked example: four students' hours and exam scores.
EXAM_HOURS = np.array([2.0, 3.0, 4.0, 5.0])
EXAM_SCORES = np.array([25.0, 50.0, 42.0, 61.0])
# The multivariable page's table: three quiz scores and the final score, five students.
QUIZ_X = np.array(
    [
        [73.0, 80.0, 75.0],
        [93.0, 88.0, 93.0],
        [89.0, 91.0, 90.0],
        [96.0, 98.0, 100.0],
        [73.0, 66.0, 70.0],
    ]
)
QUIZ_Y = np.array([152.0, 185.0, 180.0, 196.0, 142.0])
# The real-data page: Galton's Table I (1886), as reproduced in Stigler, "The History of
# Statistics" (1986), Table 8.1: how many of the 928 children of each height (columns,
# GALTON_CHILD) have a mid-parent of each height (rows, GALTON_PARENT), in inches. The
# outermost classes were open in Galton's table ("below", "above"); HistData codes them
# half an inch beyond the next centre, as linreg's file does.
GALTON_PARENT = np.array([73.0, 72.5, 71.5, 70.5, 69.5, 68.5, 67.5, 66.5, 65.5, 64.5, 64.0])
GALTON_CHILD = np.array(
    [61.7, 62.2, 63.2, 64.2, 65.2, 66.2, 67.2, 68.2, 69.2, 70.2, 71.2, 72.2, 73.2, 73.7]
)
GALTON_TABLE = np.array(
    [
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 0],
        [0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 2, 7, 2, 4],
        [0, 0, 0, 0, 1, 3, 4, 3, 5, 10, 4, 9, 2, 2],
        [1, 0, 1, 0, 1, 1, 3, 12, 18, 14, 7, 4, 3, 3],
        [0, 0, 1, 16, 4, 17, 27, 20, 33, 25, 20, 11, 4, 5],
        [1, 0, 7, 11, 16, 25, 31, 34, 48, 21, 18, 4, 3, 0],
        [0, 3, 5, 14, 15, 36, 38, 28, 38, 19, 11, 4, 0, 0],
        [0, 3, 3, 5, 2, 17, 17, 14, 13, 4, 0, 0, 0, 0],
        [1, 0, 9, 5, 7, 11, 11, 7, 7, 5, 2, 1, 0, 0],
        [1, 1, 4, 4, 1, 5, 5, 0, 2, 0, 0, 0, 0, 0],
        [1, 0, 2, 4, 1, 2, 2, 1, 1, 0, 0, 0, 0, 0],
    ]
)


def galton_rows() -> tuple[np.ndarray, np.ndarray]:
    """Galton's table as 928 (mid-parent, child) rows in float64, in no particular order."""
    counts = GALTON_TABLE.ravel()
    parent = np.repeat(np.repeat(GALTON_PARENT, len(GALTON_CHILD)), counts)
    child = np.repeat(np.tile(GALTON_CHILD, len(GALTON_PARENT)), counts)
    return parent, child


# The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008) by the names the
# pages' alt texts use for them.
OKABE_ITO = {"blue": "#0072b2", "vermilion": "#d55e00", "bluish green": "#009e73"}


def _columns(x: np.ndarray) -> np.ndarray:
    """x as a float64 matrix (samples, features)."""
    x = np.asarray(x, dtype=np.float64)
    return x.reshape(len(x), -1)


def descend(x: np.ndarray, y: np.ndarray, lr: float, epochs: int) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch gradient descent from W = 0, b = 0 with the hand-derived gradient.

    Returns `(params, costs)`: params[k] is (w_1, ..., w_features, b) and costs[k] the
    cost on all samples after k steps, k = 0 .. epochs. A diverging run overflows to
    inf and then nan, as float arithmetic does.
    """
    x, y = _columns(x), np.asarray(y, dtype=np.float64).reshape(-1)
    n, features = x.shape
    W, b = np.zeros(features), 0.0
    params, costs = [], []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs + 1):
            error = x @ W + b - y
            params.append([*W, b])
            costs.append(np.mean(error**2))
            W, b = W - lr * 2 / n * (x.T @ error), b - lr * 2 / n * error.sum()
    return np.array(params), np.array(costs)


def cost(x: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """mean((W x + b - y)^2) of one-feature data, at each of the points (W[i], b[i])."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    W, b = np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return np.mean((np.multiply.outer(W, x) + b[..., None] - y) ** 2, axis=-1)


def hessian(x: np.ndarray) -> np.ndarray:
    """(2 / n) [x 1]^T [x 1]: the cost's constant second derivative over (W..., b)."""
    x = _columns(x)
    design = np.column_stack([x, np.ones(len(x))])
    return 2 / len(x) * design.T @ design


def hessian_eigenvalues(x: np.ndarray) -> np.ndarray:
    """The cost's curvatures along its principal directions, smallest first."""
    return np.linalg.eigvalsh(hessian(x))


def assert_contours_on_cost(
    contours: ContourSet, x: np.ndarray, y: np.ndarray, rel: float, abs_: float
) -> int:
    """Every vertex of every drawn contour has the cost of its level, up to the
    interpolation between the grid points the contours were traced on; returns how many
    levels were drawn (a level below the lowest cost draws nothing)."""
    drawn = 0
    for level, path in zip(contours.levels, contours.get_paths(), strict=True):
        if len(path.vertices) == 0:
            continue
        drawn += 1
        at_vertices = cost(x, y, path.vertices[:, 0], path.vertices[:, 1])
        np.testing.assert_allclose(at_vertices, level, rtol=rel, atol=abs_)
    return drawn


def contour_set(ax: Axes) -> ContourSet:
    (contours,) = [c for c in ax.collections if isinstance(c, ContourSet)]
    return contours


@functools.cache
def default_figure(name: str, lang: str = "en") -> Figure:
    """`linreg.plots.<name>()` as the site's build draws it, drawn once per test run,
    in English or, for the Korean edition, in Korean (lang "ko", as LINREG_LANG=ko).

    Shared by the tests that only read it; training runs make some figures take seconds.
    """
    with plots.language(lang):
        return getattr(plots, name)()


# docs/labs/mini-batches.py hands cost_history three runs under these names; the lab's
# own costs differ, the figure's text does not.
MINI_BATCHES_LAB_RUNS = {
    "full batch (5)": [9.0, 3.0, 1.0],
    "mini-batch (2)": [9.0, 2.0, 0.8],
    "stochastic (1)": [9.0, 1.0, 0.9],
}


@functools.cache
def mini_batches_lab_figure(lang: str = "en") -> Figure:
    """The figure docs/labs/mini-batches.py draws: cost_history with three named runs."""
    with plots.language(lang):
        return plots.cost_history(MINI_BATCHES_LAB_RUNS)
