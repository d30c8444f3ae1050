"""One function per figure; each returns a matplotlib Figure and draws nothing on screen.

The site's build hook (hooks/figures.py) calls every function named in `__all__`
with no arguments and writes `figures/<name>.svg`, so a page shows a figure with
`![alt text](figures/<name>.svg)` and a reader redraws it with the same call.
"""

from linreg.plots.beyond import batch_sizes, descent_path, learning_rates, module_vs_hand
from linreg.plots.cost import residuals
from linreg.plots.data import train_points
from linreg.plots.descent import cost_curve, descent_steps

__all__ = [
    "batch_sizes",
    "cost_curve",
    "descent_path",
    "descent_steps",
    "learning_rates",
    "module_vs_hand",
    "residuals",
    "train_points",
]
