"""Words shown to readers for codes in the data: modes, settings, provenance and grades."""

from __future__ import annotations

SETTING_LABELS = {"standard": "", "no-tools": "no tools", "with-tools": "with tools"}
MODE_LABELS = {
    "instant": "Instant",
    "thinking": "Thinking",
    "contemplating": "Contemplating",
}


def mode_label(mode: str | None) -> str:
    """``thinking`` -> ``Thinking``; rivals' effort settings are shown as written."""
    if not mode:
        return "—"
    return MODE_LABELS.get(mode, mode)


PROVENANCE_LABELS = {
    "fact": "Established",
    "meta-claim": "Meta's claim",
    "independent": "Independent",
    "press-report": "Press report",
    "opinion": "Opinion",
}
SHORT_LABELS = {
    "fact": "Fact",
    "meta-claim": "Meta",
    "independent": "Indep.",
    "press-report": "Press",
    "opinion": "Opinion",
}
PROVENANCE_HELP = {
    "fact": "established fact: Meta or several reputable outlets agree and no source disputes it",
    "meta-claim": "Meta's own claim, not independently verified",
    "independent": "measured by a third party, not by Meta",
    "press-report": "reported by the press or another third party, not confirmed by Meta",
    "opinion": "a named person's opinion, not a fact",
}
CONFIDENCE_HELP = {
    "A": "the original publication was read (Meta's own page, the measurer's page or the speaker's own words), "
    "or two independent reputable outlets",
    "B": "one reputable outlet (read, or known through a summary), the original known only through relays, "
    "or several independent weaker sources",
    "C": "weakly sourced: only one or two weak or aggregator sources, or no source that was read",
}


def sentence(text: str) -> str:
    """Capitalise the first letter only (``str.capitalize`` would lowercase "Meta")."""
    return text[:1].upper() + text[1:]
