#!/usr/bin/env python3
"""Generate golden Batch Normalization fixtures from real PyTorch and Keras 3.

The Java unit tests compare the hand-written Batch Normalization against the
JSON files written here.  The frameworks are only needed to *regenerate*
the fixtures; the Java build never runs this script.

Usage (see README.md in this folder for the venv setup):

    python tools/golden/generate_golden.py            # regenerate both files, then check them
    python tools/golden/generate_golden.py --only pytorch
    python tools/golden/generate_golden.py --check    # only re-check existing files (needs numpy only)

Every random number comes from numpy generators with fixed seeds, and every
input (x, dy, the step batches, the eval batch, gamma, beta) is written to the
JSON, so Java never has to reproduce any random number generator.

All framework computations run in float32 (the frameworks' default dtype).
After writing, each file is re-loaded and compared with an independent
float64 numpy implementation of the formulas from the Batch Normalization
paper (Ioffe & Szegedy, 2015) plus each framework's running-statistics rule.
"""

import argparse
import json
import os
import platform
import sys
from pathlib import Path

# Keras 3 reads its backend from the environment when it is first imported.
os.environ.setdefault("KERAS_BACKEND", "jax")

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = REPO_ROOT / "lib" / "src" / "test" / "resources" / "golden"
PYTORCH_FILE = OUT_DIR / "pytorch_batchnorm.json"
KERAS_FILE = OUT_DIR / "keras_batchnorm.json"

BASE_SEED = 20240611  # any fixed number; changing it changes every fixture
NUM_STEPS = 3         # length of the "steps" sequence in every case


# ---------------------------------------------------------------------------
# Input construction (pure numpy, float32)
# ---------------------------------------------------------------------------

def channel_view(values, ndim, channel_axis):
    """Reshape a per-channel vector so it broadcasts along `channel_axis`."""
    shape = [1] * ndim
    shape[channel_axis] = -1
    return np.asarray(values).reshape(shape)


class CaseData:
    """All random inputs of one case, drawn once from a seeded generator.

    The input batches get a different mean and spread in each channel
    (x = scale_c * N(0,1) + offset_c), so that a normalization along the
    wrong axis cannot accidentally produce the right numbers.
    """

    def __init__(self, seed, shape, channel_axis, num_steps=NUM_STEPS):
        rng = np.random.default_rng(seed)
        c = shape[channel_axis]
        ndim = len(shape)
        # Per-channel distribution of the data, shared by all batches of the case.
        self.scale = rng.uniform(0.5, 3.0, size=c)
        self.offset = rng.uniform(-2.0, 2.0, size=c)
        # Learnable affine parameters, deliberately far from the (1, 0) default.
        self.gamma = rng.uniform(0.5, 1.5, size=c).astype(np.float32)
        self.beta = rng.standard_normal(c).astype(np.float32)

        def batch():
            z = rng.standard_normal(shape)
            x = (channel_view(self.scale, ndim, channel_axis) * z
                 + channel_view(self.offset, ndim, channel_axis))
            return x.astype(np.float32)

        self.x_train = batch()
        self.dy = rng.standard_normal(shape).astype(np.float32)
        self.x_steps = [batch() for _ in range(num_steps)]
        self.x_eval = batch()


def flat(a):
    """Row-major flattening into plain Python floats (exact float32 values)."""
    return [float(v) for v in np.asarray(a, dtype=np.float32).ravel(order="C")]


# ---------------------------------------------------------------------------
# PyTorch
# ---------------------------------------------------------------------------

# (name, module, layout, shape, eps, momentum); momentum None = cumulative average.
PYTORCH_CASES = [
    ("BatchNorm1d_NC", "BatchNorm1d", "NC", (6, 4), 1e-5, 0.1),
    ("BatchNorm1d_NCL", "BatchNorm1d", "NCL", (4, 3, 5), 1e-5, 0.1),
    ("BatchNorm2d_NCHW", "BatchNorm2d", "NCHW", (4, 3, 2, 3), 1e-5, 0.1),
    ("BatchNorm3d_NCDHW", "BatchNorm3d", "NCDHW", (2, 3, 2, 2, 3), 1e-5, 0.1),
    ("BatchNorm2d_NCHW_cumulative", "BatchNorm2d", "NCHW", (4, 3, 2, 3), 1e-5, None),
    ("BatchNorm1d_NCL_momentum0.3_eps1e-3", "BatchNorm1d", "NCL", (5, 3, 4), 1e-3, 0.3),
]


