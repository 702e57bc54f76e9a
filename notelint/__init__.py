"""notelint: checks domestic-abuse case notes for judgemental wording, missing details and missed pathways."""
from __future__ import annotations

__version__ = "0.1.0"

from .findings import Finding, MissingDetail, Report  # noqa: E402


def check_text(text: str, profile: str | None = None, *, select: tuple[str, ...] = (),
               ignore: tuple[str, ...] = (), checklist: str = "auto") -> Report:
    """Check one note. `profile` is a built-in name ("mansfield", "bassetlaw") or a YAML path."""
    from .pipeline import build_nlp

    nlp = build_nlp(profile, None, tuple(select), tuple(ignore), checklist)
    return nlp(text)._.notelint


__all__ = ["check_text", "Finding", "MissingDetail", "Report", "__version__"]
