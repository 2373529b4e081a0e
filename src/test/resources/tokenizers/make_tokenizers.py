#!/usr/bin/env python3
# Writes the tiny tokenizer.json files of this folder (Python 3 standard library only; no `tokenizers` needed).
# Run from this folder: python3 make_tokenizers.py. See README.md for the expected encodings.
import json


def bytes_to_unicode():
    """GPT-2's byte -> printable character table (the ByteLevel pre-tokenizer's alphabet)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def added(id_, content):
    return {"id": id_, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": False, "special": True}


def byte_bpe(add_prefix_space, roberta):
    # ids 0..255: the byte-level character of byte b has id b; then one id per merge, in merge order
    table = bytes_to_unicode()
    vocab = {table[b]: b for b in range(256)}
    merges = ["Ġ T", "h e", "ĠT he", "Ġ c", "a f", "Ġc af", "Ã ©", "Ã ¼", "e r", "9 9", "' t"]
    for m in merges:
        vocab[m.replace(" ", "")] = len(vocab)
    specials = ["<s>", "</s>", "<pad>"]
    for s in specials:
        vocab[s] = len(vocab)
    if roberta:
        post = {"type": "RobertaProcessing", "sep": ["</s>", vocab["</s>"]], "cls": ["<s>", vocab["<s>"]],
                "trim_offsets": True, "add_prefix_space": add_prefix_space}
    else:
        post = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added(vocab[s], s) for s in specials],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": add_prefix_space, "trim_offsets": True,
                          "use_regex": True},
        "post_processor": post,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": vocab, "merges": merges},
    }


def unigram_xlnet():
    specials = ["<unk>", "<s>", "</s>", "<cls>", "<sep>", "<pad>", "<mask>"]
    pieces = [("▁", -4.0), ("▁The", -2.0), ("▁ca", -3.0), ("fe", -3.0), ("▁is", -2.5), ("n't", -3.0),
              ("▁u", -4.0), ("ber", -3.5), ("▁19", -3.0), ("99", -3.0), (".", -4.0)]
    pieces += [(c, -5.0) for c in "Thecafisn'tubr19"]
    vocab = [[s, 0.0] for s in specials] + [[p, s] for p, s in pieces]
    ids = {p: i for i, (p, _) in enumerate(vocab)}
    assert len(ids) == len(vocab), "duplicate piece"

    def special(name):
        return {"id": name, "ids": [ids[name]], "tokens": [name]}

    def seq(name, type_id):
        return {"Sequence": {"id": name, "type_id": type_id}}

    def tok(name, type_id):
        return {"SpecialToken": {"id": name, "type_id": type_id}}

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added(ids[s], s) for s in specials],
        "normalizer": {"type": "Sequence", "normalizers": [{"type": "NFKD"}, {"type": "StripAccents"}]},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "WhitespaceSplit"},
            {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": True}]},
        "post_processor": {"type": "TemplateProcessing",
                           "single": [seq("A", 0), tok("<sep>", 0), tok("<cls>", 2)],
                           "pair": [seq("A", 0), tok("<sep>", 0), seq("B", 1), tok("<sep>", 1), tok("<cls>", 2)],
                           "special_tokens": {"<sep>": special("<sep>"), "<cls>": special("<cls>")}},
        "decoder": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": True},
        "model": {"type": "Unigram", "unk_id": 0, "vocab": vocab, "byte_fallback": False},
    }


def write(name, tokenizer):
    with open(name, "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, indent=1)
        f.write("\n")


write("byte-bpe-roberta.json", byte_bpe(add_prefix_space=True, roberta=True))
write("byte-bpe-gpt2.json", byte_bpe(add_prefix_space=False, roberta=False))
write("unigram-xlnet.json", unigram_xlnet())
