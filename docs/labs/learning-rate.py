# %% [markdown]
# # Learning rate
#
# One number decides whether gradient descent crawls, arrives, or blows up: the
# learning rate `lr`, the size of each step against the gradient. Here the same
# loop runs with three of them on the chapter's data, and we count the epochs
# each needs before its cost drops below $10^{-3}$.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
import torch

from linreg import train_data


def train(lr, nb_epochs=1000):
    """The chapter's loop from W = b = 0; the cost before every step."""
    x_train, y_train = train_data()
    W = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W, b], lr=lr)
    costs = []
    for _ in range(nb_epochs + 1):
        cost = torch.mean((x_train * W + b - y_train) ** 2)
        costs.append(cost.item())
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()
    return costs


runs = {f"lr = {lr:g}": train(lr) for lr in (0.001, 0.1, 0.2)}

# %% [markdown]
# ## When does each run get there?
#
# `first_below` returns the first epoch whose cost is under the threshold, or
# `None` if the run never gets there in 1000 epochs.

# %%
from linreg.plots.labs import first_below

for name, costs in runs.items():
    epoch = first_below(costs, 1e-3)
    print(f"{name}: below 1e-3 at epoch {epoch}, last cost {costs[-1]:.3g}")

# %% [markdown]
# ## Side by side
#
# - **Too small** ($0.001$): every step goes the right way, but after 1000 epochs
#   the cost is still far above the threshold.
# - **Good** ($0.1$): the cost falls by a constant factor per epoch, a straight
#   line on the log scale, and passes the threshold early.
# - **Too large** ($0.2$): each step jumps over the bottom of the valley and lands
#   farther from it than it started, so the cost grows by a constant factor
#   instead, until it is no longer a finite number.

# %%
from linreg.plots import cost_panels

cost_panels(runs, threshold=1e-3)
