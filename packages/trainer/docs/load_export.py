import torch
from safetensors.torch import load_file
from torch import nn


class Adder(nn.Module):
    def __init__(self, inputs, hidden, outputs):
        super().__init__()
        self.lstm = nn.LSTM(inputs, hidden, batch_first=True)
        self.linear = nn.Linear(hidden, outputs)

    def forward(self, x):  # a logit per step
        return self.linear(self.lstm(x)[0])


state = load_file("adder.safetensors")
four_h, inputs = state["lstm.weight_ih_l0"].shape
model = Adder(inputs, four_h // 4, state["linear.weight"].shape[0]).double()
model.load_state_dict(state, strict=True)
