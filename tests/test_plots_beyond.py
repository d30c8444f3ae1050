"""The beyond-the-notes figures draw what their alt text says.

Each test quotes the alt text it checks. The expected runs come from gradient descent
written again by hand in float64 NumPy (tests/reference.py), not from linreg; float32
training drifts from it by about 1e-5 relative per few hundred steps, hence the stated
tolerances.
"""

import numpy as np
import pytest

from linreg import noisy_line
from linreg.plots import batch_sizes
from tests.reference import (
    EXAM_HOURS,
    EXAM_SCORES,
    QUIZ_X,
    QUIZ_Y,
    TRAIN_X,
    TRAIN_Y,
    assert_contours_on_cost,
    contour_set,
    default_figure,
    descend,
    hessian,
    hessian_eigenvalues,
)


def test_learning_rates_matches_its_alt_text() -> None:
    """multivariable.md: "Cost per epoch on a log scale for learning rates 1e-5, 4e-5 and
    5e-5 on the raw quiz scores: the first two keep falling, the last grows without
    bound"."""
    (ax,) = default_figure("learning_rates").axes
    assert ax.get_yscale() == "log"
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["lr = 1e-05", "lr = 4e-05", "lr = 5e-05"]
    for line, lr in zip(lines, (1e-5, 4e-5, 5e-5), strict=True):
        _, expected = descend(QUIZ_X, QUIZ_Y, lr, epochs=30)
        np.testing.assert_array_equal(line.get_xdata(), np.arange(31))
        np.testing.assert_allclose(line.get_ydata(), expected, rtol=1e-4)
        # W = 0, b = 0 predicts 0, so the first cost is the mean squared final score:
        # (152² + 185² + 180² + 196² + 142²) / 5 = 148309 / 5.
        assert line.get_ydata()[0] == pytest.approx(148309 / 5, rel=1e-6)
    slow, fast, too_large = (np.asarray(line.get_ydata()) for line in lines)
    for run in (slow, fast):
        assert (np.diff(run) < 0).all() and 1 <= run[-1] < 2, "falls to about 1"
    assert (np.diff(too_large) > 0).all()
    # Without bound: along the steepest direction of the bowl (curvature lambda_max) each
    # step multiplies the error by (1 - lr lambda_max), the cost by its square, > 1 here.
    growth = (1 - 5e-5 * hessian_eigenvalues(QUIZ_X)[-1]) ** 2
    assert growth > 1.4
    assert too_large[-1] / too_large[-2] == pytest.approx(growth, rel=1e-3)


def test_module_vs_hand_matches_its_alt_text() -> None:
    """nn-module.md: "The cost per epoch of the hand-written model and of nn.Linear, both
    started at zero, drawn on a log scale: the dashed nn.Linear curve lies exactly on the
    hand-written one"."""
    (ax,) = default_figure("module_vs_hand").axes
    assert ax.get_yscale() == "log"
    hand, module = ax.get_lines()
    assert (hand.get_label(), module.get_label()) == ("hand-written W, b", "nn.Linear(1, 1)")
    assert (hand.get_linestyle(), module.get_linestyle()) == ("-", "--")
    # Both from zero: the first cost is mean(2², 4², 6²) = 56/3.
    assert hand.get_ydata()[0] == module.get_ydata()[0] == pytest.approx(56 / 3, rel=1e-6)
    _, expected = descend(TRAIN_X, TRAIN_Y, lr=0.01, epochs=2000)
    np.testing.assert_allclose(hand.get_ydata(), expected, rtol=1e-3)  # 2000 float32 steps
    # "Exactly on" as a figure can show it. (The page also prints bit-for-bit equality;
    # that rests on addmm rounding as matmul + add does, which PyTorch does not promise
    # on every CPU path, so this test does not ask for it.)
    np.testing.assert_allclose(module.get_ydata(), hand.get_ydata(), rtol=1e-6, atol=0)


def test_batch_sizes_matches_its_alt_text() -> None:
    """mini-batches.md: "Cost on all samples after every update, on a log scale, over
    five epochs: the full batch of 1000 decreases smoothly but slowly; batch sizes 100 and
    10 reach the noise floor within the first epoch, and batch size 10 keeps jittering
    around it"."""
    (ax,) = default_figure("batch_sizes").axes
    assert ax.get_yscale() == "log"
    full, hundred, ten = ax.get_lines()
    assert [line.get_label() for line in (full, hundred, ten)] == [
        "batch_size = 1000",
        "batch_size = 100",
        "batch_size = 10",
    ]
    # 1000 samples in batches of m make 1000 / m updates an epoch: update k at epoch k m / 1000.
    for line, per_epoch in ((full, 1), (hundred, 10), (ten, 100)):
        epochs = np.arange(5 * per_epoch + 1) / per_epoch
        np.testing.assert_allclose(line.get_xdata(), epochs, rtol=1e-6, atol=1e-6)

    x, y = (t.double().numpy().ravel() for t in noisy_line(1000, seed=0))
    # The noise floor: the least cost any line reaches on these samples (least squares).
    _, (squared_residuals,), *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y)
    floor = squared_residuals / len(x)
    assert floor == pytest.approx(1.0, abs=0.1), "noise of standard deviation 1"
    for line in (full, hundred, ten):
        costs = np.asarray(line.get_ydata())
        assert costs[0] == pytest.approx(np.mean(y**2), rel=1e-5), "W = 0, b = 0 predicts 0"
        assert costs.min() >= floor * (1 - 1e-5), "no line beats least squares"

    # The full batch is plain gradient descent: smooth, and after 5 epochs still above.
    _, expected = descend(x, y, lr=0.01, epochs=5)
    np.testing.assert_allclose(full.get_ydata(), expected, rtol=1e-4)
    assert (np.diff(full.get_ydata()) < 0).all() and full.get_ydata()[-1] > 1.1 * floor
    assert hundred.get_ydata()[10] < 1.2 * floor and ten.get_ydata()[100] < 1.2 * floor
    after_first_epoch = np.asarray(ten.get_ydata()[100:])
    assert (np.diff(after_first_epoch) > 0).mean() > 0.25, "jitters: often goes back up"
    assert after_first_epoch.max() < 2 * floor, "...around the floor"


