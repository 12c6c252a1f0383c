#!/usr/bin/env bash
# Makes the zip to upload as Gradescope's "autograder": setup.sh and run_autograder at the top, the committed course
# (git HEAD) under source/.   Usage: grader/gradescope/make_autograder_zip.sh [OUT.zip]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$(realpath -m "${1:-$ROOT/grader/target/gradescope-autograder.zip}")"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
git -C "$ROOT" archive --format=tar --prefix=source/ HEAD | tar -x -C "$STAGE"
cp "$ROOT/grader/gradescope/setup.sh" "$ROOT/grader/gradescope/run_autograder" "$STAGE/"
chmod +x "$STAGE/setup.sh" "$STAGE/run_autograder"
mkdir -p "$(dirname "$OUT")" && rm -f "$OUT"
(cd "$STAGE" && zip -q -r "$OUT" .)
echo "Wrote $OUT"
