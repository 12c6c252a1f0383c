#!/usr/bin/env bash
# The course's real exercises, graded N times two ways, alternating, and the medians of each:
#   grader: tools/grader/bn-grader grade SUBMISSION (compile, bytecode check, child JVM, all 42 graded tests)
#   maven:  copy the submission and the graded tests (visible and hidden) into the exercises module of a copy of the
#           course, then 'mvn -o -q test -pl exercises' there: what grading by hand inside the project costs
# The submission is the reference solution (full marks), so both ways run every test to the end.
#   grader/bench/grade_course_vs_maven.sh [N]        (default N=7; build first: ./course test, or mvn install)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:-7}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

SUBMISSION="$WORK/submission/exercises/src/main/java"
mkdir -p "$SUBMISSION" && cp -r "$ROOT/solutions/src/main/java/." "$SUBMISSION/"

# A copy of the course, as a learner's or an instructor's checkout would be (built modules come from ~/.m2).
PROJECT="$WORK/course"
git -C "$ROOT" archive --format=tar --prefix=course/ HEAD | tar -x -C "$WORK"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; e=$(date +%s.%N); awk -v a="$s" -v b="$e" 'BEGIN {printf "%.3f\n", b - a}'; }

grade_with_grader() {
  "$ROOT/tools/grader/bn-grader" grade "$WORK/submission" --out "$WORK/results.json"
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r['score'] == sum(t['max_score'] for t in r['tests']) else 1)" "$WORK/results.json"
}

grade_with_maven() {
  rm -rf "$PROJECT/exercises/src/main/java" "$PROJECT/exercises/src/test/java" "$PROJECT/exercises/target"
  mkdir -p "$PROJECT/exercises/src/main/java" "$PROJECT/exercises/src/test/java"
  cp -r "$SUBMISSION/." "$PROJECT/exercises/src/main/java/"
  mkdir -p "$PROJECT/exercises/src/test/java/bn"   # the graded tests only, not solutions' tests of the course itself
  cp -r "$ROOT/solutions/src/test/java/bn/exercises" "$PROJECT/exercises/src/test/java/bn/"
  (cd "$PROJECT" && mvn -o -q test -pl exercises)
}

grade_with_grader >/dev/null 2>&1 || true   # the first run after a build writes the grader's class-data archive
: >"$WORK/grader.txt"; : >"$WORK/maven.txt"
for i in $(seq 1 "$N"); do
  seconds grade_with_grader >>"$WORK/grader.txt"
  seconds grade_with_maven >>"$WORK/maven.txt"
  echo "run $i/$N: grader $(tail -n1 "$WORK/grader.txt") s, maven $(tail -n1 "$WORK/maven.txt") s" >&2
done
g=$(median <"$WORK/grader.txt"); m=$(median <"$WORK/maven.txt")
echo "median over $N runs: grader ${g} s, copy into the course + mvn -o -q test ${m} s, ratio $(awk -v a="$m" -v b="$g" 'BEGIN {printf "%.1f", a / b}')x"
