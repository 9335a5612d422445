#!/usr/bin/env bash
# Seed corpora and dictionaries for the fuzz targets, made from the shared
# capture corpus with Remora's own reader (nothing here is committed):
#
#   tests/fuzz/make-seeds.sh BUILD_DIR OUT_DIR [CORPUS_DIR]
#
# BUILD_DIR is a -Dfuzzing=true build (it has tests/fuzz/fuzz-seeds and
# src/cli/remora-cli).  Writes OUT_DIR/<target>/ for each target and
# OUT_DIR/dfilter.dict.  Without a corpus the filter seeds still come from
# tests/fuzz/filters.txt and the capture seeds from data/sample.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$1
out=$2
corpus=${3:-$src/../shared/corpus}

rm -rf "$out"
mkdir -p "$out"/{fuzz-capture-reader,fuzz-capture-stream,fuzz-session,fuzz-dissect,fuzz-dfilter-compile,fuzz-dfilter-eval}

# Whole capture files for the reader and the session target: those up to
# 256 KiB (larger ones would be cut at -max_len anyway).
files=("$src/data/sample/http-dns.pcap")
if [[ -f $corpus/public.txt && -f $corpus/robustness.txt ]]; then
  while IFS= read -r f; do
    files+=("$corpus/$f")
  done < <(cat "$corpus/public.txt" "$corpus/robustness.txt" | sed 's/#.*//; s/\t.*//' | grep -v '^[[:space:]]*$')
else
  echo "make-seeds: no corpus at $corpus; seeding from the sample capture only" >&2
fi
for f in "${files[@]}"; do
  [[ -f $f ]] || continue
  size=$(stat -c %s "$f")
  (( size <= 262144 )) || continue
  sum=$(sha1sum "$f" | cut -c1-40)
  cp "$f" "$out/fuzz-capture-reader/$sum"
  cp "$f" "$out/fuzz-session/$sum"
  # The stream target takes what fits a pipe, behind a byte that sets the
  # chunk sizes: every size class from 2 to 8192 bytes comes up.
  if (( size < 65536 )); then
    n_stream=$(( ${n_stream:-0} + 1 ))
    { printf "\\$(printf '%03o' $(( n_stream % 13 )))"; cat "$f"; } > "$out/fuzz-capture-stream/$sum"
  fi
done

# Single frames, [link type index][mode][bytes], up to 20 per file.
echo "make-seeds: fuzz-dissect"
"$build/tests/fuzz/fuzz-seeds" "$out/fuzz-dissect" 20 "${files[@]}"

# Filters: the hand-written ones, the corpus's, and every field name alone.
{
  grep -v '^#' "$here/filters.txt"
  if [[ -f $corpus/filters.tsv ]]; then
    tail -n +2 "$corpus/filters.tsv" | cut -f2
  fi
  "$build/src/cli/remora-cli" -G fields | awk -F'\t' '$1 == "F" { print $3 } $1 == "P" { print $3 }'
} | grep -v '^[[:space:]]*$' | sort -u > "$out/filters.txt"
n=0
while IFS= read -r line; do
  n=$((n + 1))
  printf '%s' "$line" > "$out/fuzz-dfilter-compile/$n"
  printf '%s' "$line" > "$out/fuzz-dfilter-eval/$n"
done < "$out/filters.txt"

{
  cat "$here/dfilter.dict"
  "$build/src/cli/remora-cli" -G fields | awk -F'\t' '$1 == "F" || $1 == "P" { printf "\"%s\"\n", $3 }'
} > "$out/dfilter.dict"

for d in "$out"/fuzz-*; do
  echo "make-seeds: $(basename "$d"): $(find "$d" -type f | wc -l) seeds"
done
