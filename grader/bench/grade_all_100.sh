#!/usr/bin/env bash
# Generates 100 submissions from the fake course's variants (correct, partly wrong, NaN, compile error, missing file,
# forbidden calls, leaked static state, forged output, 100 MB of printing, 10 GB allocation, an endless loop; folders,
# zips and notebooks), each with its own small change, and times 'grade-all' on them with 2 jobs.
#   grader/bench/grade_all_100.sh [COUNT] [JOBS]
set -euo pipefail
source "$(dirname "$0")/fake_course.sh"
COUNT="${1:-100}"
JOBS="${2:-2}"
CLASS="$BENCH_WORK/class$COUNT"
OUT="$BENCH_WORK/class$COUNT-out"
rm -rf "$CLASS" "$OUT" && mkdir -p "$CLASS"

VARIANTS=(good partial nan compileerror good missing staticleak forge batchnorm good threads exit fakeresults
          reflection classloader good-zip notebook alloc print loop)
for i in $(seq -w 1 "$COUNT"); do
  v="${VARIANTS[$(( (10#$i - 1) % ${#VARIANTS[@]} ))]}"
  name="student$i-$v"
  case "$v" in
    notebook)
      sed "s/return sum \/ x.length;/return sum \/ x.length; \/\/ student $i/" "$FAKE/notebook/worksheet.ipynb" > "$CLASS/$name.ipynb" ;;
    good-zip)
      tmp="$BENCH_WORK/ziptmp"; rm -rf "$tmp"; cp -r "$FAKE/submissions/good" "$tmp"
      find "$tmp" -name '*.java' -exec sh -c "printf '\n// student $i\n' >> \"\$1\"" _ {} \;
      (cd "$tmp" && zip -q -r "$CLASS/$name.zip" .) ;;
    *)
      fake_submission "$v" "$CLASS/$name"
      find "$CLASS/$name" -name '*.java' -path '*src/main*' -exec sh -c "printf '\n// student $i\n' >> \"\$1\"" _ {} \; ;;
  esac
done

start=$(now)
"${GRADER_JAVA[@]}" grade-all "$CLASS" --out "$OUT" --jobs "$JOBS" --tests-jar "$TESTS_JAR"
end=$(now)
printf 'grade-all: %d submissions, %d jobs, %.1f s wall (load average now: %s)\n' "$COUNT" "$JOBS" \
  "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "results.json files: $(find "$OUT" -name results.json | wc -l); gradebook rows: $(( $(wc -l < "$OUT/gradebook.csv") - 1 ))"
head -5 "$OUT/gradebook.csv"
