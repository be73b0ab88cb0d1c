"""Writes the course's JupyterLab settings into this Python environment (never the user's home).

    python tools/jupyter_settings.py

For a course the lab should open on the chapter and stay quiet: no "Would you like to get notified
about official Jupyter news?" pop-up and no update checks (both would also reach for a website).
Two places, both inside sys.prefix, so ./glassbox's venv and Binder's environment alike get them:
  share/jupyter/lab/settings/overrides.json           the lab's defaults (a user may still change them)
  etc/jupyter/jupyter_lab_config.json                 the lab server: no news feed, never check for updates
                                                      (LabApp reads this file, not jupyter_server_config.d/)
Running it again rewrites the same two files.
"""
import json
import sys
from pathlib import Path

LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
SERVER_CONFIG = {
    "LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"},
}


def merge_json(path: Path, settings: dict) -> None:
    """Adds our keys to the file, keeping whatever else it holds."""
    current = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for section, values in settings.items():
        current.setdefault(section, {}).update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    prefix = Path(sys.prefix)
    merge_json(prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json", LAB_OVERRIDES)
    merge_json(prefix / "etc" / "jupyter" / "jupyter_lab_config.json", SERVER_CONFIG)
    print("jupyter_settings: no news pop-up, no update checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
