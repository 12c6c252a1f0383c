#!/usr/bin/env bash
# Grades one submission N times with the grader and, alternating, the slow ways, and prints the medians:
#   minimal: copy the submission and the graded tests into a one-module Maven project, 'mvn -o -q test'
#   course:  copy them into a module of a copy of the course (root pom, built lib/ and marking/), and run
#            'mvn -o -q test -pl submission -am' there, as a course repository would
# MODES="minimal course" by default; MODES=minimal skips the slower one.
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
    <dependency><groupId>bncourse</groupId><artifactId>bn-marking</artifactId><version>1</version>
      <scope>system</scope><systemPath>$BN_MARKING</systemPath></dependency>
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

# The course copy: root pom limited to lib, marking and the submission module; lib and marking as already built.
MODES="${MODES:-minimal course}"
COURSE="$BENCH_WORK/course-copy"
if [[ "$MODES" == *course* ]]; then
  rm -rf "$COURSE" && mkdir -p "$COURSE/submission/src/main/java" "$COURSE/submission/src/test/java"
  cp -r "$ROOT/lib" "$ROOT/marking" "$COURSE/"
  # The first <modules> block (the default build) becomes lib, marking and the submission; profiles keep theirs.
  awk 'BEGIN {done = 0}
       /<modules>/ && !done {print "  <modules><module>lib</module><module>marking</module><module>submission</module></modules>"; skip = 1; next}
       skip && /<\/modules>/ {skip = 0; done = 1; next}
       !skip {print}' "$ROOT/pom.xml" > "$COURSE/pom.xml"
  cat > "$COURSE/submission/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>bncourse</groupId><artifactId>bn-course</artifactId><version>1.0.0-SNAPSHOT</version></parent>
  <artifactId>submission</artifactId>
  <dependencies>
    <dependency><groupId>bncourse</groupId><artifactId>bn-lib</artifactId></dependency>
    <dependency><groupId>bncourse</groupId><artifactId>bn-marking</artifactId></dependency>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>
  </dependencies>
</project>
POM
  cp -r "$FAKE/graded-tests/." "$COURSE/submission/src/test/java/"
fi

grader_times=() minimal_times=() course_times=()
for i in $(seq 1 "$N"); do
  t0=$(now)
  "${GRADER_JAVA[@]}" grade "$SUBMISSION" --tests-jar "$TESTS_JAR" --quiet --out "$BENCH_WORK/results.json"
  t1=$(now)
  grader_times+=("$(echo "$t1 - $t0" | bc)")
  line="run $i: grader ${grader_times[-1]} s"
  if [[ "$MODES" == *minimal* ]]; then
    rm -rf "$PROJECT/src/main/java"/* "$PROJECT/target"
    find "$SUBMISSION" -name '*.java' -path '*src/main*' -exec cp {} "$PROJECT/src/main/java/" \;
    t1=$(now)
    (cd "$PROJECT" && mvn -o -q test > "$BENCH_WORK/maven.log" 2>&1) || echo "(minimal mvn test failed; see $BENCH_WORK/maven.log)"
    t2=$(now)
    minimal_times+=("$(echo "$t2 - $t1" | bc)")
    line+=", minimal maven ${minimal_times[-1]} s"
  fi
  if [[ "$MODES" == *course* ]]; then
    rm -rf "$COURSE/submission/src/main/java"/* "$COURSE/submission/target"
    find "$SUBMISSION" -name '*.java' -path '*src/main*' -exec cp {} "$COURSE/submission/src/main/java/" \;
    t1=$(now)
    (cd "$COURSE" && mvn -o -q test -pl submission -am -Dtest='Fake*' -Dsurefire.failIfNoSpecifiedTests=false \
        > "$BENCH_WORK/maven-course.log" 2>&1) || echo "(course mvn test failed; see $BENCH_WORK/maven-course.log)"
    t2=$(now)
    course_times+=("$(echo "$t2 - $t1" | bc)")
    line+=", course maven ${course_times[-1]} s"
  fi
  echo "$line"
done
g=$(printf '%s\n' "${grader_times[@]}" | median)
echo "score: $(grep -m1 '"score"' "$BENCH_WORK/results.json")"
printf 'median of %d: grader %s s\n' "$N" "$g"
if [[ "$MODES" == *minimal* ]]; then
  m=$(printf '%s\n' "${minimal_times[@]}" | median)
  printf '  copy into a minimal Maven project + mvn -o -q test: %s s (grader %.1fx faster)\n' "$m" "$(echo "$m / $g" | bc -l)"
fi
if [[ "$MODES" == *course* ]]; then
  c=$(printf '%s\n' "${course_times[@]}" | median)
  printf '  copy into the course + mvn -o -q test -pl submission -am: %s s (grader %.1fx faster)\n' "$c" "$(echo "$c / $g" | bc -l)"
fi
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
