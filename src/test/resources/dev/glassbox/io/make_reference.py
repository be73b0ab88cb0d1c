# Writes reference.safetensors with Hugging Face's own implementation (pip package "safetensors"),
# so SafetensorsTest can check that our reader understands files made elsewhere.
# Run once: python make_reference.py  (needs safetensors and numpy); the output is committed.
import numpy as np
from safetensors.numpy import save_file

tensors = {
    "f32": (np.arange(6, dtype=np.float32) * 0.5 - 1).reshape(2, 3),  # -1, -0.5, 0, 0.5, 1, 1.5
    "f16": np.array([1.0, -2.0, 65504.0, 2.0**-24, 1.0 / 3.0, np.inf, -0.0], dtype=np.float16),
    "i64": np.array([1, 2, 3], dtype=np.int64),  # not loadable as floats: only the header lists it
}
save_file(tensors, "reference.safetensors", metadata={"format": "np", "made_by": "safetensors (python)"})
