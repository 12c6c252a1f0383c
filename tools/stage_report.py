"""What a check stage of ./course test found, printed the one way every stage prints it (check_release.py,
check_gradescope.py, check_lab.py, deploy/check_deploy.py, deploy/hub/check_hub.py):

    [stage] ok   what passed                 as each check passes
    [stage] FAIL what failed                 as it fails (check) or all at the end (report)

    failures = Failures("release")
    failures.append("...")                   # or failures.check(ok, "good news", "what went wrong")
    return failures.report()                 # the exit code: 0 when nothing failed
"""
import sys


class Failures(list):
    """The failures of one stage, in the order found."""

    def __init__(self, stage: str):
        super().__init__()
        self.stage = stage

    def say(self, text: str, file=None) -> None:
        print(f"[{self.stage}] {text}", file=file or sys.stdout, flush=True)

    def check(self, ok: bool, good: str, bad: str) -> bool:
        """Says 'ok   good' or 'FAIL bad' now, keeps `bad` when not ok; returns ok."""
        self.say(f"ok   {good}" if ok else f"FAIL {bad}")
        if not ok:
            self.append(bad)
        return ok

    def report(self, file=None) -> int:
        """Says 'FAIL ...' for every failure kept (to stderr unless told), then returns the exit code."""
        for f in self:
            self.say(f"FAIL {f}", file=file or sys.stderr)
        return 1 if self else 0
