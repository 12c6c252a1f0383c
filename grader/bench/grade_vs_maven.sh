#!/usr/bin/env bash
# Grades one submission N times with the grader and N times the slow way (copy it into a Maven project with the graded
# tests and run 'mvn -o -q test'), alternating, and prints both medians.
#   grader/bench/grade_vs_maven.sh [N] [SUBMISSION]
# Defaults: N=5, the fake course's correct submission (grader/src/test/resources/fake/submissions/good).
set -euo pipefail
source "$(dirname "$0")/fake_course.sh"
N="${1:-5}"
SUBMISSION="${2:-$FAKE/submissions/good}"

PROJECT="$BENCH_WORK/maven-copy"
rm -rf "$PROJECT" && mkdir -p "$PROJECT/src/main/java" "$PROJECT/src/test/java"
cat > "$PROJECT/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>submission-copy</artifactId><version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>bncourse</groupId><artifactId>bn-lib</artifactId><version>1</version>
      <scope>system</scope><systemPath>$BN_LIB</systemPath></dependency>
    <dependency><groupId>bncourse</groupId><artifactId>bn-checks</artifactId><version>1</version>
      <scope>system</scope><systemPath>$BN_CHECKS</systemPath></dependency>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.11.4</version>
      <scope>test</scope></dependency>
  </dependencies>
  <build><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
  </plugins></build>
</project>
POM
cp -r "$FAKE/graded-tests/." "$PROJECT/src/test/java/"

grader_times=() maven_times=()
for i in $(seq 1 "$N"); do
  t0=$(now)
  "${GRADER_JAVA[@]}" grade "$SUBMISSION" --tests-jar "$TESTS_JAR" --quiet --out "$BENCH_WORK/results.json"
  t1=$(now)
  rm -rf "$PROJECT/src/main/java"/* "$PROJECT/target"
  find "$SUBMISSION" -name '*.java' -path '*src/main*' -exec cp {} "$PROJECT/src/main/java/" \;
  (cd "$PROJECT" && mvn -o -q test > "$BENCH_WORK/maven.log" 2>&1) || echo "(mvn test failed on run $i; see $BENCH_WORK/maven.log)"
  t2=$(now)
  grader_times+=("$(echo "$t1 - $t0" | bc)") maven_times+=("$(echo "$t2 - $t1" | bc)")
  printf 'run %d: grader %.2f s, maven %.2f s\n' "$i" "${grader_times[-1]}" "${maven_times[-1]}"
done
g=$(printf '%s\n' "${grader_times[@]}" | median)
m=$(printf '%s\n' "${maven_times[@]}" | median)
echo "score: $(grep -m1 '"score"' "$BENCH_WORK/results.json")"
printf 'median of %d: grader %s s, copy + mvn -o -q test %s s, %.1fx faster (load average now: %s)\n' \
  "$N" "$g" "$m" "$(echo "$m / $g" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
