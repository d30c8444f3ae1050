# %% [markdown]
# # Optimizers side by side
#
# The optimizers page raced plain SGD, SGD with momentum and Adam. Here you set the
# race: a learning rate for each optimizer and a number of epochs, on the chapter's
# bowl and then on a narrow valley. Every run is
# `linreg.fit` with `optimizer=...` and `record="epoch"`, which keeps the point
# $(W, b)$ after every epoch; two figures from `linreg.plots` show the paths on the
# cost surface and the cost per epoch. Change the numbers in the next cell and run
# the lab again.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from linreg import fit, train_data

lr = {"sgd": 0.15, "momentum": 0.015, "adam": 0.5}  # leave one out to race two
nb_epochs = 200
threshold = 1e-3

x_train, y_train = train_data()
names = {"sgd": "SGD", "momentum": "momentum", "adam": "Adam"}
fits = {
    f"{names[name]}, lr = {rate:g}": fit(
        x_train, y_train, lr=rate, epochs=nb_epochs, optimizer=name, record="epoch"
    )
    for name, rate in lr.items()
}

# %% [markdown]
# ## Who gets there first?
#
# `first_below` gives the first epoch whose cost is under the threshold, or `None`.
# The settings above give momentum a tenth of SGD's `lr`: its velocity grows to
# about ten gradients, so the two take steps of about the same size once it has.

# %%
from linreg.plots.labs import first_below

for name, model in fits.items():
    epoch = first_below(model.history, threshold)
    W, b = model.weight.item(), model.bias.item()
    print(f"{name}: below {threshold:g} at epoch {epoch}; W {W:.3f}, b {b:.3f}")

# %% [markdown]
# ## The paths
#
# SGD at `lr = 0.15`, near the largest rate this bowl allows, jumps from wall to
# wall of the valley, each jump a little shorter than the last. Momentum swings wide
# at first, while its velocity builds, then settles along the floor. Adam's first
# steps go along the diagonal: each parameter moves by about `lr`, whatever its
# gradient.

# %%
from linreg.plots import optimizer_paths

optimizer_paths(x_train, y_train, fits)

# %% [markdown]
# ## The costs
#
# The same runs, cost per epoch on a log scale. A straight stretch is a constant
# factor per epoch; a wavy one is a path swinging across the valley.

# %%
from linreg.plots import optimizer_costs

optimizer_costs(fits, threshold=threshold)

# %% [markdown]
# ## A narrow valley
#
# The final score against the third quiz score alone, raw (scores from 70 to 100):
# one feature, so the cost is still a surface over $(W, b)$, but a valley so narrow
# that SGD's `lr` must stay below about $10^{-4}$. Along the valley floor the line
# turns about its points' centre, and the bias changes most: that is the direction
# in which SGD and momentum barely move, and Adam, which scales each parameter's
# step by its own gradient's size, walks along.

# %%
from linreg import quiz_scores

x_quiz, y_quiz = quiz_scores()
x_quiz = x_quiz[:, 2:]  # the third quiz only, shape (5, 1)
valley_lr = {"sgd": 1e-4, "momentum": 1e-5, "adam": 1.0}
valley = {
    f"{names[name]}, lr = {rate:g}": fit(
        x_quiz, y_quiz, lr=rate, epochs=1000, optimizer=name, record="epoch"
    )
    for name, rate in valley_lr.items()
}
for name, model in valley.items():
    print(f"{name}: last cost {model.history[-1]:.2f}, b {model.bias.item():.2f}")

# %%
optimizer_paths(x_quiz, y_quiz, valley)

# %%
optimizer_costs(valley, threshold=1.0)

# %% [markdown]
# ## Things to try
#
# - Give all three the same `lr = 0.01` (the optimizers page's race), then
#   `lr = 0.1`: the same number means a different step to each.
# - Raise SGD's `lr` to 0.2: what does the cost figure say? Momentum's velocity
#   sums about ten gradients, yet its largest stable `lr` is higher than SGD's: find
#   it. (A run whose cost overflows makes `fit` raise `DivergenceError`, naming the
#   epoch.) How large can Adam's `lr` be?
# - In the valley, standardise the quiz score first
#   (`(x_quiz - x_quiz.mean()) / x_quiz.std()`) and race again: the valley becomes a
#   round bowl.
