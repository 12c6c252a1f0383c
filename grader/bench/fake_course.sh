#!/usr/bin/env bash
# Shared by the benchmarks: builds the grader (if needed) and the fake course's graded-tests jar from
# grader/src/test/resources/fake (the same fake course the grader's own tests use). Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GRADER_JAR="$ROOT/grader/target/bn-grader.jar"
FAKE="$ROOT/grader/src/test/resources/fake"
BENCH_WORK="${BENCH_WORK:-$ROOT/grader/target/bench}"
mkdir -p "$BENCH_WORK"

if [[ ! -f "$GRADER_JAR" ]]; then
  (cd "$ROOT" && mvn -o -q -pl grader -am package -DskipTests)
fi
LIBS="$ROOT/grader/target/grader-classpath"
BN_LIB="$(ls "$LIBS"/bn-lib-*.jar)"
BN_MARKING="$(ls "$LIBS"/bn-marking-*.jar)"

if [[ -z "${TESTS_JAR:-}" ]]; then
  TESTS_JAR="$BENCH_WORK/graded-tests.jar"
  if [[ ! -f "$TESTS_JAR" ]]; then
    rm -rf "$BENCH_WORK/tests-classes" && mkdir -p "$BENCH_WORK/tests-classes"
    javac -proc:none -d "$BENCH_WORK/tests-classes" -cp "$LIBS/*" \
      $(find "$FAKE/graded-tests" "$FAKE/submissions/good/exercises/src/main" -name '*.java')
    # Like solutions/target/graded-tests.jar: the tests only, never the (fake) solutions.
    (cd "$BENCH_WORK/tests-classes" && jar cf "$TESTS_JAR" bn/exercises/Fake*.class)
  fi
fi

# The launcher the course uses: a fast-starting JVM with a class-data archive of the grader (see the script).
GRADER_JAVA=("$ROOT/tools/grader/bn-grader")

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
now() { date +%s.%N; }
