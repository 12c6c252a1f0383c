#!/usr/bin/env bash
# Writes the student release of the course into OUT (a new folder, or an earlier release's checkout to update):
#   tools/exercises/release.sh OUT
# OUT gets its own ./course (lab, check), lib/, kit/, marking/ and grader/ (sources), exercises/ (the generated stubs, with
# the visible graded tests), notebooks/, tools/grader/visible-tests.jar (./course release builds it first),
# a root pom.xml for those modules, a README for students and the GitHub Classroom workflow. No solutions, no hidden
# tests. See bn.tools.exercises.Release.
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
