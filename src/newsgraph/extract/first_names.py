"""gender-guesser's answer for every first name it knows, kept on disk (nlp.table_cache) and read back in ms: the
detector parses its 48,000-line data file when it is made, 0.16-0.4 s CPU in every process that asks (coreference in
each analysis worker, mt_signals' first_name_gender in the corpus step), against ~0.03 s to read the table."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """Lower-cased first name -> the detector's get_gender (no country) for it; a name not in the table is 'unknown'."""
    from ..nlp.table_cache import cached_table

    return cached_table("gender-guesser-first-names", _build, ("gender-guesser",), [__file__])


def _build() -> dict[str, str]:
    import gender_guesser.detector as gd

    det = gd.Detector(case_sensitive=False)  # its names are lower-cased, as get_gender lower-cases what it is asked
    return {name: det.get_gender(name) for name in det.names}


def gender(given_name: str) -> str:
    """gender_guesser's Detector(case_sensitive=False).get_gender(given_name), read from the table."""
    return first_name_genders().get(given_name.lower(), "unknown")