def case_record(name, module, layout, shape, channel_axis, eps, momentum, data, train, steps, y_eval) -> dict:
    """One case of a golden file: its settings, the inputs, what the framework computed in training and in eval."""
    return {
        "name": name,
        "module": module,
        "layout": layout,
        "shape": list(shape),
        "channel_axis": channel_axis,
        "eps": eps,
        "momentum": momentum,
        "gamma": flat(data.gamma),
        "beta": flat(data.beta),
        "train": train,
        "steps": steps,
        "eval": {"x": flat(data.x_eval), "y": flat(y_eval)},
    }


def generate_pytorch():
    import torch

    torch.set_num_threads(1)  # fixed reduction order, reproducible bits
    torch.manual_seed(0)      # nothing random is drawn from torch, but be safe

    def fresh_layer(module, c, eps, momentum, data):
        layer = getattr(torch.nn, module)(c, eps=eps, momentum=momentum,
                                          affine=True, track_running_stats=True)
        layer = layer.to(torch.float32)
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(data.gamma))
            layer.bias.copy_(torch.from_numpy(data.beta))
        return layer

    def stats(layer):
        return flat(layer.running_mean.detach().numpy()), flat(layer.running_var.detach().numpy())

    cases = []
    for idx, (name, module, layout, shape, eps, momentum) in enumerate(PYTORCH_CASES):
        channel_axis = 1
        c = shape[channel_axis]
        data = CaseData([BASE_SEED, 1, idx], shape, channel_axis)

        # --- one training step with a backward pass: loss = sum(y * dy) -----
        layer = fresh_layer(module, c, eps, momentum, data)
        layer.train()
        x = torch.from_numpy(data.x_train.copy()).requires_grad_(True)
        y = layer(x)
        y.backward(torch.from_numpy(data.dy))  # same as (y * dy).sum().backward()
        rm, rv = stats(layer)
        train = {
            "x": flat(data.x_train),
            "dy": flat(data.dy),
            "y": flat(y.detach().numpy()),
            "dx": flat(x.grad.numpy()),
            "dgamma": flat(layer.weight.grad.numpy()),
            "dbeta": flat(layer.bias.grad.numpy()),
            "running_mean": rm,
            "running_var": rv,
        }

        # --- several training steps from a fresh layer, then eval -----------
        layer = fresh_layer(module, c, eps, momentum, data)
        layer.train()
        steps = []
        with torch.no_grad():
            for xs in data.x_steps:
                layer(torch.from_numpy(xs.copy()))
                rm, rv = stats(layer)
                steps.append({"x": flat(xs), "running_mean": rm, "running_var": rv})
            layer.eval()
            y_eval = layer(torch.from_numpy(data.x_eval.copy()))
        assert int(layer.num_batches_tracked) == NUM_STEPS

        cases.append(case_record(name, module, layout, shape, channel_axis, eps, momentum, data, train, steps,
                                 y_eval.numpy()))

    versions = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "torch": torch.__version__,
    }
    return {"framework": "pytorch", "versions": versions, "dtype": "float32", "cases": cases}


# ---------------------------------------------------------------------------
# Keras 3 (JAX backend)
# ---------------------------------------------------------------------------

# (name, layout, shape, eps, momentum); Keras defaults are eps 1e-3, momentum 0.99.
KERAS_CASES = [
    ("BatchNormalization_ND", "ND", (6, 4), 1e-3, 0.99),
    ("BatchNormalization_NHWC", "NHWC", (4, 2, 3, 3), 1e-3, 0.99),
    ("BatchNormalization_NHWC_momentum0.9_eps1e-4", "NHWC", (3, 2, 3, 3), 1e-4, 0.9),
]


