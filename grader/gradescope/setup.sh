#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu 22.04 base images have no Java).
# The zip (make_autograder_zip.sh) is unpacked into $AUTOGRADER_ROOT/source with this file at its root and the
# prebuilt grader beside it. It installs only what is missing (a JDK 17+ with javac; bubblewrap and acl for the
# sandbox), upgrades nothing, creates the sandbox's group bn-sandbox, makes the graded tests readable by root only,
# and makes the class-data archives once, so each submission starts fast and downloads nothing.
# The grader itself runs as root (run_autograder): only root can put student code under bubblewrap with a user id of
# its own or, where the container refuses namespaces, under a fresh unprivileged user id (grader/README.md, Isolation).
# AUTOGRADER_ROOT (default /autograder) lets a test run this in a temporary folder laid out as Gradescope's.
set -euo pipefail
AUTOGRADER_ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$AUTOGRADER_ROOT/source"
GRADER_USER="${BN_GRADER_USER-}"   # a user to run the grader as (weaker: no fresh user ids); empty: root

java_ok() {
  local java
  java=$(command -v java 2>/dev/null) || return 1
  [[ -x "$(dirname "$(readlink -f "$java")")/javac" ]] || return 1
  local major
  major=$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  [[ -n "$major" && "$major" -ge 17 ]]
}

missing=()
java_ok || missing+=(openjdk-17-jdk-headless)
command -v bwrap > /dev/null 2>&1 || missing+=(bubblewrap)
command -v setfacl > /dev/null 2>&1 || missing+=(acl)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "setup.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
java_ok || { echo "setup.sh: no JDK 17+ with javac after the install" >&2; exit 1; }

# The separate-user sandbox runs student code as fresh user ids in this group, which an ACL denies the secrets.
getent group bn-sandbox > /dev/null 2>&1 || getent passwd bn-sandbox > /dev/null 2>&1 ||
  useradd --system --no-create-home --shell /usr/sbin/nologin bn-sandbox
if [[ -n "$GRADER_USER" ]] && ! id "$GRADER_USER" > /dev/null 2>&1; then
  useradd --create-home --shell /usr/sbin/nologin "$GRADER_USER"
fi

cd "$SOURCE"
# One warm-up grade of an empty submission makes the class-data archives of the grader (grader/target/bn-grader.jsa)
# and of the test JVM (grader/target/work/cds/), so every student's run starts fast.
WARM="$(mktemp -d)"
mkdir -p grader/target/work
tools/grader/bn-grader grade "$WARM" --tests-jar solutions/target/graded-tests.jar --quiet \
  --work-dir grader/target/work || true
rm -rf "$WARM"
chmod -R a+rX grader/target tools
if [[ -n "$GRADER_USER" ]]; then
  chmod -R a+rX solutions          # the grader runs as that user and reads the graded tests
else
  chmod -R go-rwx solutions        # the graded tests: root (the grader) only
fi
echo "setup.sh: ready ($(java -version 2>&1 | head -n 1))"
