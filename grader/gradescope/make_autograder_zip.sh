#!/usr/bin/env bash
# Makes the zip to upload as Gradescope's "autograder" (./course gradescope runs this after building the course):
#   grader/gradescope/make_autograder_zip.sh [OUT.zip]
# Gradescope unpacks the zip INTO /autograder/source, so setup.sh and run_autograder sit at the zip's root and the
# course beside them. The course goes in prebuilt: the grader's jar and its dependencies, the graded tests (a jar of
# test classes only: no solution source or class is in the zip) and the launcher. setup.sh then only installs a JDK
# if the image lacks one; nothing is downloaded or built per submission.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/grader/target/gradescope-autograder.zip}")"
for f in grader/target/bn-grader.jar solutions/target/graded-tests.jar; do
  [[ -f "$ROOT/$f" ]] || { echo "make_autograder_zip: $f is missing; build first (./course gradescope does)" >&2; exit 2; }
done
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/grader/target" "$STAGE/solutions/target" "$STAGE/tools/grader"
cp "$ROOT/grader/gradescope/setup.sh" "$ROOT/grader/gradescope/run_autograder" "$STAGE/"
cp "$ROOT/grader/target/bn-grader.jar" "$STAGE/grader/target/"
cp -r "$ROOT/grader/target/grader-classpath" "$STAGE/grader/target/"
cp "$ROOT/solutions/target/graded-tests.jar" "$STAGE/solutions/target/"
cp "$ROOT/tools/grader/bn-grader" "$STAGE/tools/grader/"
chmod +x "$STAGE/setup.sh" "$STAGE/run_autograder" "$STAGE/tools/grader/bn-grader"
mkdir -p "$(dirname "$OUT")" && rm -f "$OUT"
(cd "$STAGE" && zip -q -r -X "$OUT" .)
echo "Wrote $OUT ($(du -h "$OUT" | cut -f1)): upload it as the assignment's autograder (configuration: zip file upload)"
