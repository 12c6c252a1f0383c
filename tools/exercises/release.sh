#!/usr/bin/env bash
# Writes the student release of the course into OUT (a new or empty folder):
#   tools/exercises/release.sh OUT
# OUT gets lib/ and checks/ (sources), exercises/ (the generated stubs, with the visible graded tests), notebooks/,
# a root pom.xml for those four modules and a README for students. No solutions, no hidden tests.
# Needs only a JDK 17: the release tool is compiled with javac into a temporary folder.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 OUT" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$1"
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" $(find "$root/tools/exercises/src/main/java" -name '*.java')
java -cp "$classes" bn.tools.exercises.Release "$root" "$out"
