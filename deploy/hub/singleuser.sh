#!/usr/bin/env bash
# Starts one student's server, as that student, in their home (JupyterHub's Spawner.cmd; see jupyterhub_config.py).
#  1. nbgitpuller brings ~/bn-course up to date with the published course: new notebooks and fixes arrive, and a file
#     the student changed keeps the student's version (nbgitpuller merges with the student's side winning).
#  2. ~/bn-course/notebooks/target/kernel-classpath points at the course's jars, so the notebooks' first cell
#     (%classpath target/kernel-classpath/*.jar) loads the lib as it does on a learner's own machine.
#  3. JupyterLab with the Java kernel as the default: jupyterhub-singleuser under a hub; plain JupyterLab when no hub
#     started it (the image run alone: docker run -p 8888:8888 IMAGE).
# A failed update never stops the server: the student keeps working on the copy they have.
set -uo pipefail
: "${BN_COURSE_GIT:?set by the hub}" "${BN_COURSE_GITCONFIG:?set by the hub}" "${BN_COURSE_CLASSPATH:?set by the hub}"
: "${BN_COURSE_DIR:?set by the hub}"
cd "$HOME" || exit 1
dest="$HOME/$BN_COURSE_DIR"
# The published course belongs to the hub's account; git must be told that reading it is intended (safe.directory).
# The server keeps this setting, so that nbgitpuller links (git-pull?repo=...) work too; it includes ~/.gitconfig.
export GIT_CONFIG_GLOBAL="$BN_COURSE_GITCONFIG"
if ! gitpuller "$BN_COURSE_GIT" main "$dest" >"$HOME/.bn-course-update.log" 2>&1; then
  echo "[bn-course] WARNING: could not update $dest from the course (log: ~/.bn-course-update.log)" >&2
fi
if [ -d "$dest/notebooks" ]; then
  mkdir -p "$dest/notebooks/target"
  ln -sfn "$BN_COURSE_CLASSPATH" "$dest/notebooks/target/kernel-classpath"
fi
if [ -n "${JUPYTERHUB_API_TOKEN:-}" ]; then
  exec jupyterhub-singleuser --MappingKernelManager.default_kernel_name=java "$@"
fi
exec jupyter lab --ip=0.0.0.0 --port=8888 --no-browser --MappingKernelManager.default_kernel_name=java \
  --ServerApp.default_url="/lab/tree/$BN_COURSE_DIR/notebooks/00_start_here.ipynb" "$@"
