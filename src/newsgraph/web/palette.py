"""One colour per PLOVER event type, shared by the web views, the HTML report and the legend."""
from __future__ import annotations

PLOVER_COLOURS: dict[str, str] = {
    # verbal cooperation: greens / teals
    "AGREE": "#2e7d32", "CONSULT": "#00897b", "SUPPORT": "#43a047", "CONCEDE": "#7cb342",
    "COOPERATE": "#26a69a", "AID": "#66bb6a", "RETREAT": "#9ccc65",
    # verbal conflict: ambers / oranges
    "REQUEST": "#1e88e5", "DEMAND": "#f9a825", "DISAPPROVE": "#ffb300", "REJECT": "#fb8c00",
    "THREATEN": "#f4511e", "ACCUSE": "#ef6c00", "PROTEST": "#8e24aa", "SANCTION": "#6d4c41",
    # material conflict: reds
    "MOBILIZE": "#5e35b1", "SEIZE": "#c62828", "ASSAULT": "#b71c1c", "COERCE": "#d81b60", "FIGHT": "#880e4f",
}
OTHER_COLOUR = "#757575"


def colour(event_type: str | None) -> str:
    """The display colour of a PLOVER type (grey for unknown types)."""
    return PLOVER_COLOURS.get((event_type or "").upper(), OTHER_COLOUR)
