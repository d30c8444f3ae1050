"""How much `linreg.fit` costs over the bare loop, and how `closed_form` compares.

Prints ratios from one run on this machine (absolute times depend on the machine;
the ratios are what the README quotes). Not a test: nothing here passes or fails.

Times are CPU time of this process (`time.process_time`) with PyTorch on one
thread: on a shared machine wall-clock time mostly measures the neighbours, while
CPU time measures the work. Each figure is the best of REPEAT interleaved runs after
a warm-up call.

    .venv/bin/pip install -c constraints.txt -e ".[bench]"
    .venv/bin/python benchmarks/bench_fit.py
"""

import platform
import time
import timeit
from collections.abc import Callable

import torch
from sklearn.linear_model import LinearRegression
from torch import optim

from linreg import closed_form, exam_scores, fit, train_data

REPEAT = 15  # best of REPEAT: the minimum is the run least disturbed by the machine
EPOCHS = 2000


def bare_loop(x_train: torch.Tensor, y_train: torch.Tensor) -> None:
    """The chapter's loop as a reader types it: no checks, no history."""
    W = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = optim.SGD([W, b], lr=0.01)
    for _epoch in range(EPOCHS):
        hypothesis = x_train * W + b
        cost = torch.mean((hypothesis - y_train) ** 2)
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()


def best(functions: dict[str, Callable[[], object]], number: int) -> dict[str, float]:
    """Best time per call of each function; runs are interleaved so drift hits all alike."""
    for function in functions.values():
        function()  # warm-up: first-call allocations and dispatch caches
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(REPEAT):
        for name, function in functions.items():
            times[name].append(
                timeit.timeit(function, number=number, timer=time.process_time) / number
            )
    return {name: min(values) for name, values in times.items()}


def max_abs_difference(model_params: torch.Tensor, reference: torch.Tensor) -> float:
    return (model_params.double() - reference.double()).abs().max().item()


def accuracy(name: str, x: torch.Tensor, y: torch.Tensor) -> None:
    model = closed_form(x, y)
    ours = torch.cat([model.weight.flatten(), model.bias])
    design = torch.cat([x, torch.ones(len(x), 1)], dim=1)
    direct32 = torch.linalg.lstsq(design, y).solution.flatten()
    direct64 = torch.linalg.lstsq(design.double(), y.double()).solution.flatten()
    sklearn = LinearRegression().fit(x.double().numpy(), y.double().numpy())
    reference = torch.tensor([*sklearn.coef_.flatten(), *sklearn.intercept_])
    print(f"closed_form on {name}: max |difference| in (W, b) from")
    print(f"  torch.linalg.lstsq in float32: {max_abs_difference(ours, direct32):.2e}")
    print(f"  torch.linalg.lstsq in float64: {max_abs_difference(ours, direct64):.2e}")
    print(f"  sklearn LinearRegression     : {max_abs_difference(ours, reference):.2e}")


def main() -> None:
    torch.set_num_threads(1)  # so that process time is the time of one worker
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread, {platform.machine()}")
    x_train, y_train = train_data()
    times = best(
        {
            "bare": lambda: bare_loop(x_train, y_train),
            "fit": lambda: fit(x_train, y_train, lr=0.01, epochs=EPOCHS),
        },
        number=1,
    )
    print(f"train_data, {EPOCHS} epochs, best of {REPEAT}:")
    print(f"  bare loop   {times['bare'] * 1e3:7.1f} ms")
    print(f"  linreg.fit  {times['fit'] * 1e3:7.1f} ms")
    print(f"  fit / bare loop = {times['fit'] / times['bare']:.3f}x")
    solve = best({"closed_form": lambda: closed_form(x_train, y_train)}, number=200)
    print(f"  closed_form {solve['closed_form'] * 1e6:7.1f} us")
    print(f"  fit / closed_form = {times['fit'] / solve['closed_form']:,.0f}x")

    generator = torch.Generator().manual_seed(0)
    x = torch.randn(1000, 5, generator=generator) * torch.tensor([1.0, 10.0, 100.0, 0.1, 1.0])
    y = x @ torch.randn(5, 1, generator=generator) + 3 + torch.randn(1000, 1, generator=generator)
    accuracy("exam_scores", *exam_scores())
    accuracy("1000 x 5 random features on scales 0.1..100", x, y)


if __name__ == "__main__":
    main()
