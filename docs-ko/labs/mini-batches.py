# ---
# jupyter:
#   translation_of: a9f8efe5e5da
# ---

# %% [markdown]
# # 특성이 여럿일 때의 미니 배치 { #mini-batches-with-many-features }
#
# 퀴즈 점수 세 개로 기말 점수를 예측합니다. 가설(hypothesis)은 $H(X) = XW + b$이고 $W$의
# 모양은 $(3, 1)$입니다. 같은 모델을 세 가지 방식으로 훈련하되, 모두 데이터를 같은 횟수만큼
# 훑게 하고(에포크, epoch), 에포크가 끝날 때마다 전체 샘플에 대한 비용(cost)을 비교합니다.
#
# - **전체 배치**(full batch): 에포크마다 모든 샘플로 한 스텝을 밟습니다(본편의 방식).
# - **미니 배치**(mini-batch): 샘플 2개짜리 배치마다 한 스텝을 밟고, 에포크마다 데이터를
#   새로 섞습니다.
# - **확률적**(stochastic): 샘플 하나마다 한 스텝을 밟습니다.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
import torch
from torch.utils.data import DataLoader, TensorDataset

from linreg import quiz_scores

x_train, y_train = quiz_scores()  # 학생 5명, 퀴즈 점수 3개씩 -> 기말 점수


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
# ## 에포크별 비용 { #cost-per-epoch }
#
# 에포크 하나 동안 배치가 작을수록 스텝을 더 많이 밟습니다(1번이 아니라 3번, 5번). 그래서
# 처음 몇 에포크 동안 더 멀리 나아갑니다. 다만 그 스텝 하나하나는 샘플 몇 개만의 기울기를
# 따라가므로, 전체 배치의 곡선이 매끄럽게 미끄러지는 곳에서 이들의 곡선은 흔들릴 수
# 있습니다.

# %%
from linreg.plots import cost_history

cost_history(runs)
