#!/usr/bin/env python3
"""Runs the trainer README's Python snippets (packages/trainer/docs/*.py, shown there verbatim) with PyTorch.

    check_snippets.py EXPORTS OUT

EXPORTS holds the CLI's exports of the shipped models, named ARCH.LAYOUT.DTYPE.safetensors. Each torch-layout export
goes through load_export.py as the README shows it (nn.LSTM + nn.Linear, load_state_dict(strict=True)), and the
serial ones through add_serial.py after it, which must print what its comment says; each notebook-layout export loads
into the notebook's class (core's fixture models.py) with strict=True. Each model must add right in torch: a vector
model all 16,384 pairs, a serial one 200 random 64-bit sums (a bit is 1 at 0.5 or above; through a sigmoid when the
file's metadata says so). Then save_notebook.py saves the notebook's class holding the notebook.f32 fixture's weights
as OUT/notebook.safetensors, for the CLI to import. Exits 1 unless every check passes.
"""
import contextlib
import io
import os
import random
import runpy
import shutil
import sys
import tempfile
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[3]
SNIPPETS = REPO / 'packages/trainer/docs'
FIXTURES = REPO / 'packages/core/test/fixtures/torch'
sys.path.insert(0, str(FIXTURES))
try:
    import safetensors.torch  # noqa: F401
except ImportError:  # Debian packages PyTorch but not safetensors: the same format from a stand-in
    sys.path.insert(0, str(Path(__file__).resolve().parent / 'stand-in'))

import safetensors_io  # noqa: E402
from models import NotebookLSTM, serial_steps, serial_sum, vector_inputs, vector_sums  # noqa: E402

ALL_PAIRS = [(a, b) for a in range(128) for b in range(128)]
RNG = random.Random(2026)
SERIAL_SUMS = [(RNG.getrandbits(64), RNG.getrandbits(64)) for _ in range(200)]


def run_snippet(name, cwd, init_globals=None):
    """Runs a snippet as a script in `cwd`; returns its globals and what it printed."""
    out = io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out):
            result = runpy.run_path(str(SNIPPETS / name), init_globals=init_globals, run_name='__main__')
    finally:
        os.chdir(here)
    return result, out.getvalue()


def vector_right(outputs):
    return sum(s == a + b for (a, b), s in zip(ALL_PAIRS, vector_sums(outputs)))


def serial_right(per_step):
    """per_step(x) -> one output per step for sequences x [batch, steps, 2]; sums of a length go as one batch."""
    right = 0
    lengths = sorted({len(serial_steps(a, b)) for a, b in SERIAL_SUMS})
    for length in lengths:
        sums = [(a, b) for a, b in SERIAL_SUMS if len(serial_steps(a, b)) == length]
        x = torch.tensor([serial_steps(a, b) for a, b in sums], dtype=torch.float64)
        for (a, b), y in zip(sums, per_step(x).reshape(len(sums), length).tolist()):
            right += serial_sum(y) == a + b
    return right


def notebook_per_step(model, x):
    """The notebook's class returns the output after the last step only: step t's is that of the first t + 1."""
    return torch.stack([model(x[:, : t + 1]) for t in range(x.shape[1])], dim=1)


def check(path, work):
    arch, layout, dtype = path.name.split('.')[:3]
    _, metadata = safetensors_io.load(path)
    squash = torch.sigmoid if metadata.get('lstm-adder.outputActivation') == 'sigmoid' else (lambda y: y)
    printed = ''
    if layout == 'torch':
        shutil.copy(path, work / 'adder.safetensors')
        scope, _ = run_snippet('load_export.py', work)
        model = scope['model']
        if arch == 'serial':
            _, printed = run_snippet('add_serial.py', work, scope)
        what = 'load_export.py: nn.LSTM + nn.Linear'
        last_step = lambda x: model(x)[:, -1, :]  # noqa: E731
        per_step = model
    else:
        tensors, _ = safetensors_io.load(path)
        inputs, hidden = tensors['U_i'].shape
        model = NotebookLSTM(inputs, hidden, tensors['output_layer.weight'].shape[0]).double()
        model.load_state_dict(tensors, strict=True)
        what = "the notebook's class"
        last_step = model
        per_step = lambda x: notebook_per_step(model, x)  # noqa: E731
    with torch.no_grad():
        if arch == 'vector':
            right, total = vector_right(squash(last_step(vector_inputs(ALL_PAIRS, torch.float64)))), len(ALL_PAIRS)
        else:
            right, total = serial_right(lambda x: squash(per_step(x))), len(SERIAL_SUMS)
    ok = right == total
    if arch == 'serial' and layout == 'torch':
        expected = '[0, 0, 0, 1]'
        ok = ok and printed.strip() == expected
        what += f', add_serial.py printed {printed.strip()} (README: {expected})'
    print(f'{path.name}: {what}, load_state_dict(strict=True): {right}/{total} right{"" if ok else "  FAILED"}')
    return ok


def save_notebook(out):
    tensors, _ = safetensors_io.load(FIXTURES / 'notebook.f32.safetensors')
    model = NotebookLSTM(8, 16, 8)
    model.load_state_dict(tensors, strict=True)
    run_snippet('save_notebook.py', out, {'model': model})
    saved = out / 'notebook.safetensors'
    print(f'save_notebook.py wrote {saved.name}: {saved.stat().st_size} bytes')


def main():
    exports, out = Path(sys.argv[1]), Path(sys.argv[2])
    paths = sorted(exports.glob('*.safetensors'))
    if not paths:
        sys.exit(f'no .safetensors files in {exports}')
    with tempfile.TemporaryDirectory() as work:
        results = [check(path, Path(work)) for path in paths]
    save_notebook(out)
    sys.exit(0 if all(results) else 1)


if __name__ == '__main__':
    main()
