#!/usr/bin/python3
"""make-torchscript-fixture: trace the golden BERT fixture into the TorchScript test module.

Reads src/test/resources/fixtures/bert/ (config.json, model.safetensors, input_ids.npy, attention_mask.npy,
token_type_ids.npy, hidden_<i>.npy), rebuilds Hugging Face's BertModel forward pass as a plain torch.nn.Module,
checks it against the fixture, traces it and writes src/test/resources/torchscript/bert-tiny.pt.

The traced module takes (input_ids, attention_mask), both int64 [batch, seq], and returns a tuple of L+1 hidden
states [batch, seq, hidden] (embedding output first), as HF output_hidden_states=True gives. Token types are all 0
(segment A) because the module has no token_type_ids input.

Needs only numpy and torch (Debian: apt-get install python3-torch); no transformers.
usage: /usr/bin/python3 scripts/make-torchscript-fixture.py [--fixture DIR] [--out FILE]
"""

import argparse
import json
import math
import os
import struct
import sys
import tempfile

import numpy as np
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOLERANCE = 1e-5
SAFETENSORS_DTYPES = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "I64": "<i8", "I32": "<i4"}


def read_safetensors(path):
    """Returns {name: numpy array} of a .safetensors file: u64 LE header length, JSON header, raw LE data."""
    with open(path, "rb") as f:
        blob = f.read()
    (header_len,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + header_len].decode("utf-8"))
    data = blob[8 + header_len:]
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        if meta["dtype"] not in SAFETENSORS_DTYPES:
            sys.exit(f"{path}: tensor {name} has unsupported dtype {meta['dtype']}")
        begin, end = meta["data_offsets"]
        dtype = np.dtype(SAFETENSORS_DTYPES[meta["dtype"]])
        array = np.frombuffer(data[begin:end], dtype=dtype).reshape(meta["shape"])
        tensors[name] = array.astype(dtype.newbyteorder("="), copy=True)
    return tensors


class Embeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.position_embeddings = nn.Embedding(c["max_position_embeddings"], c["hidden_size"])
        self.token_type_embeddings = nn.Embedding(c["type_vocab_size"], c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])

    def forward(self, input_ids, token_type_ids):
        # Absolute positions 0..S-1, independent of padding; arange on the traced size stays dynamic.
        positions = torch.arange(input_ids.size(1), dtype=torch.long, device=input_ids.device).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
        x = x + self.position_embeddings(positions)
        return self.LayerNorm(x)


class SelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.heads = c["num_attention_heads"]
        self.head_size = c["hidden_size"] // self.heads
        self.query = nn.Linear(c["hidden_size"], c["hidden_size"])
        self.key = nn.Linear(c["hidden_size"], c["hidden_size"])
        self.value = nn.Linear(c["hidden_size"], c["hidden_size"])

    def split(self, x):
        # [B, S, hidden] -> [B, heads, S, head_size]
        return x.view(x.size(0), x.size(1), self.heads, self.head_size).permute(0, 2, 1, 3)

    def forward(self, x, additive_mask):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size)
        probs = torch.softmax(scores + additive_mask, dim=-1)
        context = torch.matmul(probs, v).permute(0, 2, 1, 3).contiguous()
        return context.view(context.size(0), context.size(1), self.heads * self.head_size)


class DenseLayerNorm(nn.Module):
    """HF BertSelfOutput / BertOutput: LayerNorm(dense(x) + residual) (post-LN)."""

    def __init__(self, c, width):
        super().__init__()
        self.dense = nn.Linear(width, c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])

    def forward(self, x, residual):
        return self.LayerNorm(self.dense(x) + residual)


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = SelfAttention(c)
        self.output = DenseLayerNorm(c, c["hidden_size"])

    def forward(self, x, additive_mask):
        return self.output(self.self(x, additive_mask), x)


class Intermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["intermediate_size"])

    def forward(self, x):
        return nn.functional.gelu(self.dense(x))  # exact erf GELU (HF "gelu")


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = Attention(c)
        self.intermediate = Intermediate(c)
        self.output = DenseLayerNorm(c, c["intermediate_size"])

    def forward(self, x, additive_mask):
        a = self.attention(x, additive_mask)
        return self.output(self.intermediate(a), a)


class Encoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList([Layer(c) for _ in range(c["num_hidden_layers"])])


class Bert(nn.Module):
    """HF BertModel without the pooler. forward(input_ids, attention_mask) -> tuple of L+1 hidden states."""

    def __init__(self, c):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.encoder = Encoder(c)

    def hidden_states(self, input_ids, attention_mask, token_type_ids):
        # Keys only: HF adds (1 - mask) * finfo(float32).min to the scaled scores, shape [B, 1, 1, S].
        mask = attention_mask[:, None, None, :].to(torch.float32)
        additive_mask = (1.0 - mask) * torch.finfo(torch.float32).min
        x = self.embeddings(input_ids, token_type_ids)
        states = [x]
        for layer in self.encoder.layer:
            x = layer(x, additive_mask)
            states.append(x)
        return tuple(states)

    def forward(self, input_ids, attention_mask):
        return self.hidden_states(input_ids, attention_mask, torch.zeros_like(input_ids))


