"""A stand-in for the safetensors library, used only where it is not installed (check_snippets.py)."""
