#!/usr/bin/env bash
# The trainer before the fused path against the current one, side by side (issue 12, section 4): notebook 07's
# trainings and notebook 01b's experiments (bn.bench.TrainingTimes), the same source file compiled once against each
# lib, the two run alternately in fresh JVMs; prints each run, then the medians and the ratio before / after.
#
#   benchmarks/training-speed.sh [runs] [warm reps per run]        defaults: 5 runs of 3 warm reps
#
# BEFORE picks the old commit (default 2b2bff1^1, main just before the merge that brought the fused path); JAVA
# the java command; JAVA_OPTS options for both JVMs (e.g. -XX:TieredStopAtLevel=1, if the notebook kernel gets it).
# Builds offline with Maven; the old commit goes into a temporary git worktree, removed at exit.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
reps=${2:-3}
before=${BEFORE:-2b2bff1^1}
java=${JAVA:-java}
read -r -a java_opts <<< "${JAVA_OPTS:-}"
javac=${JAVAC:-javac}
src="$root/benchmarks/src/main/java/bn/bench/TrainingTimes.java"

work=$(mktemp -d "${TMPDIR:-/tmp}/training-speed.XXXXXX")
cleanup() {
    git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

before_id=$(git -C "$root" rev-parse --short "$before^{commit}")
after_id=$(git -C "$root" rev-parse --short HEAD)
echo "building the current lib and benchmarks ($after_id$(git -C "$root" diff --quiet HEAD -- lib kit benchmarks 2>/dev/null || echo ', with uncommitted changes'))"
(cd "$root" && mvn -B -ntp -o -q -Pbench -pl benchmarks -am package -DskipTests)
echo "building the lib of $before = $before_id in a temporary worktree"
git -C "$root" worktree add -q --detach "$work/before" "$before_id"
# the trainer lived in lib/ until it moved to the notebook kit (module kit/, bn-kit): build whichever holds it, and
# take its classpath from the same reactor, so that lib is the one built here, not a copy in ~/.m2
module=lib
artifact=bn-lib
if [[ -f "$work/before/kit/src/main/java/bn/train/Trainer.java" ]]; then
    module=kit
    artifact=bn-kit
fi
(cd "$work/before" && mvn -B -ntp -o -q -pl "$module" -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$work/before-deps.txt" >/dev/null)

declare -A classpath
classpath[before]="$work/before/$module/target/$artifact-1.0.0-SNAPSHOT.jar:$(cat "$work/before-deps.txt")"
classpath[after]="$root/benchmarks/target/benchmarks.jar"
for side in before after; do
    "$javac" -d "$work/$side-classes" -cp "${classpath[$side]}" "$src"
done

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg); JVM options: ${JAVA_OPTS:-none}"
results="$work/results.csv"
for ((run = 1; run <= runs; run++)); do
    for side in before after; do
        (cd "$root" && "$java" "${java_opts[@]}" -cp "$work/$side-classes:${classpath[$side]}" bn.bench.TrainingTimes "$reps") \
            | tee /dev/stderr | grep -v '^#' | grep -v '^workload' | sed "s/^/$side,/" >> "$results"
    done 2>&1 | sed "s/^/  run $run: /"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" "$before_id" "$after_id" <<'EOF'
import csv, statistics, sys
rows = list(csv.reader(open(sys.argv[1])))
print(f"\nmedians of {len(rows) // 4} runs, CPU ms of the training thread; before = {sys.argv[2]}, after = {sys.argv[3]}")
print(f"{'workload':<10}{'time':<8}{'before':>10}{'after':>10}{'ratio':>8}")
for workload in ("07", "01b"):
    for column, label in ((2, "cold"), (3, "warm")):
        med = {side: statistics.median(float(r[column]) for r in rows if r[0] == side and r[1] == workload)
               for side in ("before", "after")}
        print(f"{workload:<10}{label:<8}{med['before']:>10.1f}{med['after']:>10.1f}{med['before'] / med['after']:>7.2f}x")
EOF
