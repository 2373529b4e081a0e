#!/bin/sh
# Regenerates the SentencePiece known answers of src/test/resources/tokenizers/spiece/ (SpieceTokenizerTest):
#   spiece-identity.model  a 400-piece Unigram model trained by Debian's spm_train (package sentencepiece) on the
#                          words of the EWT train sample, normalization rule "identity" (no charsmap),
#                          with the control symbols <sep> <cls> (ids 3, 4) for the XLNet template
#   spiece-nmt-nfkc.model  the same with the rule "nmt_nfkc" (a precompiled charsmap: NFKC and more)
#   spiece-*.tsv           for every sentence of the EWT dev sample and one line of NFKC cases: the words
#                          (space-joined), then each word's pieces and ids as the Python sentencepiece module encodes the word on its own (words
#                          separated by " | "), i.e. the pre-split encoding probe's WordTokenizer makes
# Needs /usr/bin/python3 with Debian's python3-sentencepiece. Run from the repository root.
set -eu
out=src/test/resources/tokenizers/spiece
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
words() { grep -v '^#' "$1" | awk -F'\t' 'NF>=10 && $1 ~ /^[0-9]+$/ {printf "%s ", $2} NF<10 {print ""}' | sed 's/ *$//' | grep -v '^$'; }
words data-samples/ud-ewt/en_ewt-ud-train.sample.conllu > "$tmp/train.txt"
words data-samples/ud-ewt/en_ewt-ud-dev.sample.conllu > "$tmp/dev.txt"
printf '%s\n' 'ｆｕｌｌｗｉｄｔｈ ① ﬁne Café ｶﾀｶﾅ x² “quoted”' >> "$tmp/dev.txt" # NFKC at work, and unknown pieces
for rule in identity nmt_nfkc; do
  name=spiece-$(echo "$rule" | tr _ -)
  if [ "${1:-}" = "--train" ] || [ ! -f "$out/$name.model" ]; then
    spm_train --input="$tmp/train.txt" --model_prefix="$tmp/m" --vocab_size=400 --model_type=unigram \
      --normalization_rule_name=$rule --character_coverage=1.0 --seed_sentencepiece_size=20000 \
      --control_symbols='<sep>,<cls>' --num_threads=1 >/dev/null 2>&1
    cp "$tmp/m.model" "$out/$name.model"
  fi
  /usr/bin/python3 - "$out/$name.model" "$tmp/dev.txt" > "$out/$name.tsv" <<'PY'
import sys
import sentencepiece as spm
sp = spm.SentencePieceProcessor(model_file=sys.argv[1])
for line in open(sys.argv[2], encoding="utf-8"):
    words = line.rstrip("\n").split(" ")
    pieces = [" ".join(sp.encode(w, out_type=str)) for w in words]
    ids = [" ".join(str(i) for i in sp.encode(w)) for w in words]
    print(" ".join(words) + "\t" + " | ".join(pieces) + "\t" + " | ".join(ids))
PY
done