def max_diff(actual, expected, mask, rows=None):
    """Largest |actual - expected| over valid positions (mask == 1) of the given rows (default: all)."""
    a, e = np.asarray(actual), np.asarray(expected)
    valid = np.asarray(mask).astype(bool).copy()
    if rows is not None:
        keep = np.zeros(valid.shape[0], dtype=bool)
        keep[list(rows)] = True
        valid &= keep[:, None]
    return float(np.abs(a[valid] - e[valid]).max())


def check(label, diff):
    print(f"  {label}: max |diff| = {diff:.3g}")
    if not diff <= TOLERANCE:
        sys.exit(f"FAILED: {label} differs by {diff:.3g} > {TOLERANCE}")


def random_batch(generator, vocab, lengths, seq):
    ids = torch.randint(4, vocab, (len(lengths), seq), generator=generator, dtype=torch.long)
    mask = torch.zeros(len(lengths), seq, dtype=torch.long)
    for row, n in enumerate(lengths):
        mask[row, :n] = 1
    return ids * mask, mask  # pad id 0 after the real tokens, padding right


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixture", default=os.path.join(ROOT, "src/test/resources/fixtures/bert"))
    parser.add_argument("--out", default=os.path.join(ROOT, "src/test/resources/torchscript/bert-tiny.pt"))
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)

    with open(os.path.join(args.fixture, "config.json")) as f:
        config = json.load(f)
    if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu" \
            or config.get("position_embedding_type", "absolute") != "absolute":
        sys.exit(f"{args.fixture}: expected a BERT config with exact GELU and absolute positions")
    weights = read_safetensors(os.path.join(args.fixture, "model.safetensors"))
    weights = {k: torch.from_numpy(v) for k, v in weights.items() if not k.startswith("pooler.")}
    model = Bert(config).eval()
    model.load_state_dict(weights, strict=True)

    fixture = lambda name: np.load(os.path.join(args.fixture, name))
    ids = torch.from_numpy(fixture("input_ids.npy"))
    mask = torch.from_numpy(fixture("attention_mask.npy"))
    types = torch.from_numpy(fixture("token_type_ids.npy"))
    layers = config["num_hidden_layers"]
    expected = [fixture(f"hidden_{i}.npy") for i in range(layers + 1)]
    # Rows whose token types are all 0: there the two-input module must reproduce the fixture exactly.
    zero_type_rows = [r for r in range(types.shape[0]) if not types[r].any()]

    print(f"torch {torch.__version__}, numpy {np.__version__}")
    print("1. eager module with the fixture's token_type_ids vs hidden_<i>.npy (all rows, valid positions)")
    with torch.no_grad():
        eager = model.hidden_states(ids, mask, types)
        for i in range(layers + 1):
            check(f"hidden_{i}", max_diff(eager[i].numpy(), expected[i], mask))

        print(f"2. trace forward(input_ids, attention_mask); rows {zero_type_rows} have all-zero token types")
        traced = torch.jit.trace(model, (ids, mask), check_trace=False)
        out = traced(ids, mask)
        if not isinstance(out, tuple) or len(out) != layers + 1:
            sys.exit(f"FAILED: the traced module returns {type(out).__name__} of {len(out)}, expected {layers + 1}")
        zero_eager = model(ids, mask)
        for i in range(layers + 1):
            check(f"traced hidden_{i} vs fixture, rows {zero_type_rows}",
                  max_diff(out[i].numpy(), expected[i], mask, zero_type_rows))
            check(f"traced hidden_{i} vs eager (token types 0), all rows",
                  max_diff(out[i].numpy(), zero_eager[i].numpy(), mask))

        print("3. other batch sizes and lengths: traced vs eager (the trace must not bake in the shape)")
        generator = torch.Generator().manual_seed(1234)
        for lengths, seq in (([17, 9], 17), ([5], 5), ([30, 1, 12, 30], 30)):
            b_ids, b_mask = random_batch(generator, config["vocab_size"], lengths, seq)
            got, want = traced(b_ids, b_mask), model(b_ids, b_mask)
            for i in range(layers + 1):
                if tuple(got[i].shape) != (len(lengths), seq, config["hidden_size"]):
                    sys.exit(f"FAILED: batch {len(lengths)}x{seq} gave hidden_{i} of shape {tuple(got[i].shape)}")
                check(f"batch {len(lengths)}x{seq} hidden_{i}", max_diff(got[i].numpy(), want[i].numpy(), b_mask))

    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    # Save under the final file name (torch names the archive's root folder after it, so reruns give the same
    # bytes) in a scratch folder next to it, check the saved file, then move it into place.
    with tempfile.TemporaryDirectory(dir=out_dir) as scratch:
        tmp_path = os.path.join(scratch, os.path.basename(args.out))
        traced.save(tmp_path)
        print("4. the saved file, loaded back, vs the fixture")
        reloaded = torch.jit.load(tmp_path)
        with torch.no_grad():
            out = reloaded(ids, mask)
            for i in range(layers + 1):
                check(f"reloaded hidden_{i} vs fixture, rows {zero_type_rows}",
                      max_diff(out[i].numpy(), expected[i], mask, zero_type_rows))
        os.replace(tmp_path, args.out)
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    main()
