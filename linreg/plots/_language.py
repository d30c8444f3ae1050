"""The language of the figures' text: English as written, or Korean from a catalogue.

The plot functions write their titles, labels and legends in English, and readers see
that source on the pages; it stays the one thing to read. The Korean edition gets
Korean figures from the same functions: `styled` (linreg/plots/_style.py) hands each
finished figure to `translate`, which looks every text of it up in `KOREAN`.

The language comes from, first to last:
- `language("ko")`, a context manager, for code that draws both editions;
- the environment variable `LINREG_LANG` (`en` or `ko`), read at each call, so a
  build or a notebook kernel started with `LINREG_LANG=ko` draws Korean figures;
- English.

A catalogue key is an English text as a figure shows it, with two kinds of
placeholder: `{n}` stands for a number as Python prints it (`epoch 3`, `slope -14`,
`threshold 0.001`), kept as is; `{name}` for any text, itself looked up in the
catalogue (a run's name in a panel's title). A text the catalogue does not hold
(a number, `y = 2x`, a reader's own label) is left as it is.
"""

import contextlib
import functools
import os
import re
from collections.abc import Iterator
from contextvars import ContextVar

from matplotlib.figure import Figure
from matplotlib.text import Text

__all__ = ["LANGUAGES", "current_language", "language", "translate"]

LANGUAGES = ("en", "ko")
VARIABLE = "LINREG_LANG"

# English text -> Korean text, in the Korean edition's terms (its TERMS.md): 비용 cost,
# 에포크 epoch, 기울기 slope, 기준값 threshold (a cost to get below), 로그 눈금 log scale.
KOREAN = {
    # train_points
    "training samples (x_train, y_train)": "훈련 샘플 (x_train, y_train)",
    "hours studied": "공부한 시간",
    "score": "점수",
    "Three samples, one feature each": "샘플 세 개, 특성은 하나씩",
    # residuals
    "actual scores": "실제 점수",
    "error = y - H(x)": "오차 = y - H(x)",
    "exam score": "시험 점수",
    "Each error is the vertical gap\nbetween a point and the line": (
        "오차는 점과 직선 사이의\n세로 간격입니다"
    ),
    # cost_curve, descent_steps
    "slope {n}": "기울기 {n}",
    "The cost is a bowl;\nthe tangent's slope says which way is down": (
        "비용은 그릇 모양이고, 접선의 기울기가\n내려가는 방향을 알려 줍니다"
    ),
    # learning_rates, module_vs_hand, batch_sizes, cost_history, cost_panels
    "epoch": "에포크",
    "cost (mean squared error)": "비용 (평균 제곱 오차)",
    "Raw quiz scores: one notch too large\nand the cost explodes": (
        "원래 퀴즈 점수: 학습률이\n한 단계만 커도 비용이 폭발합니다"
    ),
    "hand-written W, b": "손으로 쓴 W, b",
    "Same start, same updates:\nthe two curves are one": (
        "같은 시작, 같은 업데이트:\n두 곡선은 하나로 겹칩니다"
    ),
    "Smaller batches: more, noisier steps per pass": (
        "배치가 작을수록 에포크마다\n더 많이, 더 흔들리며 내려갑니다"
    ),
    "epoch (one pass over all 1000 samples)": "에포크 (샘플 1000개를 모두 한 번 훑기)",
    "cost on all samples": "전체 샘플에 대한 비용",
    # descent_path
    "gradient descent, lr = {n}": "경사 하강법, lr = {n}",
    "closed form (lstsq)": "닫힌 형태 해 (lstsq)",
    "Gradient descent walks\nto where the closed form jumps": (
        "닫힌 형태 해가 단번에 가는 곳으로\n경사 하강법은 걸어서 갑니다"
    ),
    # fit_snapshots
    "data": "데이터",
    "epoch {n}": "에포크 {n}",
    "The line moves onto the data": "직선이 데이터 위로 옮겨 갑니다",
    # cost_history
    "cost": "비용",
    "threshold {n}": "기준값 {n}",
    "cost (log scale)": "비용 (로그 눈금)",
    "Cost per epoch": "에포크별 비용",
    # cost_panels: a run's name, then what became of it
    "{name}: epoch {n}": "{name}: 에포크 {n}",
    "{name}: diverged": "{name}: 발산",
    "{name}: not yet": "{name}: 아직 기준값 위",
    # path_on_contours
    "path of (W, b)": "(W, b)의 경로",
    "start": "시작",
    "end": "끝",
    "Down the slope of the cost surface": "비용 곡면의 비탈을 따라 내려갑니다",
    # degree_costs, polynomial_fits
    "training ({n} samples)": "훈련 ({n}개 샘플)",
    "validation ({n} samples)": "검증 ({n}개 샘플)",
    "noise variance {n}": "노이즈 분산 {n}",
    "polynomial degree": "다항식 차수",
    "Training cost falls;\nvalidation cost turns up": (
        "훈련 비용은 내려가고\n검증 비용은 다시 올라갑니다"
    ),
    "training samples": "훈련 샘플",
    "validation samples": "검증 샘플",
    "degree {n}": "{n}차",
    "Low degree misses the wave;\nhigh degree chases the noise": (
        "차수가 낮으면 물결을 놓치고\n높으면 노이즈를 쫓아갑니다"
    ),
    # the runs the lab "Mini-batches" names (docs/labs/mini-batches.py)
    "full batch ({n})": "전체 배치 ({n})",
    "mini-batch ({n})": "미니 배치 ({n})",
    "stochastic ({n})": "확률적 ({n})",
    # noise_densities
    "Gaussian (squared error)": "가우스 노이즈 (제곱 오차)",
    "Laplace (absolute error)": "라플라스 노이즈 (절대 오차)",
    "error ε = y - H(x)": "오차 ε = y - H(x)",
    "density (log scale)": "확률 밀도 (로그 눈금)",
    "Large errors are far likelier\nunder Laplace noise": (
        "라플라스 노이즈에서는\n큰 오차가 훨씬 자주 나옵니다"
    ),
    # outlier_fits
    "samples": "샘플",
    "lost reading": "잘못 기록된 값",
    "least squares (MSE)": "평균 제곱 오차 최소",
    "least absolute error (MAE)": "평균 절대 오차 최소",
    "One bad point pulls the squared error,\nnot the absolute error": (
        "잘못된 점 하나가 제곱 오차의 직선은 끌어당기지만\n절대 오차의 직선은 그대로 둡니다"
    ),
    # validation_curve
    "training cost": "훈련 비용",
    "validation cost": "검증 비용",
    "lowest validation cost, λ = {n}": "검증 비용 최소, λ = {n}",
    "weight decay λ (log scale)": "가중치 감쇠 λ (로그 눈금)",
    "Too weak a penalty fits the noise,\ntoo strong a one flattens the fit": (
        "벌점이 약하면 노이즈까지 맞추고,\n너무 강하면 예측이 납작해집니다"
    ),
    # regression_to_the_mean
    "{n} children (jittered)": "자녀 {n}명 (조금씩 흩뜨림)",
    "least squares: slope {n}": "최소제곱 직선: 기울기 {n}",
    "the means": "평균",
    "mid-parent height (inches)": "부모 평균 키 (인치)",
    "child's height (inches)": "자녀의 키 (인치)",
    "Children of tall parents are tall,\nbut less so": (
        "키 큰 부모의 자녀는 크지만,\n부모만큼 크지는 않습니다"
    ),
}