def generate_keras():
    import keras
    import jax
    import jax.numpy as jnp
    import jaxlib

    backend = keras.backend.backend()
    if backend != "jax":
        raise SystemExit(f"expected the jax backend, got {backend!r} (unset KERAS_BACKEND)")
    keras.config.set_floatx("float32")

    def fresh_layer(shape, eps, momentum, data):
        layer = keras.layers.BatchNormalization(axis=-1, momentum=momentum, epsilon=eps)
        layer.build(shape)
        layer.gamma.assign(data.gamma)
        layer.beta.assign(data.beta)
        return layer

    def stats(layer):
        return (flat(np.asarray(layer.moving_mean.value)),
                flat(np.asarray(layer.moving_variance.value)))

    cases = []
    for idx, (name, layout, shape, eps, momentum) in enumerate(KERAS_CASES):
        channel_axis = len(shape) - 1
        data = CaseData([BASE_SEED, 2, idx], shape, channel_axis)

        # --- one training step with gradients through the backend's autodiff.
        # stateless_call returns the output and the updated non-trainable
        # variables (moving statistics) as values, which jax.grad can trace.
        layer = fresh_layer(shape, eps, momentum, data)
        trainable = [v.value for v in layer.trainable_variables]
        non_trainable = [v.value for v in layer.non_trainable_variables]
        x = jnp.asarray(data.x_train)
        dy = jnp.asarray(data.dy)

        def loss_fn(x_in, trainable_in):
            y_out, new_non_trainable = layer.stateless_call(
                trainable_in, non_trainable, x_in, training=True)
            return jnp.sum(y_out * dy), (y_out, new_non_trainable)

        (dx, dparams), (y, new_non_trainable) = jax.grad(
            loss_fn, argnums=(0, 1), has_aux=True)(x, trainable)
        grads = {v.name: g for v, g in zip(layer.trainable_variables, dparams)}
        new_stats = {v.name: s for v, s in zip(layer.non_trainable_variables, new_non_trainable)}

        # Cross-check against the ordinary eager call, which updates the
        # layer's moving statistics in place.
        y_eager = layer(x, training=True)
        np.testing.assert_allclose(np.asarray(y_eager), np.asarray(y), rtol=1e-6, atol=1e-6)
        rm, rv = stats(layer)
        np.testing.assert_allclose(rm, np.asarray(new_stats["moving_mean"]), rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(rv, np.asarray(new_stats["moving_variance"]), rtol=1e-6, atol=1e-7)

        train = {
            "x": flat(data.x_train),
            "dy": flat(data.dy),
            "y": flat(y),
            "dx": flat(dx),
            "dgamma": flat(grads["gamma"]),
            "dbeta": flat(grads["beta"]),
            "running_mean": flat(new_stats["moving_mean"]),
            "running_var": flat(new_stats["moving_variance"]),
        }

        # --- several training steps from a fresh layer, then inference -----
        layer = fresh_layer(shape, eps, momentum, data)
        steps = []
        for xs in data.x_steps:
            layer(jnp.asarray(xs), training=True)
            rm, rv = stats(layer)
            steps.append({"x": flat(xs), "running_mean": rm, "running_var": rv})
        y_eval = layer(jnp.asarray(data.x_eval), training=False)

        cases.append(case_record(name, "BatchNormalization", layout, shape, channel_axis, eps, momentum, data, train,
                                 steps, y_eval))

    versions = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "keras": keras.__version__,
        "keras_backend": backend,
        "jax": jax.__version__,
        "jaxlib": jaxlib.__version__,
    }
    return {"framework": "keras", "versions": versions, "dtype": "float32", "cases": cases}


# ---------------------------------------------------------------------------
# Independent float64 numpy reference, used to validate the written files
# ---------------------------------------------------------------------------

