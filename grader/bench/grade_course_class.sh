#!/usr/bin/env bash
# A class of COUNT generated submissions of the course's REAL exercises, graded with 'grade-all', timed.
# Ten variants, each student's files with its own small change: full marks (folder and zip), the stubs as shipped,
# the wrong axis in 1.1, a compile error in 5.1, System.exit in 4.1, an endless loop in 6.1, 7.1 missing, 40 MB of
# printing in 2.1, and notebook 01 as a worksheet solved with the reference solutions.
#   grader/bench/grade_course_class.sh [COUNT] [JOBS]      (default 100, and grade-all's own default jobs: twice the processors; build first: ./course test)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-100}"
JOBS="${2:-$(( 2 * $(nproc) ))}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
CLASS="$WORK/class" OUT="$WORK/out"
SOL="$ROOT/solutions/src/main/java/bn/exercises"
mkdir -p "$CLASS"

full() {   # $1 = folder: a copy of the reference solutions as exercises/src/main/java/bn/exercises
  mkdir -p "$1/exercises/src/main/java/bn" && cp -r "$SOL" "$1/exercises/src/main/java/bn/"
}
VARIANTS=(full stubs wrongaxis compileerror exit loop missing print zip notebook)
for i in $(seq -w 1 "$COUNT"); do
  v="${VARIANTS[$(( (10#$i - 1) % ${#VARIANTS[@]} ))]}"
  s="$CLASS/student$i-$v"
  ex="$s/exercises/src/main/java/bn/exercises"
  case "$v" in
    stubs) mkdir -p "$s" && cp -r "$ROOT/exercises" "$s/" && rm -rf "$s/exercises/target" "$s/exercises/src/test" ;;
    notebook)
      python3 - "$ROOT" "$s.ipynb" "$i" <<'PY'
import json, sys
from pathlib import Path
root, out, student = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
sys.path.insert(0, str(root / "tools"))
import check_grading
nb, _ = check_grading.solved(json.loads(check_grading.WORKSHEET.read_text(encoding="utf-8")))
nb["cells"][0]["source"] = f"student {student}\n" + "".join(nb["cells"][0]["source"])
out.write_text(json.dumps(nb), encoding="utf-8")
PY
      continue ;;
    *) full "$s" ;;
  esac
  case "$v" in
    wrongaxis) sed -i '0,/return x.mean(1);/s//return x.mean(0);/' "$ex/Ex1_1_BatchStatistics.java" ;;
    compileerror) echo "this line is not Java" >> "$ex/Ex5_1_Backward.java" ;;
    exit) sed -i '0,/\/\/ BEGIN SOLUTION/s//System.exit(0); \/\/ BEGIN SOLUTION/' "$ex/Ex4_1_RunningStatistics.java" ;;
    loop) sed -i '0,/\/\/ BEGIN SOLUTION/s//for (long spin = 0; spin >= 0; spin++) { } \/\/ BEGIN SOLUTION/' "$ex/Ex6_1_SpatialBatchNorm.java" ;;
    missing) rm "$ex/Ex7_1_GroupNorm.java" ;;
    print) sed -i '0,/\/\/ BEGIN SOLUTION/s//for (int k = 0; k < 2_000_000; k++) System.out.println("spam spam spam"); \/\/ BEGIN SOLUTION/' "$ex/Ex2_1_RowLayout.java" ;;
  esac
  find "$s" -name '*.java' -exec sh -c "printf '\n// student $i\n' >> \"\$1\"" _ {} \;
  if [ "$v" = zip ]; then (cd "$s" && zip -q -r "$s.zip" .) && rm -rf "$s"; fi
done

start=$(date +%s.%N)
"$ROOT/tools/grader/bn-grader" grade-all "$CLASS" --out "$OUT" --jobs "$JOBS"
end=$(date +%s.%N)
printf 'grade-all: %d submissions of the real exercises, %d jobs, %.1f s wall (load average now: %s)\n' "$COUNT" \
  "$JOBS" "$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "results.json files: $(find "$OUT" -name results.json | wc -l); gradebook rows: $(( $(wc -l < "$OUT/gradebook.csv") - 1 ))"
python3 - "$OUT/gradebook.csv" <<'PY'
import csv, sys, collections
scores = collections.defaultdict(set)
for row in csv.DictReader(open(sys.argv[1])):
    scores[row["student"].split("-", 1)[1]].add(row["score"])
for variant, s in sorted(scores.items()):
    print(f"  {variant:13s} scores {sorted(s)}")
PY
