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

# A fake submission as the grader's tests build it (FakeSubmissions, which says how): 'good' as stored; any other
# variant is the good submission's sources, then the variant folder's own files over them, less the files its
# removed.txt lists, with the changes its edits.txt describes.
fake_submission() {
  local variant="$1" dest="$2"
  rm -rf "$dest" && mkdir -p "$dest/exercises/src"
  if [[ "$variant" == good ]]; then
    cp -r "$FAKE/submissions/good/." "$dest/"
    return
  fi
  cp -r "$FAKE/submissions/good/exercises/src/main" "$dest/exercises/src/"
  cp -r "$FAKE/submissions/$variant/." "$dest/"
  python3 - "$dest" <<'PY'
import pathlib, sys
dest = pathlib.Path(sys.argv[1])
def lines(name):
    f = dest / name
    found = [l for l in f.read_text().splitlines() if l.strip() and not l.startswith("#")] if f.exists() else []
    f.unlink(missing_ok=True)
    return found
for path in lines("removed.txt"):
    (dest / path.strip()).unlink()
edits = lines("edits.txt")
for where, old, new in zip(edits[0::3], edits[1::3], edits[2::3]):
    file = dest / where[len("in "):].strip()
    text = file.read_text()
    old, new = (s.split(" ", 1)[1].strip().replace("\\n", "\n") for s in (old, new))
    assert text.count(old) == 1, f"{old!r} does not stand exactly once in {file}"
    file.write_text(text.replace(old, new))
PY
}

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
now() { date +%s.%N; }
