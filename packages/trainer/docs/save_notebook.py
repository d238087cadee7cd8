from safetensors.torch import save_file

save_file(model.state_dict(), "notebook.safetensors")
