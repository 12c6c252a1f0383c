"""Unit tests of the hub's roster handling and of the deploy check's Dockerfile reading (run by stage hub)."""
import shutil
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "hub"))
sys.path.insert(0, str(HERE))
import bnhub  # noqa: E402
import check_deploy  # noqa: E402


class RosterTest(unittest.TestCase):
    def roster(self, text: str) -> Path:
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        path = folder / "roster.txt"
        path.write_text(text, encoding="utf-8")
        return path

    def test_names_in_file_order_without_comments_and_blank_lines(self):
        path = self.roster("# class of 2026\nada\n\n  grace  # lab group 2\nalan_t\nbob-2\n")
        self.assertEqual(bnhub.read_roster(path), ["ada", "grace", "alan_t", "bob-2"])

    def test_a_name_listed_twice_names_both_lines(self):
        path = self.roster("ada\ngrace\nada\n")
        with self.assertRaisesRegex(bnhub.RosterError, r"roster.txt:3: 'ada' is listed twice \(first on line 1\)"):
            bnhub.read_roster(path)

    def test_a_bad_name_names_its_line_and_the_rule(self):
        for bad in ["Ada", "1ada", "ada lovelace", "ada.l", "a" * 33, "-ada"]:
            with self.subTest(bad=bad):
                path = self.roster(f"grace\n{bad}\n")
                with self.assertRaisesRegex(bnhub.RosterError, r"roster.txt:2: .* is not a valid name: expected"):
                    bnhub.read_roster(path)

    def test_an_empty_roster_and_a_missing_file_are_errors(self):
        with self.assertRaisesRegex(bnhub.RosterError, "no student names"):
            bnhub.read_roster(self.roster("# nobody yet\n\n"))
        with self.assertRaisesRegex(bnhub.RosterError, "no such file"):
            bnhub.read_roster(Path("/nonexistent/roster.txt"))

    def test_system_accounts_are_refused_and_unknown_names_allowed(self):
        self.assertIn("existing system account (uid 0)", bnhub.system_account_problem("root"))
        self.assertIsNone(bnhub.system_account_problem("bnnobody-test-x"))

    def test_settings_survive_a_round_trip(self):
        s = bnhub.Settings(root="/r", state="/s", ip="127.0.0.1", port=8000, hub_port=1, proxy_api_port=2,
                           instructor="teacher", students=["ada"], system_users=False, java_home="/j", run_id="x")
        path = Path(tempfile.mkdtemp()) / "settings.json"
        s.save(path)
        self.assertEqual(bnhub.Settings.load(path), s)
        self.assertEqual(s.secret, Path("/s/secret"))


class DockerfileReadingTest(unittest.TestCase):
    TEXT = ("FROM debian:12-slim AS base\n# a comment\nRUN apt-get update \\\n && true\nENV A=1 \\\n    B_C=2\n"
            "FROM base\nENV BN_X=/x\nUSER 1000\nCMD [\"/run.sh\"]\n")

    def test_continuations_are_joined_and_comments_dropped(self):
        words = check_deploy.dockerfile_instructions(self.TEXT)
        self.assertEqual(words[1], ("RUN", "apt-get update   && true"))
        self.assertNotIn("#", " ".join(rest for _, rest in words))

    def test_the_final_stage_and_its_environment(self):
        final = check_deploy.final_stage(check_deploy.dockerfile_instructions(self.TEXT))
        self.assertEqual(final[0], ("FROM", "base"))
        self.assertEqual(check_deploy.env_names(final), {"BN_X"})
        self.assertEqual(check_deploy.env_names(check_deploy.dockerfile_instructions(self.TEXT)), {"A", "B_C", "BN_X"})


if __name__ == "__main__":
    unittest.main()


class HubConfigTest(unittest.TestCase):
    """deploy/hub/jupyterhub_config.py as JupyterHub loads it, in both modes (no hub is started here)."""

    def load(self, system_users: bool):
        import asyncio
        import os
        from traitlets.config.loader import PyFileConfigLoader
        state = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, state)
        settings = bnhub.Settings(root=str(bnhub.ROOT), state=str(state), ip="127.0.0.1", port=8000, hub_port=1,
                                  proxy_api_port=2, instructor="teacher", students=["ada", "grace"],
                                  system_users=system_users, java_home="/j", run_id="r1")
        settings.secret.mkdir(parents=True)
        (settings.secret / "admin-token").write_text("t0ken\n")
        bnhub.read_or_make_secret(settings.secret / "student-password", 6)
        bnhub.read_or_make_secret(settings.secret / "instructor-password", 16)
        settings.save(settings.secret / "settings.json")
        os.environ["BN_HUB_SETTINGS"] = str(settings.secret / "settings.json")
        self.addCleanup(os.environ.pop, "BN_HUB_SETTINGS")
        config = PyFileConfigLoader("jupyterhub_config.py", path=str(HERE / "hub")).load_config()
        return config, settings, asyncio.run

    def test_trial_mode_shared_passwords_and_homes_in_the_state_folder(self):
        from jupyterhub.spawner import SimpleLocalProcessSpawner
        config, settings, run = self.load(system_users=False)
        auth = config.JupyterHub.authenticator_class(config=config)
        student_pw = (settings.secret / "student-password").read_text().strip()
        admin_pw = (settings.secret / "instructor-password").read_text().strip()
        self.assertEqual(run(auth.authenticate(None, {"username": "ada", "password": student_pw}))["name"], "ada")
        self.assertIsNone(run(auth.authenticate(None, {"username": "ada", "password": "wrong-password"})))
        self.assertEqual(run(auth.authenticate(None, {"username": "teacher", "password": admin_pw}))["admin"], True)
        self.assertFalse(auth.validate_username("Root Account"))
        self.assertEqual(config.Authenticator.allowed_users, {"ada", "grace"})
        spawner = config.JupyterHub.spawner_class
        self.assertTrue(issubclass(spawner, SimpleLocalProcessSpawner))
        self.assertEqual(config.SimpleLocalProcessSpawner.home_dir_template, f"{settings.state}/homes/{{username}}")

    def test_root_mode_system_accounts_with_pam(self):
        from jupyterhub.auth import PAMAuthenticator
        from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner
        config, _, _ = self.load(system_users=True)
        self.assertTrue(issubclass(config.JupyterHub.authenticator_class, PAMAuthenticator))
        self.assertTrue(issubclass(config.JupyterHub.spawner_class, LocalProcessSpawner))
        self.assertFalse(issubclass(config.JupyterHub.spawner_class, SimpleLocalProcessSpawner))
        self.assertEqual(config.LocalAuthenticator.add_user_cmd, bnhub.ADD_USER_CMD)
        self.assertEqual(config.Spawner.environment["BN_COURSE_DIR"], bnhub.COURSE_DIR_NAME)
