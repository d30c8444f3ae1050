# %% [markdown]
# # Mini-batches, with many features
#
# Three quiz scores predict a final score: $H(X) = XW + b$ with $W$ of shape
# $(3, 1)$. We train the same model three ways, each for the same number of
# passes over the data (epochs), and compare the cost on all samples after each
# epoch:
#
# - **full batch**: one step per epoch, on every sample (what the chapter does);
# - **mini-batch**: a step per batch of 2 samples, reshuffled every epoch;
# - **stochastic**: a step per single sample.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
import torch
from torch.utils.data import DataLoader, TensorDataset

from linreg import quiz_scores

x_train, y_train = quiz_scores()  # 5 students, 3 quiz scores each -> final score


def train(batch_size, nb_epochs=20, lr=1e-5):
    """Cost on all samples before training and after every epoch."""
    torch.manual_seed(0)
    dataset = TensorDataset(x_train, y_train)
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True)
    W = torch.zeros((3, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([W, b], lr=lr)
    costs = [torch.mean((x_train.matmul(W) + b - y_train) ** 2).item()]
    for _ in range(nb_epochs):
        for x_batch, y_batch in loader:
            cost = torch.mean((x_batch.matmul(W) + b - y_batch) ** 2)
            optimizer.zero_grad()
            cost.backward()
            optimizer.step()
        costs.append(torch.mean((x_train.matmul(W) + b - y_train) ** 2).item())
    return costs


runs = {
    "full batch (5)": train(5),
    "mini-batch (2)": train(2),
    "stochastic (1)": train(1),
}
for name, costs in runs.items():
    print(f"{name}: cost after 1 epoch {costs[1]:.2f}, after 20 epochs {costs[-1]:.2f}")

# %% [markdown]
# ## Cost per epoch
#
# Per epoch, smaller batches take more steps (3 or 5 instead of 1), so they get further
# in the first passes. Each of their steps follows the gradient of only a few
# samples, which is why their curves can wobble where full batch glides.

# %%
from linreg.plots import cost_history

cost_history(runs)
