#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image. The autograder zip holds this file, run_autograder
# and the course under source/ (see make_autograder_zip.sh).
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven
useradd --create-home --shell /usr/sbin/nologin student || true
cd /autograder/source
# Builds grader/target/bn-grader.jar (+ grader-classpath/) and solutions/target/graded-tests.jar.
mvn -q -B package -DskipTests
# One warm-up grade of an empty submission makes the class-data archives of the grader (grader/target/bn-grader.jsa)
# and of the test JVM (grader/target/work/cds/), so every student's run starts fast.
mkdir -p /tmp/empty-submission grader/target/work
tools/grader/bn-grader grade /tmp/empty-submission --tests-jar solutions/target/graded-tests.jar --quiet \
  --work-dir grader/target/work || true
chmod -R a+rX grader/target
