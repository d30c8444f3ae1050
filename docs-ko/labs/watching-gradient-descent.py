# ---
# jupyter:
#   translation_of: 842ff462f7aa
# ---

# %% [markdown]
# # 경사 하강법 지켜보기 { #watching-gradient-descent }
#
# 본편의 훈련 루프를 한 번 더 돌리되, 이번에는 훈련 과정을 기록해 둡니다. 몇 에포크(epoch)마다
# 직선 $H(x) = Wx + b$를, 에포크마다 비용(cost) $\mathrm{cost}(W, b)$를, 스텝마다 점
# $(W, b)$를 남깁니다. 그런 다음 `linreg.plots`의 그림 세 개로 같은 훈련을 세 가지 방식으로
# 살펴봅니다.

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
# ## 몇 에포크마다 본 직선 { #the-line-every-few-epochs }
#
# 처음 몇 스텝은 보폭이 큽니다. 직선은 열 에포크도 지나기 전에 $y = 0$에서 점들 쪽으로 크게
# 들어 올려집니다. 그 뒤로는 기울기가 조금 바뀌고 위아래로 조금 움직일 뿐입니다.

# %%
from linreg.plots import fit_snapshots

fit_snapshots(x_train, y_train, snapshots)

# %% [markdown]
# ## 로그 눈금으로 본 비용 { #the-cost-on-a-log-scale }
#
# 보통의 선형 축에 그리면 비용은 절벽 하나와 그 뒤의 평평한 선으로만 보입니다. 로그 축에
# 그리면 두 단계가 드러납니다. 먼저 $W$가 데이터를 따라잡는 동안 비용이 빠르게 떨어지고,
# 그다음에는 직선이 이어집니다. $b$의 오차가 느리지만 꾸준히 줄어드는 구간입니다.

# %%
from linreg.plots import cost_history

cost_history(costs)

# %% [markdown]
# ## 비용 곡면 위에 그린 (W, b)의 경로 { #the-path-of-w-b-over-the-cost-surface }
#
# 등고선 하나는 비용이 같은 $(W, b)$들을 이은 선입니다. 비용 곡면은 길고 좁은 골짜기
# 모양이라서, 경사 하강법(gradient descent)은 먼저 가파른 비탈을 따라 내려간 다음 골짜기
# 바닥을 따라 $W = 2$, $b = 0$ 쪽으로 느릿느릿 나아갑니다.

# %%
from linreg.plots import path_on_contours

path_on_contours(x_train, y_train, path)
