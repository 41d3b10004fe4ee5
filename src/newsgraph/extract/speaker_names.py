"""Naming speakers: one key per person across name variants and titles, names the entity layer missed, and
role descriptions matched to the person who holds the title."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from bisect import bisect_right

from spacy.tokens import Token

from .entities import person_name_spans
from .speech_cues import SPEECH_VERBS

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_RANKS = {"deputy", "vice", "former", "acting", "assistant", "junior", "ex", "interim", "shadow", "state"}


class PersonNames:
    """Name lookups over an article's entities and mentions (mixed into quote_speakers.Speakers)."""

    def _next_person_speaker(self, tok: Token) -> str | None:
        """A PERSON named as the subject of a speech verb in the next sentence (no other person named between)."""
        here = bisect_right(self.sent_starts, tok.idx) - 1
        if here + 1 >= len(self.sents):
            return None
        between = [m for m in self.mentions_in(tok.idx + len(tok), self.sents[here + 1].end_char)
                   if m.type == "PERSON" and m.kind == "name"]
        for m in between:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            head = span.root if span is not None else None
            while head is not None and head.dep_ in ("compound", "flat", "appos") and head.head is not head:
                head = head.head
            if head is None or head.dep_ not in _SUBJ or head.head.lemma_.lower() not in SPEECH_VERBS:
                return None
            from .quote_speakers import _PERSON_ROLES  # (quote_speakers builds on this module)

            if any(t.lemma_.lower() in _PERSON_ROLES and t.lemma_.lower() != tok.lemma_.lower() for t in head.subtree):
                return None  # 'the Armenian human rights ombudsman said ... . Another ... Defence Ministry spokeswoman,
                # Shushan Stepanyan, said' (d7b): a person with a title of her own is not the one the role meant
            return self._key_of(m)
        return None

    def _titled_person(self, tok: Token) -> str | None:
        """"Russia's foreign minister" -> the one person the article titles so ('Russian Foreign Minister Sergei
        Lavrov'): same role words, no extra rank ('deputy'), and the same country where both name one."""
        role = {t.lower_ for t in tok.lefts if t.dep_ in ("compound", "amod") and t.ent_type_ not in ("NORP", "GPE")}
        role.add(tok.lower_)
        owner = next((self._key_of(m) for c in tok.lefts if c.dep_ in ("poss", "amod", "compound")
                      for m in self.mentions_in(c.idx, c.idx + len(c)) if m.type in ("GPE", "NORP") or m.kind == "demonym"), None)
        found: set[str] = set()
        for m, span in person_name_spans(self.doc, self.mentions):
            title = [t for t in self.doc[max(0, span.start - 5) : span.start]
                     if t.dep_ in ("compound", "amod") and span.root in t.ancestors]
            words = {t.lower_ for t in title if t.ent_type_ not in ("NORP", "GPE")}
            if not role <= words or words - role - {"then"} & _RANKS:
                continue
            country = next((self._key_of(x) for t in title for x in self.mentions_in(t.idx, t.idx + len(t))
                            if x.type in ("GPE", "NORP") or x.kind == "demonym"), None)
            if owner is not None and country is not None and owner != country:
                continue
            found.add(self.canonical(self._key_of(m)))
        return next(iter(found)) if len(found) == 1 else None

    def _alias_key(self, tok: Token) -> str | None:
        """The one entity whose name or alias is this proper-name phrase, or whose surname is its head word."""
        if not hasattr(self, "_aliases"):
            full: dict[str, set[str]] = {}
            last: dict[str, set[str]] = {}
            for e in self.by_key.values():
                for a in (e.name, *e.aliases):
                    full.setdefault(a.lower(), set()).add(e.key)
                    if e.type == "PERSON" and len(_bare(a)) > 1:
                        last.setdefault(_spelling(_bare(a)[-1]), set()).add(e.key)
            self._aliases = (full, last)
        full, last = self._aliases
        words = [t for t in tok.subtree if t.dep_ in ("compound", "flat") or t.i == tok.i]
        phrase = " ".join(t.text for t in words if t.i <= tok.i).lower()
        written = tok.doc[min([t.i for t in words] + [tok.i]) : tok.i + 1].text.lower()  # 'Nagorno-Karabakh' as written
        keys = full.get(phrase) or full.get(written) or last.get(_spelling(tok.text)) or set()
        keys = {self.canonical(k) for k in keys}
        return next(iter(keys)) if len(keys) == 1 else None

    def canonical(self, key: str | None) -> str | None:
        """The fullest PERSON entity naming the same person: 'Mr Locsin' -> 'Teodoro Locsin', 'Zelenskiy' ->
        'Volodymyr Zelenskyy' (spelling variants of one name are keyed alike)."""
        ent = self.by_key.get(key) if key is not None else None
        if ent is None:
            return key
        if not hasattr(self, "_people"):
            self._people = [(e, _name_key(e.name)) for e in self.by_key.values() if e.type == "PERSON"]
        if ent.type == "ORG" and len(_bare(ent.name)) == 1:
            # a surname the entity layer took for an organisation, in another transliteration ('Al-Sarradsch'
            # beside 'Fajis al-Sarraj'): the one person of that surname
            last = _spelling(_bare(ent.name)[0])
            same = [e for e, (_, l) in self._people if l == last and len(last) >= 5]
            return same[0].key if len(same) == 1 else key
        if ent.type != "PERSON":
            return key
        first, last = _name_key(ent.name)
        if not last:
            return key
        same = [e for e, (f, l) in self._people if l == last and (not first or not f or f == first)]
        size = {e.key: len(_bare(e.name)) for e in same}
        best = max(same, key=lambda e: size[e.key], default=ent)
        fuller = [e for e in same if size[e.key] == size[best.key]]
        return best.key if len(fuller) == 1 else key


_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "jr", "sr", "president", "minister", "general", "gen",
               "ayatollah", "sheikh", "prof", "professor", "ambassador", "senator", "sen", "rep"}


# One Latin spelling for the sounds other languages' transliterations write differently (German 'Sarradsch', French
# 'Sarradj', English 'Sarraj'; 'Tschurkin' / 'Churkin'; 'Chruschtschow' / 'Khrushchev').
_TRANSLIT_TO = {"dsch": "j", "dzh": "j", "dj": "j", "tsch": "ch", "sch": "sh", "kh": "h", "ph": "f", "ou": "u"}
_TRANSLIT = re.compile("|".join(sorted(_TRANSLIT_TO, key=len, reverse=True)))


@lru_cache(maxsize=1 << 14)  # a pure function of the word, asked ~45 times an article for the same few names
def _spelling(word: str) -> str:
    """One key for transliteration variants: accents, y/i, doubled letters ('Zelenskyy', 'Zelenskiy', 'Sergey')."""
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    w = re.sub(r"[^a-z]", "", w)
    w = _TRANSLIT.sub(lambda m: _TRANSLIT_TO[m.group(0)], w).replace("y", "i").replace("j", "i")
    return re.sub(r"(.)\1+", r"\1", w)


def _bare(name: str) -> list[str]:
    return [w for w in name.replace(".", " ").split() if w.lower() not in _HONORIFICS]


def _name_key(name: str) -> tuple[str, str]:
    """(first name, surname) keys of a person's name without titles; ('', '') when it has no usable surname."""
    words = _bare(name)
    if not words:
        return "", ""
    last = _spelling(words[-1])
    first = _spelling(words[0]) if len(words) > 1 else ""
    return first, last if len(last) >= 3 else ""
