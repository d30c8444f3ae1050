# ---
# jupyter:
#   translation_of: 1e39cd62a510
# ---

# %% [markdown]
# # 옵티마이저 나란히 비교하기 { #optimizers-side-by-side }
#
# 옵티마이저 페이지에서는 평범한 SGD, 모멘텀(momentum)을 쓰는 SGD, Adam을 겨루게
# 했습니다. 이번에는 여러분이 경주를 정합니다. 옵티마이저마다 학습률(learning rate)을,
# 그리고 에포크(epoch) 수를 정해서 본편의 그릇과 좁은 골짜기에서 차례로 돌립니다. 모든
# 실행은 `optimizer=...`와 `record="epoch"`를 준 `linreg.fit`이고, 에포크마다 점
# $(W, b)$를 기록해 둡니다. 그런 다음 `linreg.plots`의 그림 두 개가 비용 곡면 위의 경로와
# 에포크별 비용을 보여 줍니다. 다음 셀의 숫자를 바꾸고 실습을 다시 실행해 보세요.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from linreg import fit, train_data

lr = {"sgd": 0.15, "momentum": 0.015, "adam": 0.5}  # 하나를 빼면 둘만 겨룹니다
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
# ## 누가 먼저 도착할까 { #who-gets-there-first }
#
# `first_below`는 비용이 처음으로 기준값(threshold) 아래로 내려간 에포크를 돌려주고,
# 끝내 내려가지 못하면 `None`을 돌려줍니다. 위의 설정은 모멘텀에 SGD의 10분의 1인
# `lr`을 줍니다. 모멘텀의 속도(velocity)는 기울기 열 개 남짓으로 자라므로, 그 뒤로는 두
# 옵티마이저의 걸음 크기가 비슷해집니다.

# %%
from linreg.plots.labs import first_below

for name, model in fits.items():
    epoch = first_below(model.history, threshold)
    W, b = model.weight.item(), model.bias.item()
    print(f"{name}: below {threshold:g} at epoch {epoch}; W {W:.3f}, b {b:.3f}")

# %% [markdown]
# ## 경로 { #the-paths }
#
# 이 그릇이 허락하는 가장 큰 학습률에 가까운 `lr = 0.15`의 SGD는 골짜기의 이쪽 벽과
# 저쪽 벽 사이를 뛰어다니고, 한 번 뛸 때마다 폭이 조금씩 줄어듭니다. 모멘텀은 속도가 쌓이는
# 동안 처음에는 크게 흔들리다가 바닥을 따라 자리를 잡습니다. Adam의 첫 걸음들은 대각선을
# 따라갑니다. 기울기가 얼마든 매개변수마다 대략 `lr`만큼 움직이기 때문입니다.

# %%
from linreg.plots import optimizer_paths

optimizer_paths(x_train, y_train, fits)

# %% [markdown]
# ## 비용 { #the-costs }
#
# 같은 실행들의 에포크별 비용을 로그 눈금(log scale)으로 그립니다. 곧은 구간은
# 에포크마다 일정한 배율로 줄어든다는 뜻이고, 물결치는 구간은 경로가 골짜기를 가로질러
# 흔들린다는 뜻입니다.

# %%
from linreg.plots import optimizer_costs

optimizer_costs(fits, threshold=threshold)

# %% [markdown]
# ## 좁은 골짜기 { #a-narrow-valley }
#
# 이번에는 최종 점수를 세 번째 퀴즈 점수 하나로, 원래 값 그대로(70점에서 100점 사이)
# 예측합니다. 특성이 하나이므로 비용은 여전히 $(W, b)$ 위의 곡면이지만, 골짜기가 너무
# 좁아서 SGD의 `lr`은 대략 $10^{-4}$ 아래에 머물러야 합니다. 골짜기 바닥을 따라가면
# 직선은 점들의 중심을 축으로 돌고, 가장 크게 바뀌는 것은 편향(bias)입니다. SGD와 모멘텀은
# 이 방향으로 거의 움직이지 못하고, 매개변수마다 걸음을 제 기울기의 크기로 맞추는 Adam은
# 이 방향을 따라 걸어갑니다.

# %%
from linreg import quiz_scores

x_quiz, y_quiz = quiz_scores()
x_quiz = x_quiz[:, 2:]  # 세 번째 퀴즈만, 모양 (5, 1)
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
# ## 해 볼 것 { #things-to-try }
#
# - 셋 모두에 같은 `lr = 0.01`(옵티마이저 페이지의 경주)을 주고, 이어서 `lr = 0.1`을
#   주어 보세요. 같은 숫자가 옵티마이저마다 다른 걸음을 뜻합니다.
# - SGD의 `lr`을 0.2로 올려 보세요. 비용 그림에는 무엇이 나오나요? 모멘텀의 속도는 기울기
#   열 개 남짓을 더한 값인데도, 모멘텀이 견디는 가장 큰 `lr`은 SGD보다 큽니다. 그 값을
#   찾아보세요. (비용이 넘쳐 무한대가 되면 `fit`이 `DivergenceError`를 일으키고 그
#   에포크를 알려 줍니다.) Adam의 `lr`은 얼마나 커도 될까요?
# - 골짜기에서 퀴즈 점수를 먼저 표준화하고
#   (`(x_quiz - x_quiz.mean()) / x_quiz.std()`) 다시 겨루게 해 보세요. 골짜기가 둥근
#   그릇이 됩니다.
