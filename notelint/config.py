"""Settings from `notelint.yaml` (this folder or any parent) or `[tool.notelint]` in pyproject.toml.

Command-line flags win over the file.  Keys use the flag names: profile, select,
ignore, fail-on, format, checklist, text-field, id-field, case-field,
status-field, skip-status, model; and for `serve`, cors-origins, allowed-hosts, trust-proxy
and token-file (never the token itself: a config file is often committed).
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import yaml

KEYS = {"profile", "select", "ignore", "fail-on", "format", "checklist", "text-field", "id-field",
        "case-field", "status-field", "skip-status", "model", "cors-origins",
        "allowed-hosts", "trust-proxy", "token-file"}


class ConfigError(ValueError):
    pass


def find_config(start: Path | None = None) -> tuple[Path | None, dict[str, Any]]:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "notelint.yaml"
        if candidate.is_file():
            return candidate, _from_yaml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            section = _from_pyproject(pyproject)
            if section is not None:
                return pyproject, section
    return None, {}


def load_config(path: Path) -> dict[str, Any]:
    if path.name == "pyproject.toml":
        return _from_pyproject(path) or {}
    return _from_yaml(path)


def _from_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.__class__.__name__})") from None
    return _validate(path, data)


def _from_pyproject(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read [tool.notelint] ({exc.__class__.__name__})") from None
    section = data.get("tool", {}).get("notelint")
    return None if section is None else _validate(path, section)


CHOICES = {"fail-on": ("error", "warning", "info", "never"), "format": ("text", "json", "csv", "sarif", "github"),
           "checklist": ("auto", "always", "never")}
LISTS = {"select", "ignore", "skip-status", "cors-origins"}   # a list, or one comma-separated string
NAMES = {"text-field", "id-field", "case-field", "status-field"}  # column names: text (a number is read as text)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(path: Path, key: str, value: Any, numbers: bool) -> str:
    """A setting's value as text; a number is accepted where a column name or a status may be one."""
    if isinstance(value, str):
        return value
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    hint = " (quote it: YAML reads yes/no/on/off as true/false)" if isinstance(value, bool) else ""
    raise ConfigError(f"{path}: {key}: expected text, got {_shown(value)}{hint}")


def _validate(path: Path, data: Any) -> dict[str, Any]:
    """The settings, each checked: a bad value is one line naming the file, the setting and what it expects."""
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    out = {}
    for key, value in data.items():
        norm = str(key).replace("_", "-")
        if norm not in KEYS:
            raise ConfigError(f"{path}: unknown setting {key!r} (known: {', '.join(sorted(KEYS))})")
        if norm in LISTS:
            items = value if isinstance(value, list) else [value]
            value = []
            for item in items:
                value += [v.strip() for v in _text(path, norm, item, norm == "skip-status").split(",") if v.strip()]
        elif norm in CHOICES:
            if not isinstance(value, str) or value not in CHOICES[norm]:
                hint = " (quote it: YAML reads yes/no/on/off as true/false)" if isinstance(value, bool) else ""
                raise ConfigError(f"{path}: {norm}: expected one of {', '.join(CHOICES[norm])}, "
                                  f"got {_shown(value)}{hint}")
        else:
            value = _text(path, norm, value, norm in NAMES)
        if norm == "profile" and value.endswith((".yaml", ".yml")):
            value = str((path.parent / value).resolve())  # relative to the config file
        out[norm] = value
    return out
