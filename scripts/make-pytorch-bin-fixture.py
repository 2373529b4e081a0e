#!/usr/bin/python3
"""Writes pytorch_model.bin test fixtures from a golden fixture's model.safetensors.

    /usr/bin/python3 scripts/make-pytorch-bin-fixture.py [FIXTURE_DIR [OUT_DIR]]

Needs Debian's python3-torch (apt-get install python3-torch); the safetensors file is read by the tiny reader below,
not by the safetensors package. Defaults: src/test/resources/fixtures/bert -> src/test/resources/checkpoints/.
Writes
  bert-zip.bin        torch.save(state_dict) in the zip format (PyTorch >= 1.6), what Hugging Face writes
  bert-strided.bin    the same with every 2-D tensor saved as a transposed view (non-contiguous strides) and the
                      embeddings as float16 and bfloat16 copies under extra names, for the strided and dtype paths
  bert-legacy.bin     the legacy format (_use_new_zipfile_serialization=False), which probe refuses
  tiny.bin            four small tensors (a strided view, float16, a bfloat16 scalar, int64), the fuzz seed
"""
import collections
import json
import os
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}


def read_safetensors(path):
    """name -> tensor, in header order."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    out = collections.OrderedDict()
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = bytearray(data[8 + n + begin:8 + n + end])
        t = torch.frombuffer(raw, dtype=DTYPES[info["dtype"]]) if raw else torch.empty(0, dtype=DTYPES[info["dtype"]])
        out[name] = t.reshape(info["shape"]).clone()
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    fixture = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "src/test/resources/fixtures/bert")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "src/test/resources/checkpoints")
    os.makedirs(out, exist_ok=True)
    state = read_safetensors(os.path.join(fixture, "model.safetensors"))
    torch.save(state, os.path.join(out, "bert-zip.bin"))
    strided = collections.OrderedDict()
    for name, t in state.items():
        # t.T.contiguous().T has t's values with column-major strides: a non-contiguous tensor equal to t
        strided[name] = t.T.contiguous().T if t.dim() == 2 else t
    words = state["embeddings.word_embeddings.weight"]
    strided["extra.f16"] = words.to(torch.float16)
    strided["extra.bf16"] = words.to(torch.bfloat16)
    strided["extra.slice"] = words[1:3, 2:5]  # an offset into a shared storage, non-contiguous rows
    torch.save(strided, os.path.join(out, "bert-strided.bin"))
    torch.save(state, os.path.join(out, "bert-legacy.bin"), _use_new_zipfile_serialization=False)
    tiny = collections.OrderedDict()
    tiny["a.weight"] = torch.arange(6, dtype=torch.float32).reshape(3, 2).T
    tiny["b"] = torch.tensor([1.0, 0.0, -1.0, 2.0], dtype=torch.float16)
    tiny["c"] = torch.tensor(7.0, dtype=torch.bfloat16)
    tiny["ids"] = torch.tensor([0, 1], dtype=torch.int64)
    torch.save(tiny, os.path.join(out, "tiny.bin"))
    print("torch", torch.__version__, "->", out)


if __name__ == "__main__":
    main()
