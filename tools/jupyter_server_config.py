"""Jupyter Server configuration for the course's lab ('./course lab' copies it into .venv/etc/jupyter/).

When a notebook's kernel starts, JupyterLab takes the kernel's language_info into the notebook's metadata; when that
differs from what the file holds and the notebook has already loaded, the notebook is marked modified and autosave
rewrites it. JJava reports the running JDK's version there, which no stored notebook can match on every machine. So
the contents manager below serves each Java notebook with the language_info this very kernel reports (recorded once
by tools/configure_kernel.py): JupyterLab then finds nothing to change. Files on disk are not touched; when a learner
saves, the git filter (tools/notebook_filter.py) puts the course's stored language_info back for git.
"""
import json
import sys
from pathlib import Path

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

RECORD = Path(sys.prefix) / "etc" / "jupyter" / "java_language_info.json"


def recorded_language_info():
    """The Java kernel's own language_info, or None when configure_kernel.py could not record it."""
    try:
        return json.loads(RECORD.read_text(encoding="utf-8"))["language_info"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


class CourseContentsManager(AsyncLargeFileManager):
    """Serves a Java notebook with the installed kernel's own language_info (see the module's docstring)."""

    async def get(self, path, content=True, type=None, format=None, **kwargs):
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        if model.get("type") == "notebook" and model.get("content") is not None:
            metadata = model["content"].setdefault("metadata", {})
            info = recorded_language_info()
            if info is not None and (metadata.get("kernelspec") or {}).get("name") == "java":
                metadata["language_info"] = info
        return model


c = get_config()  # noqa: F821  (Jupyter provides get_config when it loads this file)
c.ServerApp.contents_manager_class = CourseContentsManager
