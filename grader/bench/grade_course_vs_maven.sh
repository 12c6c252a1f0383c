#!/usr/bin/env bash
# The course's real exercises, graded N times three ways, in turn, and the medians of each:
#   grader:    tools/grader/bn-grader grade SUBMISSION (compile, bytecode check, child JVMs, all 42 graded tests)
#   maven:     copy the submission and the graded tests (visible and hidden) into the exercises module of a copy of
#              the course, then 'mvn -o -q test -pl exercises' there: what grading by hand inside the project costs,
#              with nothing but the graded tests (the stricter yardstick)
#   solutions: 'mvn -o -q -pl solutions test' in the same copy: the yardstick issue 7 names (the solutions module's
#              tests: the 42 graded tests on the reference solutions, plus the course's own checks of its exercises)
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
test_solutions_with_maven() {
  (cd "$PROJECT" && mvn -o -q -pl solutions test)
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
: >"$WORK/grader.txt"; : >"$WORK/maven.txt"; : >"$WORK/solutions.txt"
for i in $(seq 1 "$N"); do
  seconds grade_with_grader >>"$WORK/grader.txt"
  seconds grade_with_maven >>"$WORK/maven.txt"
  seconds test_solutions_with_maven >>"$WORK/solutions.txt"
  echo "run $i/$N: grader $(tail -n1 "$WORK/grader.txt") s, maven $(tail -n1 "$WORK/maven.txt") s," \
       "mvn -pl solutions test $(tail -n1 "$WORK/solutions.txt") s" >&2
done
# The ratio of the medians, and the median of each run's own ratio (the pairs measured side by side).
pairs() { paste "$WORK/grader.txt" "$1" | awk '{printf "%.3f\n", $2 / $1}' | median; }
g=$(median <"$WORK/grader.txt"); m=$(median <"$WORK/maven.txt"); s=$(median <"$WORK/solutions.txt")
echo "median over $N runs: grader ${g} s;" \
     "copy into the course + mvn -o -q test -pl exercises ${m} s, ratio $(ratio "$m" "$g")x" \
     "(median of the pairs' ratios $(pairs "$WORK/maven.txt")x);" \
     "mvn -o -q -pl solutions test ${s} s, ratio $(ratio "$s" "$g")x (pairs $(pairs "$WORK/solutions.txt")x)"
