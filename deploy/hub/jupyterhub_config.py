# JupyterHub configuration of the class hub on one machine; started by deploy/hub/bnhub.py (./course hub), which
# writes the settings this file reads (STATE/secret/settings.json, named by the environment variable BN_HUB_SETTINGS).
#
# Spawner and authenticator, chosen for a small class on one machine (deploy/README.md explains the choice):
#   run as root  -> LocalProcessSpawner: each student's server runs as their own system account, in their own home
#                   (0700), so students cannot read one another's work; PAMAuthenticator: the accounts' real
#                   passwords. Accounts are created for the roster at start-up and for students added later through
#                   the REST API or the admin page (LocalAuthenticator.create_system_users).
#   not root     -> SimpleLocalProcessSpawner: every server runs as the one account that started the hub, homes under
#                   STATE/homes/; SharedPasswordAuthenticator (one student password, one instructor password). A trial
#                   set-up only: students are not isolated from one another.
# DummyAuthenticator is never used here: it lets anyone in.
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bnhub  # noqa: E402

from jupyterhub.auth import PAMAuthenticator  # noqa: E402
from jupyterhub.authenticators.shared import SharedPasswordAuthenticator  # noqa: E402
from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner  # noqa: E402

c = get_config()  # noqa: F821 (provided by JupyterHub)
s = bnhub.Settings.load(os.environ["BN_HUB_SETTINGS"])
root = Path(s.root)
venv = root / ".venv-hub"   # made by ./course hub from a Python every account can run
venv_bin = venv / "bin"

# --- network: the public URL on ip:port; the hub's API and the proxy's API on free localhost ports ---
c.JupyterHub.ip = s.ip
c.JupyterHub.port = s.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = s.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [str(root / "deploy" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(s.secret / "jupyterhub-proxy.pid")

# --- state: private to the hub ---
c.JupyterHub.db_url = f"sqlite:///{s.secret / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(s.secret / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(s.secret / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True   # stopping the hub stops every student's server (and their kernels)
c.JupyterHub.cleanup_proxy = True

# --- who: the roster's students, the instructor as admin ---
c.Authenticator.allowed_users = set(s.students)
c.Authenticator.admin_users = {s.instructor}
# An admin token for scripts (deploy/hub/check_hub.py, an instructor's own): create users, start/stop servers.
c.JupyterHub.services = [{"name": "course-admin",
                          "api_token": (s.secret / "admin-token").read_text(encoding="utf-8").strip()}]
c.JupyterHub.load_roles = [{"name": "course-admin", "services": ["course-admin"],
                            "scopes": ["admin:users", "admin:servers", "access:servers", "list:users",
                                       "read:users", "admin-ui", "tokens"]}]


class CourseAccountsMixin:
    """Names follow the roster's rule; never an existing system account such as root."""

    def validate_username(self, username):
        return bool(bnhub.NAME_RULE.match(username)) and super().validate_username(username)


if s.system_users:
    class CoursePAMAuthenticator(CourseAccountsMixin, PAMAuthenticator):
        async def add_user(self, user):
            problem = bnhub.system_account_problem(user.name)
            if problem:
                raise ValueError(problem)
            return await super().add_user(user)

    c.JupyterHub.authenticator_class = CoursePAMAuthenticator
    c.LocalAuthenticator.create_system_users = True
    c.LocalAuthenticator.add_user_cmd = bnhub.ADD_USER_CMD
    c.JupyterHub.spawner_class = LocalProcessSpawner
else:
    class CourseSharedPasswordAuthenticator(CourseAccountsMixin, SharedPasswordAuthenticator):
        pass

    c.JupyterHub.authenticator_class = CourseSharedPasswordAuthenticator
    c.SharedPasswordAuthenticator.user_password = (s.secret / "student-password").read_text().strip()
    c.SharedPasswordAuthenticator.admin_password = (s.secret / "instructor-password").read_text().strip()
    c.JupyterHub.spawner_class = SimpleLocalProcessSpawner
    c.SimpleLocalProcessSpawner.home_dir_template = str(Path(s.state) / "homes" / "{username}")


def refuse_system_accounts(spawner):
    if s.system_users:
        problem = bnhub.system_account_problem(spawner.user.name)
        if problem:
            raise ValueError(problem)


c.Spawner.pre_spawn_hook = refuse_system_accounts


def server_marker(spawner):
    return f"{s.run_id}/{spawner.user.name}"


class LeaveNothingBehind:
    """Stopping a server also stops what it started. JupyterHub signals only the server's own process; a Java
    kernel still shutting down when the server is killed (a busy machine) would live on, orphaned, holding its
    memory. So after the server stops, every process carrying this server's marker is killed."""

    async def stop(self, now=False):
        await super().stop(now=now)
        for pid in bnhub.processes_with("BN_HUB_SERVER", server_marker(self)):
            try:
                os.kill(pid, signal.SIGKILL)
                self.log.warning("killed process %s left by %s's server", pid, self.user.name)
            except ProcessLookupError:
                pass


c.JupyterHub.spawner_class = type("CourseSpawner", (LeaveNothingBehind, c.JupyterHub.spawner_class), {})
c.LocalProcessSpawner.interrupt_timeout = 20   # time for the server to shut its kernels down (default 10 s)

# --- each student's server: their copy of the course (pulled by nbgitpuller), JupyterLab and the Java kernel ---
c.Spawner.cmd = [str(root / "deploy" / "hub" / "singleuser.sh")]
c.Spawner.default_url = f"/lab/tree/{bnhub.COURSE_DIR_NAME}/notebooks/00_start_here.ipynb"
# A busy machine (a class logging in at once) starts servers slowly: measured here under load, a server took over
# 30 s (JupyterHub's default http_timeout) to answer after a restart.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    "PATH": os.pathsep.join([str(venv_bin), str(Path(s.java_home) / "bin"), "/usr/local/bin", "/usr/bin", "/bin"]),
    "JAVA_HOME": s.java_home,
    "JUPYTER_PATH": str(venv / "share" / "jupyter"),
    "JUPYTER_PLATFORM_DIRS": "1",
    "BN_COURSE_GIT": str(s.public / "course"),
    "BN_COURSE_GITCONFIG": str(s.public / "gitconfig"),
    "BN_COURSE_CLASSPATH": str(s.public / "classpath"),
    "BN_COURSE_DIR": bnhub.COURSE_DIR_NAME,
    "BN_HUB_RUN": s.run_id,
    "BN_HUB_SERVER": server_marker,
}
