# %% [markdown]
# # Watching gradient descent
#
# The chapter's training loop, run once more, but this time it keeps a record:
# the line $H(x) = Wx + b$ every few epochs, the cost $\mathrm{cost}(W, b)$ after
# every epoch, and the point $(W, b)$ after every step. Three figures from
# `linreg.plots` then show the same run three ways.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
import torch

from linreg import train_data

x_train, y_train = train_data()
W = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
optimizer = torch.optim.SGD([W, b], lr=0.01)

nb_epochs = 1000
snapshots, costs, path = {}, [], []
for epoch in range(nb_epochs + 1):
    hypothesis = x_train * W + b
    cost = torch.mean((hypothesis - y_train) ** 2)
    if epoch in (0, 10, 50, 200, 1000):
        snapshots[epoch] = (W.item(), b.item())
    costs.append(cost.item())
    path.append((W.item(), b.item()))
    optimizer.zero_grad()
    cost.backward()
    optimizer.step()

print(f"W = {W.item():.4f}, b = {b.item():.4f}, cost = {cost.item():.6f}")

# %% [markdown]
# ## The line, every few epochs
#
# The first steps are large: the line swings up from $y = 0$ towards the points
# within ten epochs. After that it only tilts and slides a little.

# %%
from linreg.plots import fit_snapshots

fit_snapshots(x_train, y_train, snapshots)

# %% [markdown]
# ## The cost, on a log scale
#
# On a linear axis the cost would be a cliff and then a flat line. On a log axis
# two phases show: a fast drop while $W$ catches up with the data, then a straight
# line, the slow but steady shrinking of the error in $b$.

# %%
from linreg.plots import cost_history

cost_history(costs)

# %% [markdown]
# ## The path of (W, b) over the cost surface
#
# Each contour joins the $(W, b)$ that have the same cost. The surface is a long,
# narrow valley: gradient descent runs down the steep side first, then creeps
# along the valley floor towards $W = 2$, $b = 0$.

# %%
from linreg.plots import path_on_contours

path_on_contours(x_train, y_train, path)
