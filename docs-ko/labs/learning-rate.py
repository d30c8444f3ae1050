# ---
# jupyter:
#   translation_of: 5c839ddb3800
# ---

# %% [markdown]
# # 학습률 { #learning-rate }
#
# 경사 하강법(gradient descent)이 기어가듯 느릴지, 제대로 도착할지, 아니면 폭주할지는 숫자
# 하나가 결정합니다. 기울기 반대 방향으로 내딛는 한 걸음의 크기, 곧 학습률(learning rate)
# `lr`입니다. 여기서는 같은 루프를 본편의 데이터로 세 가지 학습률에 대해 돌리고, 각 실행에서
# 비용(cost)이 $10^{-3}$ 아래로 떨어질 때까지 몇 에포크(epoch)가 걸리는지 셉니다.

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
# ## 각 실행은 언제 도착할까 { #when-does-each-run-get-there }
#
# `first_below`는 비용이 처음으로 기준값(threshold) 아래로 내려간 에포크를 돌려줍니다. 1000 에포크
# 안에 끝내 내려가지 못하면 `None`을 돌려줍니다.

# %%
from linreg.plots.labs import first_below

for name, costs in runs.items():
    epoch = first_below(costs, 1e-3)
    print(f"{name}: below 1e-3 at epoch {epoch}, last cost {costs[-1]:.3g}")

# %% [markdown]
# ## 나란히 비교하기 { #side-by-side }
#
# - **너무 작을 때** ($0.001$): 한 걸음 한 걸음은 모두 올바른 방향이지만, 1000 에포크가
#   지나도 비용은 여전히 기준값보다 한참 위에 있습니다.
# - **알맞을 때** ($0.1$): 비용이 에포크마다 일정한 비율로 줄어들어 로그 눈금에서 곧은
#   직선을 그리며, 일찌감치 기준값을 통과합니다.
# - **너무 클 때** ($0.2$): 한 걸음마다 골짜기 바닥을 지나쳐 출발할 때보다 더 먼 곳에
#   떨어집니다. 그래서 비용이 오히려 일정한 비율로 불어나고, 끝내 유한한 수로 나타낼 수조차 없게
#   됩니다.

# %%
from linreg.plots import cost_panels

cost_panels(runs, threshold=1e-3)
