"""One function per figure; each returns a matplotlib Figure, shown on no screen.

The site's build hook (hooks/figures.py) calls every function named in `__all__`
with no arguments and writes `figures/<name>.svg`, so a page shows a figure with
`![alt text](figures/<name>.svg)` and a reader redraws it with the same call.

The figures' text is English, or Korean for the Korean edition: with the environment
variable `LINREG_LANG=ko`, or inside `with language("ko"):`, every figure is drawn with
Korean titles, labels and legends; `translate(fig, "ko")` turns a figure drawn in
English into the Korean one (linreg/plots/_language.py). `__all__` lists the figures.
"""

from linreg.plots._language import language as language
from linreg.plots._language import translate as translate
from linreg.plots.beyond import (
    batch_sizes,
    descent_path,
    learning_rates,
    module_vs_hand,
)
from linreg.plots.cost import residuals
from linreg.plots.data import train_points
from linreg.plots.descent import cost_curve, descent_steps
from linreg.plots.generalisation import degree_costs, polynomial_fits
from linreg.plots.labs import cost_history, cost_panels, fit_snapshots, path_on_contours
from linreg.plots.probabilistic import noise_densities, outlier_fits, validation_curve
from linreg.plots.real_data import regression_to_the_mean

__all__ = [
    "batch_sizes",
    "cost_curve",
    "cost_history",
    "cost_panels",
    "degree_costs",
    "descent_path",
    "descent_steps",
    "fit_snapshots",
    "learning_rates",
    "module_vs_hand",
    "noise_densities",
    "outlier_fits",
    "path_on_contours",
    "polynomial_fits",
    "regression_to_the_mean",
    "residuals",
    "train_points",
    "validation_curve",
]
