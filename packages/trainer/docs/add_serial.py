# Serial: 5 + 3, a bit of each per step, LSB first
x = torch.tensor([[[1, 1], [0, 1], [1, 0], [0, 0]]], dtype=torch.float64)
print((torch.sigmoid(model(x)) >= 0.5).int().flatten().tolist())  # [0, 0, 0, 1]: 8
