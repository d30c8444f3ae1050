"""The beyond-the-notes figures draw what their pages say about them."""

import pytest

from linreg import closed_form, exam_scores
from linreg.plots import batch_sizes, descent_path, learning_rates, module_vs_hand


def test_learning_rates_two_converge_and_one_diverges() -> None:
    lines = learning_rates().axes[0].get_lines()
    starts = [line.get_ydata()[0] for line in lines]
    ends = [line.get_ydata()[-1] for line in lines]
    assert starts[0] == starts[1] == starts[2], "every run starts from W = 0, b = 0"
    assert ends[0] < 2 and ends[1] < 2
    assert ends[2] > 1000 * starts[2]


def test_module_vs_hand_starts_at_the_chapter_cost_and_converges() -> None:
    hand, module = module_vs_hand().axes[0].get_lines()
    assert hand.get_ydata()[0] == pytest.approx(56 / 3)  # mean of 2², 4², 6²
    assert hand.get_ydata()[-1] < 1e-4
    assert list(hand.get_ydata()) == list(module.get_ydata())


def test_batch_sizes_take_n_over_m_steps_per_epoch_and_reach_the_noise_floor() -> None:
    lines = batch_sizes(sizes=(1000, 100), epochs=3).axes[0].get_lines()
    assert [len(line.get_ydata()) for line in lines] == [1 + 3, 1 + 30]
    full, small = (line.get_ydata() for line in lines)
    assert full[0] == small[0]
    assert 0.8 < small[-1] < 1.3, "noise of standard deviation 1: the best cost is about 1"
    assert full[-1] > small[-1]


def test_descent_path_starts_at_zero_and_ends_near_the_closed_form() -> None:
    path, solution = descent_path().axes[0].get_lines()
    assert (path.get_xdata()[0], path.get_ydata()[0]) == (0.0, 0.0)
    exact = closed_form(*exam_scores())
    assert solution.get_xdata()[0] == pytest.approx(exact.weight.item(), abs=1e-4)
    assert solution.get_ydata()[0] == pytest.approx(exact.bias.item(), abs=1e-4)
    assert abs(path.get_xdata()[-1] - exact.weight.item()) < 0.1
    assert abs(path.get_ydata()[-1] - exact.bias.item()) < 0.3
