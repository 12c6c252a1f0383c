#!/usr/bin/env bash
# Regenerates exercises/src/main/java from the reference solutions in solutions/src/main/java.
#   tools/exercises/generate.sh           rewrite the exercise files
#   tools/exercises/generate.sh --check   only report drift (exit 1 if exercises/ is out of date)
# Needs only a JDK 17: the generator is compiled with javac into a temporary folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" $(find "$root/tools/exercises/src/main/java" -name '*.java')
java -cp "$classes" bn.tools.exercises.Generate "$root" "$@"
