"""safetensors.torch's save_file and load_file, for a machine with Debian's PyTorch, which has no safetensors
package: the same format, written and read by the helper core's fixture script uses (safetensors_io.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[5] / 'packages/core/test/fixtures/torch'))

import safetensors_io  # noqa: E402


def save_file(tensors, filename, metadata=None):
    safetensors_io.save(filename, tensors, metadata)


def load_file(filename, device='cpu'):
    return safetensors_io.load(filename)[0]