CATALOGUES = {"ko": KOREAN}

NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|[-+]?inf|nan"  # as Python prints a float
PLACEHOLDERS = {"{n}": f"(?P<n>{NUMBER})", "{name}": "(?P<name>.+)"}

_chosen: ContextVar[str | None] = ContextVar("linreg_plots_language", default=None)


def _checked(lang: str, where: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"{where} must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return lang


def current_language() -> str:
    """The language figures are drawn in now: `language(...)`, else `LINREG_LANG`, else en."""
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    return _checked(os.environ.get(VARIABLE) or "en", f"the environment variable {VARIABLE}")


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Draw the figures made inside the `with` block in `lang` ("en" or "ko").

    It wins over the environment variable LINREG_LANG, and holds for this thread or
    task only.

    ```py
    from linreg.plots import cost_history, language

    with language("ko"):
        ax = cost_history([4.0, 2.0, 1.0]).axes[0]
    print(ax.get_title(), "|", ax.get_xlabel())
    #> 에포크별 비용 | 에포크
    print(cost_history([4.0, 2.0, 1.0]).axes[0].get_title())
    #> Cost per epoch
    ```

    Raises:
        ValueError: if lang is not a language the figures are drawn in.
    """
    token = _chosen.set(_checked(lang, "language: lang"))
    try:
        yield
    finally:
        _chosen.reset(token)


@functools.cache
def _patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """The catalogue's keys with placeholders as regular expressions, with their texts."""
    patterns = []
    for english, translated in CATALOGUES[lang].items():
        pattern = "".join(
            PLACEHOLDERS.get(part, re.escape(part))
            for part in re.split(r"(\{n\}|\{name\})", english)
        )
        patterns.append((re.compile(pattern, re.DOTALL), translated))
    return patterns


def translate_text(text: str, lang: str) -> str:
    """`text` in `lang`: its catalogue entry, with the placeholders filled in, or `text`.

    ```py
    from linreg.plots._language import translate_text

    print(translate_text("lr = 0.1: epoch 90", "ko"))
    #> lr = 0.1: 에포크 90
    print(translate_text("y = 2x", "ko"))
    #> y = 2x
    ```
    """
    if lang == "en" or not text:
        return text
    catalogue = CATALOGUES[lang]
    if text in catalogue:
        return catalogue[text]
    for pattern, translated in _patterns(lang):
        match = pattern.fullmatch(text)
        if match is not None:
            fields = match.groupdict()
            if "name" in fields:
                fields["name"] = translate_text(fields["name"], lang)
            return translated.format(**fields)
    return text


def translate(fig: Figure, lang: str) -> Figure:
    """Put every text of `fig`, a figure drawn in English, in `lang`, in place, and
    return `fig`.

    Texts are titles, axis labels, legends, annotations; each artist's label is
    translated too, so a legend drawn again later is in `lang` as well. Layout is
    redone when the figure is next drawn, so a figure saved in English, translated and
    saved again is the figure drawn in `lang` from the start: one drawing serves both
    editions.

    ```py
    from linreg.plots import fit_snapshots, translate

    fig = fit_snapshots()
    translate(fig, "ko")
    ax = fig.axes[0]
    print(ax.get_title())
    #> 직선이 데이터 위로 옮겨 갑니다
    print([line.get_label() for line in ax.get_lines()][:2])
    #> ['에포크 0', '에포크 10']
    ```

    Raises:
        ValueError: if lang is not a language the figures are drawn in.
    """
    _checked(lang, "translate: lang")
    if lang == "en":
        return fig
    for artist in fig.findobj():
        if isinstance(artist, Text):
            artist.set_text(translate_text(artist.get_text(), lang))
        label = artist.get_label()
        if isinstance(label, str) and label and not label.startswith("_"):
            artist.set_label(translate_text(label, lang))
    return fig