def reference_case(case, framework):
    """Recompute every stored output of one case from its stored inputs."""
    shape = tuple(case["shape"])
    axis = case["channel_axis"]
    ndim = len(shape)
    red = tuple(a for a in range(ndim) if a != axis)   # axes reduced over
    m = int(np.prod([shape[a] for a in red]))          # values per channel
    eps = case["eps"]
    mom = case["momentum"]
    gamma = np.array(case["gamma"], dtype=np.float64)
    beta = np.array(case["beta"], dtype=np.float64)
    g = channel_view(gamma, ndim, axis)
    b = channel_view(beta, ndim, axis)

    def arr(values):
        return np.array(values, dtype=np.float64).reshape(shape)

    def batch_stats(x):
        mean = x.mean(axis=red)
        var = ((x - channel_view(mean, ndim, axis)) ** 2).mean(axis=red)  # biased
        return mean, var

    def update(run_mean, run_var, mean, var, step_number):
        if framework == "pytorch":
            var_for_running = var * m / (m - 1)          # unbiased estimate
            f = 1.0 / step_number if mom is None else mom  # weight of the new value
            return (1 - f) * run_mean + f * mean, (1 - f) * run_var + f * var_for_running
        # Keras: momentum is the weight of the *old* value, variance stays biased.
        return mom * run_mean + (1 - mom) * mean, mom * run_var + (1 - mom) * var

    out = {}
    # Training step: forward, backward, running statistics.
    x = arr(case["train"]["x"])
    dy = arr(case["train"]["dy"])
    mean, var = batch_stats(x)
    inv_std = channel_view(1.0 / np.sqrt(var + eps), ndim, axis)
    xhat = (x - channel_view(mean, ndim, axis)) * inv_std
    out["train.y"] = g * xhat + b
    out["train.dbeta"] = dy.sum(axis=red)
    out["train.dgamma"] = (dy * xhat).sum(axis=red)
    sum_dy = channel_view(out["train.dbeta"], ndim, axis)
    sum_dy_xhat = channel_view(out["train.dgamma"], ndim, axis)
    out["train.dx"] = g * inv_std / m * (m * dy - sum_dy - xhat * sum_dy_xhat)
    rm, rv = update(np.zeros_like(gamma), np.ones_like(gamma), mean, var, 1)
    out["train.running_mean"], out["train.running_var"] = rm, rv

    # Sequence of steps from fresh statistics, then eval with the running ones.
    rm, rv = np.zeros_like(gamma), np.ones_like(gamma)
    for k, step in enumerate(case.get("steps", []), start=1):
        mean, var = batch_stats(arr(step["x"]))
        rm, rv = update(rm, rv, mean, var, k)
        out[f"steps[{k - 1}].running_mean"] = rm
        out[f"steps[{k - 1}].running_var"] = rv
    if "eval" in case:
        x = arr(case["eval"]["x"])
        out["eval.y"] = (g * (x - channel_view(rm, ndim, axis))
                         / channel_view(np.sqrt(rv + eps), ndim, axis) + b)
    return out


def lookup(case, dotted):
    """Fetch e.g. 'steps[1].running_var' from a case dict."""
    node = case
    for part in dotted.split("."):
        if part.endswith("]"):
            key, index = part[:-1].split("[")
            node = node[key][int(index)]
        else:
            node = node[part]
    return np.array(node, dtype=np.float64)


def check_file(path):
    """Compare a fixture file with the float64 reference; return the worst errors.

    The reported 'scaled' error is |stored - reference| / max(|reference|) per
    array, which is the meaningful precision of a float32 computation.  The
    plain relative error per element is also reported: it can be large for
    elements that are close to zero (typically in dx), so Java tests should
    combine a relative with a small absolute tolerance.
    """
    doc = json.loads(Path(path).read_text())
    framework = doc["framework"]
    worst_scaled, worst_rel = 0.0, 0.0
    print(f"{path.name}: framework={framework} dtype={doc['dtype']} versions={doc['versions']}")
    for case in doc["cases"]:
        ref = reference_case(case, framework)
        case_scaled, case_rel = 0.0, 0.0
        for key, expected in ref.items():
            stored = lookup(case, key)
            expected = expected.ravel()
            assert stored.shape == expected.shape, (case["name"], key)
            diff = np.abs(stored - expected)
            scaled = diff.max() / max(np.abs(expected).max(), 1e-30)
            rel = (diff / np.maximum(np.abs(expected), 1e-30)).max()
            if scaled > 1e-5:
                raise AssertionError(f"{case['name']} {key}: scaled error {scaled:.3g}")
            case_scaled, case_rel = max(case_scaled, scaled), max(case_rel, rel)
        print(f"  {case['name']:<45} ok  max scaled err {case_scaled:.2e}  "
              f"max elementwise rel err {case_rel:.2e}")
        worst_scaled, worst_rel = max(worst_scaled, case_scaled), max(worst_rel, case_rel)
    return worst_scaled, worst_rel


def write_json(doc, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    # Compact separators keep the files small; one case per line keeps diffs readable.
    lines = [json.dumps(case, separators=(",", ":")) for case in doc["cases"]]
    head = {k: v for k, v in doc.items() if k != "cases"}
    text = json.dumps(head, indent=1)[:-2] + ',\n "cases": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"
    json.loads(text)  # must stay valid JSON
    path.write_text(text)
    print(f"wrote {path} ({path.stat().st_size} bytes, {len(doc['cases'])} cases)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["pytorch", "keras"], help="regenerate one file only")
    parser.add_argument("--check", action="store_true", help="only validate the existing files")
    args = parser.parse_args()

    targets = {"pytorch": (PYTORCH_FILE, generate_pytorch), "keras": (KERAS_FILE, generate_keras)}
    if args.only:
        targets = {args.only: targets[args.only]}
    if not args.check:
        for path, generate in targets.values():
            write_json(generate(), path)
    for path, _ in targets.values():
        check_file(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
