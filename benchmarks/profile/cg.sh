#!/bin/sh
# Instructions a name (callgrind) of screening the first N workload names in a checkout,
# less the setup (a run of no names). Deterministic (PYTHONHASHSEED=0), so a change's
# cost can be compared on a busy machine. The count includes the tables the matcher
# loads on first use, which weigh more in a short run than in a long one.
# Usage: benchmarks/profile/cg.sh CHECKOUT [N]   (needs valgrind)
set -eu
T=$(cd "$1" && pwd); N=${2:-2000}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${TRADECHECK_PROF_DIR:-${TMPDIR:-/tmp}/tradecheck-prof}; mkdir -p "$OUT"
cd "$T"
export PYTHONHASHSEED=0
.venv/bin/python "$HERE/screen_time.py" 1 >/dev/null   # (the caches made first)
tag=$(echo "$T" | md5sum | cut -c1-8)
for n in 0 "$N"; do
  valgrind --tool=callgrind --callgrind-out-file="$OUT/cg-$tag-$n.out" \
    .venv/bin/python "$HERE/screen_time.py" "$n" >/dev/null 2>"$OUT/cg-$tag-$n.err"
done
a=$(grep -h "^summary:" "$OUT/cg-$tag-0.out" | awk '{print $2}')
b=$(grep -h "^summary:" "$OUT/cg-$tag-$N.out" | awk '{print $2}')
echo "$T: $N names: $(( (b - a) / N )) instructions a name (profile: $OUT/cg-$tag-$N.out)"