def test_batch_sizes_take_n_over_m_steps_per_epoch_and_reach_the_noise_floor() -> None:
    lines = batch_sizes(sizes=(1000, 100), epochs=3).axes[0].get_lines()
    assert [len(line.get_ydata()) for line in lines] == [1 + 3, 1 + 30]
    full, small = (line.get_ydata() for line in lines)
    assert full[0] == small[0]
    assert 0.8 < small[-1] < 1.3, "noise of standard deviation 1: the best cost is about 1"
    assert full[-1] > small[-1]


def test_descent_path_matches_its_alt_text() -> None:
    """closed-form.md: "Contours of the cost over W and b for the four exam scores. The
    gradient descent path starts at (0, 0), runs quickly down the steep side of a long,
    narrow valley, then crawls along its floor towards the star that marks the
    closed-form solution"."""
    (ax,) = default_figure("descent_path").axes
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("W", "b")
    # Vertices are linear interpolations between grid points: their cost is off by far
    # less than the 1.46x between levels.
    contours = contour_set(ax)
    assert assert_contours_on_cost(contours, EXAM_HOURS, EXAM_SCORES, rel=2e-3, abs_=0) >= 10

    # The closed form by hand: mean hours 3.5, mean score 44.5,
    # W = sum((x - 3.5)(y - 44.5)) / sum((x - 3.5)²) = 50 / 5 = 10, b = 44.5 - 10 * 3.5 = 9.5;
    # its cost: errors -4.5, 10.5, -7.5, 1.5, mean square 189 / 4 = 47.25.
    design = np.column_stack([EXAM_HOURS, np.ones(4)])
    np.testing.assert_allclose(np.linalg.lstsq(design, EXAM_SCORES)[0], [10.0, 9.5])
    path, star = ax.get_lines()
    assert path.get_label() == "gradient descent, lr = 0.01"
    assert star.get_label() == "closed form (lstsq)" and star.get_marker() == "*"
    assert (star.get_xdata()[0], star.get_ydata()[0]) == pytest.approx((10.0, 9.5), abs=1e-3)

    ws, bs = (np.asarray(a, dtype=float) for a in path.get_data())
    assert (ws[0], bs[0]) == (0.0, 0.0)
    params, _ = descend(EXAM_HOURS, EXAM_SCORES, lr=0.01, epochs=2000)
    np.testing.assert_allclose(ws, params[:, 0], atol=1e-4)
    np.testing.assert_allclose(bs, params[:, 1], atol=1e-4)

    # A long, narrow valley: the curvatures of the cost differ by a factor over 100, so
    # each contour is an ellipse, sqrt(2 (level - 47.25) / curvature) across each axis.
    curvatures, axes = np.linalg.eigh(hessian(EXAM_HOURS))
    assert curvatures[1] / curvatures[0] > 100
    level, lowest = next(
        (level, contour.vertices)
        for level, contour in zip(contours.levels, contours.get_paths(), strict=True)
        if len(contour.vertices)
    )
    (w_low, w_high), (b_low, b_high) = ax.get_xlim(), ax.get_ylim()
    assert w_low < lowest[:, 0].min() and lowest[:, 0].max() < w_high, "a whole ellipse"
    assert b_low < lowest[:, 1].min() and lowest[:, 1].max() < b_high
    along = (lowest - [10.0, 9.5]) @ axes
    half_widths = (along.max(axis=0) - along.min(axis=0)) / 2
    np.testing.assert_allclose(half_widths, np.sqrt(2 * (level - 47.25) / curvatures), rtol=0.01)

    # Quickly down the steep side: after 20 steps what is left of the way lies along the
    # valley floor (the flat axis), and that is still over 40% of it; crawling: each of
    # the other 1980 steps is shorter than 1% of the first.
    offsets = np.column_stack([ws - 10.0, bs - 9.5])
    distances = np.hypot(offsets[:, 0], offsets[:, 1])
    across_floor = abs(offsets @ axes[:, 1]) / distances
    assert across_floor[20] < np.sin(np.radians(1)) and distances[20] > 0.4 * distances[0]
    steps = np.hypot(np.diff(ws), np.diff(bs))
    assert steps[20:].max() < 0.01 * steps[0]
    assert (np.diff(distances) < 0).all() and distances[-1] < 0.25, "towards the star"
