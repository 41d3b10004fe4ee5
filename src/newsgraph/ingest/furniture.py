"""Line-level features and known page-furniture patterns (web publishing idioms, several languages).

Each plain-text line is described by its position, length, final punctuation, stopword ratio and
whether it matches a furniture family. The families follow what boilerplate removers such as jusText
and trafilatura treat as non-content: comment prompts, related-content headers, donation appeals,
tag lists, media credits, copyright and licence notices, navigation and footer-link words, promo lines,
newsletter / paywall offers and taglines, affiliate disclosures, comment policies, browser / ad-blocker
notices and third-person author notes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from ..regex_prefilter import Gated
from .line_gates import LineGates

_I = re.IGNORECASE


def _gated(pattern: str, flags: int = 0) -> Gated:
    """A pattern searched anywhere in a line, only run on lines holding one of the words every match needs
    (regex_prefilter): unanchored alternations over ~15,000 lines of 1,000 pool texts were most of the build
    parent's ingest CPU. Anchored patterns (match, '^') fail fast on their own and are not gated."""
    return Gated(re.compile(pattern, flags))


# Function words of the languages web news is mostly published in; jusText's "stopword density".
STOPWORDS = frozenset(
    """a about after against all also an and any are as at be been before but by can could did do does
    during for from had has have he her his how i if in into is it its more most no not of on or our out
    over said she so than that the their them then there these they this those through to under up was
    we were what when where which while who will with would you your
    le la les un une des du de et est en au aux pour par sur dans qui que pas ne il elle ils sont
    der die das ein eine und ist nicht mit von zu den dem im auf für sich des auch
    el los las una y es por con para del se lo como su al más
    il lo gli e è per con non che di da
    o os as um uma é com não do da em ao""".split()
)

SENTENCE_END = re.compile(r"""[.!?…](["'”’»)\]]*)$|["”»]$""")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

COMMENT_PROMPT = re.compile(
    r"^(leave a (reply|comment)|post a comment|add (a |your )?comment|write a comment|\d+\s+comments?|"
    r"comments?(\s*\(\d+\))?|show comments|view comments|join the (discussion|conversation)|"
    r"your email address will not be published.*|required fields are marked.*|cancel reply|"
    r"you must be logged in to post a comment.*|comment policy|laisser un commentaire|"
    r"(deja|dejar) un comentario|kommentar (schreiben|verfassen)|lascia un commento|"
    r"deixe um comentário|dodaj komentarz|napisz komentarz|publier un commentaire|(see|read|view|show) all comments|"
    r"kommentar verfassen( antwort abbrechen)?|\d+ (responses?|replies)|sorted by)[.:!]?$",
    _I,
)
RELATED_HEADER = re.compile(
    r"^(related|related (posts?|articles?|stories|news|content|coverage|reading|links|topics)|"
    r"(read|see) (more|also|next)|also read|more (stories|news|articles|from \S.*|on this( topic)?)|"
    r"you (may|might) (also )?(like|be interested in|have missed).*|recommended( for you| reading)?|"
    r"most (read|popular|viewed|shared)|trending( now| stories)?|popular (posts|articles|stories)|"
    r"latest (news|posts|articles|stories)|further reading|in other news|most popular( this week| today)?|"
    r"top stories|editor'?s picks|explore further|in this section|latest on|filed under|more in \S.*|"
    r"(à )?lire aussi|voir aussi|sur le même sujet|leer más|lea también|noticias relacionadas|"
    r"auch interessant|mehr zum thema|das könnte sie auch interessieren|leggi anche|"
    r"czytaj (też|także)|zobacz (też|także)|leia (também|mais))[.:!]?$",
    _I,
)
PROMO_LINK = re.compile(
    r"^(read more|read also|also read|see also|related|recommended|watch|listen|lire aussi|à lire|"
    r"previous (post|article|story)|next (post|article|story)|"
    r"leer más|lea también|mehr dazu|leggi anche)\s*[:|>»–-]\s*\S.{0,200}$"
    # "Related Story <headline>": a teaser label glued to the headline it links to, no separator
    r"|^(related|recommended|also read|read more|see also)\s+(story|stories|articles?|posts?|news|content|"
    r"coverage|reading|links?|video)\b\s*[:|>»–-]?\s*\S.{0,200}(?<!\.)$",
    _I,
)
DONATION = re.compile(
    r"^(support us|support our (work|journalism|mission|actions)|donate( now| today)?|make a donation|"
    r"become a (patron|member|supporter|subscriber)|support|soutenez-nous|faire un don|unterstützen sie uns|"
    r"apóyanos|dona(r)?|wesprzyj nas|make a contribution|contribute( now| today)?|"
    r"(available for everyone, )?funded by (our )?readers)[.:!]?$",
    _I,
)
DONATION_APPEAL = _gated(
    r"(please|consider|help us|you can) (support|donat|contribut|help)|support (us|our (work|journalism|"
    r"mission|actions|reporting))|donations? (\w+ ){0,6}(necessary|needed|essential|help|keep|allow|enable)|"
    r"patreon|buy (me|us) a coffee|make a (donation|contribution)|rely on (your|reader|readers') support|"
    r"reader[- ](funded|supported)",
    _I,
)
TAGS = re.compile(
    r"^(tags?|tagged( with| in| as)?|topics?|keywords?|filed under|categories|category|posted in|"
    r"schlagwörter|schlagworte|themen|étiquettes|mots[- ]clés|etiquetas|temas|tematy|tag)\s*[:：]\s*\S",
    _I,
)
TAG_PHRASE = re.compile(r"^(posted in|filed under|tagged( with)?|published in)\s+\S.{0,120}$", _I)
AUTHOR_BOX_HEADER = re.compile(r"^(about the (author|writer|contributor)s?|author bio(graphy)?|"
                               r"à propos de l'auteur|sobre el autor|über den autor)[.:]?$", _I)
CREDIT = re.compile(
    r"^[(\[]?(source|sources|photo|photos|photograph|image|images|picture|pic|credit|credits|"
    r"illustration|cover photo|featured image|main image|header image|video|graphic|map|"
    r"foto|fot\.|zdjęcie|źródło|quelle|bild|crédit(s)? photo|crédit|crédits|fuente|imagen|fonte)"
    r"(\s+(credit|by|source))?\s*[:：/|]\s*\S.{0,150}$",
    _I,
)
STAFF_CREDIT = re.compile(
    r"^(\(?(additional )?(reporting|writing|editing|research|compiled|translated|translation|produced|"
    r"interviews?) by\b.{0,150}|(with )?(additional )?reporting from\b.{0,120})$",
    _I,
)
LABEL_START = re.compile(r"^\W*[\w’'-]+(\s+[\w’'-]+){0,3}\s*:\s")
CREDIT_AGENCY = re.compile(
    r"^[(\[]?(photo|photograph|image|picture|file photo|credit)s?\b.{0,120}\b(getty|reuters|afp|ap photo|by|"
    r"shutterstock|epa|anadolu|xinhua|tass|sputnik|alamy|via)\b.{0,80}$",
    _I,
)
# "©" is looked for on its own (copyright_notice): the gate reads ASCII words only.
COPYRIGHT = _gated(
    r"(\(c\) ?\d{4}|^\W*copyright\b|some rights reserved|(licensed|available|published) under (a |the )?"
    r"creative commons|\bcopyright (©|\(c\)|\d{4})|all rights reserved|tous droits réservés|todos los derechos reservados|"
    r"alle rechte vorbehalten|tutti i diritti riservati|wszelkie prawa zastrzeżone|"
    r"\b(texts?|articles?|content|materials?|images?|photos?)\b.{0,60}\bmay (not )?be "
    r"(used|reproduced|disseminated|republished|redistributed|copied|reprinted)|"
    r"without (prior |express )?(written )?permission|"
    r"on (the )?condition that (the|their|its) (origin|source) is (credited|cited|acknowledged))",
    _I,
)
NAVIGATION = re.compile(
    r"^(close|top|back to top|to top|home|menu|search|share|share this( article| story)?|"
    r"share (on|via) \w+|tweet|print|email|e-mail|next|previous|prev|next (post|article|story)|"
    r"previous (post|article|story)|see (them|all|more)|show (more|all)|load more|more|click here|"
    r"subscribe|sign up|sign in|log in|login|register|follow us|advertisement|advertising|sponsored|"
    r"ad|skip to (main )?content|toggle navigation|accept( all)?( cookies)?|reply|like|loading\W*|"
    r"facebook|twitter|linkedin|whatsapp|telegram|pinterest|reddit|copy link|x|contact( us)?|about( us)?|"
    r"attachments|\d+ min(ute)?s? read|getty images|like this|click to \w+.{0,60}|"
    r".{0,60}\(opens in new window\)|terms( of (use|service|sale))?|terms (&|and) conditions|"
    r"privacy( policy| notice| statement| settings)?|cookie (policy|settings|statement|preferences)|dmca|sitemap|"
    r"site ?map|careers|jobs|advertise( with us)?|corrections( (and|&) clarifications)?|rss( feeds?)?|faq|help|"
    r"(online tracking|ad) choices|do not sell my (personal )?info(rmation)?|view (my )?(complete|full) profile|"
    r"newsletters|podcasts|(jump to|print|save) recipe|jump to recipe\W*print recipe|"
    # an e-mailed newsletter's chrome
    r"unsubscribe|view (this (email|newsletter|post) )?(in|on) (your |a )?(web )?browser|"
    r"forwarded this (email|newsletter)\?.{0,60}|(update|manage) (your )?(email )?(preferences|subscription)|"
    r"fermer|retour en haut|partager|schließen|teilen|nach oben|cerrar|compartir|chiudi|condividi|"
    r"zamknij|udostępnij|fechar|compartilhar)[.!:]?$",
    _I,
)
SOCIAL_ROW = re.compile(r"^((facebook|twitter|x|linkedin|whatsapp|telegram|email|print|reddit|pinterest)"
                        r"[\s|,/·•]*){2,}$", _I)
PROMO = re.compile(
    r"^(subscribe|sign up|join|get|download|follow|like us|click|tap|watch|listen|don't miss|"
    r"abonnez-vous|suscríbete|abonnieren)\b.{0,100}\b(newsletter|app|channel|telegram|whatsapp|facebook|"
    r"twitter|youtube|instagram|podcast|updates|inbox|here|free)\b",
    _I,
)
CONSENT = _gated(
    r"\b(we use cookies|uses cookies|use of cookies|cookie (policy|settings|preferences|consent)|"
    r"accept (all )?cookies|by continuing to (use|browse)|privacy policy and terms|(enable|allow) (all )?cookies|"
    r"your (current )?(cookie|privacy) settings|"
    r"nous utilisons des cookies|utilizamos cookies|wir verwenden cookies|utilizziamo i cookie)\b",
    _I,
)
CALL_TO_ACTION = _gated(
    r"\b(subscribe|subscribing|sign up|signing up|download|follow (us|\w+ on)|never miss|don't miss|"
    r"log in|join our|get (our|the latest)|abonnez-vous|suscríbete|abonnieren)\b",
    _I,
)
CHANNEL = _gated(
    r"\b(newsletters?|apps?|twitter|facebook|instagram|youtube|telegram|whatsapp|tiktok|inbox|e-?mail|"
    r"edition|podcast|updates|full story|subscriber)\b",
    _I,
)
BYLINE_ROLE = re.compile(
    r"^(by\s+)?(our |special |staff |foreign |senior |chief |political |diplomatic |defence |defense )?"
    r"(correspondent|reporter|staff writer|staff reporter|special envoy|envoyé spécial|corresponsal|"
    r"enviado especial|korrespondent|korrespondentin|editorial (team|board|staff)|news desk|newsroom|"
    r"web desk|agencies|wire services)(\s+(in|for|at|from)\s+\S.{0,40})?$",
    _I,
)
BYLINE_NAME = re.compile(
    r"^(by|written by|words by|author|autor|auteur|par|von|por|di)\s*[:：]?\s+(?P<name>\S.{1,80})$", _I
)
AUTHOR_FIELD = _gated(r"\b(author|autor|auteur|by)\s*[:：]\s*(?P<name>[^|:]{2,80}?)\s*(?=$|\||\b\w+\s*[:：])",
                          _I)
DATE_FIELD = _gated(
    r"\b(date|published|posted|updated|last updated|posted on|published on|datum|fecha|data)\s*[:：]?\s*"
    r"(?P<date>[^|]{4,60}?)\s*(?=$|\||\b(author|autor|auteur|by)\b)",
    _I,
)
BIO_ROLE = _gated(
    r"\b(journalist|reporter|writer|editor|correspondent|columnist|analyst|contributor|blogger|author|"
    r"researcher|freelancer|i cover|i write|i report|covers|writes about|reports on)\b",
    _I,
)
FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|my)\b")
NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'.-]*$")


# Affiliate and advertiser disclosures: how the page earns money from what it links to.
DISCLOSURE = _gated(
    r"\b(affiliate (commission|links?|programs?|advertising|partners?)|may (earn|receive|get) (a |an )?(small )?"
    r"(affiliate )?(commission|compensation|fees|revenue|share of sales)|(earn|receive) compensation|"
    r"amazon (services llc )?associates?|earns? (revenue|fees|a commission) from qualifying purchases|"
    r"supported by (its|our) (audience|readers)|(products|offers) from (one or more of )?our advertisers|"
    r"advertis(ing|er) (disclosure|disclaimer|policy)|advertisers do not influence|"
    r"(not|never) (been )?(provided|commissioned|reviewed|approved|endorsed) by (the |any )?(bank )?advertisers?|"
    r"(is|are) not responsible for the (opinions|views|content)|do(es)? not necessarily reflect the views)\b",
    _I,
)
# How readers may comment or write in, and how the site treats what they send.
COMMENT_POLICY = _gated(
    r"\b(comments? (are|is|will be|may be|must be) (moderated|reviewed|republished|published|civil|welcome)|"
    r"(we|please) (welcome|ask that|moderate|review) (reader |all |your )?comments|comments (that|which) are "
    r"(representative|abusive|off-topic|defamatory|libell?ous)|(civil|free of) (and )?(libell?ous|hateful|abusive)|"
    r"(submit|send|write) (us |in )?(a |your )?letters? to the editor|letters? to the editor via|"
    r"hear what you think|(tell|let) us (know )?what you think|comment policy|community guidelines)\b",
    _I,
)
# Newsletter, push and paywall offers: the page selling itself rather than reporting.
SUBSCRIPTION = _gated(
    r"(^(sign (me )?up|subscribe)\b|\bsign (me )?up (here|now|today)|\benter your e-?mail|(delivered|sent|straight|directly) (straight |"
    r"directly )?(to|in) your inbox|to your inbox|in your inbox|push notifications|"
    r"(receive|get) (a |our |the |new |future )?(daily|weekly|monthly|free (newsletter|updates)|new posts|"
    r"future announcements|"
    r"the latest|email|e-mail|updates|notifications|alerts)\b|send me (an )?e-?mail|"
    r"(delivered|delivers|arrives?) (daily|weekly|every (day|week|morning|weekday))|subscription will auto[- ]?renew|"
    r"(instant|immediate|unlimited) (online )?access to|already (a|an) (subscriber|member)|subscribers? (also )?"
    r"receive|(stay|keep) (informed|up to date|up-to-date) (with|on|about)|want to be informed|"
    r"don't have time to read|never miss (a|an|the)|don't miss (a|an|the|out)|missing out on the latest|"
    r"subscription implies consent|protected by recaptcha|in accordance with (the|our) .{0,60}privacy)",
    _I,
)
# A newsletter or section tagline standing alone: "The latest news and insights from ...".
TAGLINE = re.compile(
    r"^(the )?(latest|daily|weekly|best|top|essential|breaking) (news|updates|stories|headlines|insights|analysis|"
    r"reads|picks|on|from|about|in)\b.{0,120}$|^\S+( \S+){0,3} (newsletters?|podcasts?|briefing)$|"
    r"^(discover|explore|read|see) (our|the) (latest|best|top)\b.{0,60}$|^(read|see) the latest from\b.{0,60}$",
    _I,
)
TAGLINE_VERB = re.compile(r"\b(is|are|was|were|has|have|had|said|says|shows?|showed|will|would|could)\b", _I)
# Notices about the reader's browser, ad blocker or the site's own operation.
SITE_NOTICE = _gated(
    r"\b(ad[- ]?blockers?|browser version|(update|upgrade) your browser|(enable|turn on) javascript|"
    r"javascript (is )?(disabled|required)|compatibility mode|operating status|thank you for visiting)\b",
    _I,
)
# The platform or theme credit at the foot of a blog.
POWERED_BY = re.compile(
    r"^\W*([\w ]{0,30}\b(theme|thème)\b\W*)?(powered by|fourni par|propulsé par|proudly powered by|theme by|"
    r"designed by|site by|built with)\s+\S.{0,40}$",
    _I,
)


@dataclass(frozen=True)
class LineInfo:
    """The features of one non-empty line that the cleaning rules look at."""

    text: str
    index: int
    words: int
    stop_ratio: float
    sentence_end: bool
    kind: str | None  # furniture family, or None

    @property
    def is_sentence(self) -> bool:
        """Reads as prose: terminal punctuation, several words, ordinary function words."""
        return self.sentence_end and self.words >= 4 and self.stop_ratio >= 0.1 and self.kind is None

    @property
    def is_body_paragraph(self) -> bool:
        """A full paragraph of prose, the kind of line that anchors where the article is."""
        return self.kind is None and self.words >= 12 and (self.sentence_end or self.words >= 30) \
            and self.stop_ratio >= 0.15


def words_of(text: str) -> list[str]:
    """Alphabetic words (digits and punctuation dropped)."""
    return WORD.findall(text)


def has_words(text: str, n: int) -> bool:
    """len(words_of(text)) >= n without listing the words: a whole body is asked whether it holds a few (listing the
    ~350 words of each of 1,000 bench bodies to count three was ~0.1 s of a build parent's CPU)."""
    return n <= 0 or next(islice(WORD.finditer(text), n - 1, None), None) is not None


def describe(text: str, index: int) -> LineInfo:
    """Compute the features of one line."""
    words = words_of(text)
    stop = sum(map(STOPWORDS.__contains__, map(str.lower, words)))  # C-level loop: a third of the generator's CPU
    return LineInfo(
        text=text,
        index=index,
        words=len(words),
        stop_ratio=stop / len(words) if words else 0.0,
        sentence_end=bool(SENTENCE_END.search(text)),
        kind=furniture_kind(text, len(words)),
    )


# Script text that leaks through extraction: JavaScript/JSON statements and bare brackets.
CODE_LINE = _gated(r"\bfunction\s*\(|=>|\b(?:var|let|const)\s+\w+\s*=|\b(?:document|window)\.\w+|\\x[0-9a-fA-F]{2}")
BRACKETS_LINE = re.compile(r"[\s{}()\[\];,]+$")  # nothing but brackets and separators: code too


def _code_like(text: str, present: tuple[frozenset[str], frozenset[str]] | None = None) -> bool:
    """A statement of program code rather than prose: a code construct, and code punctuation or escapes,
    on a line that does not end the way a sentence does (present: _LINE_GATES.present(text), if made)."""
    if not (_LINE_GATES.found(CODE_LINE, text, present) or BRACKETS_LINE.match(text)):
        return False
    stripped = text.strip()
    if not any(c.isalpha() for c in stripped):
        return True
    if stripped.endswith((".", "!", "?", '"', "”", "’")):
        return False
    if len(re.findall(r"\\x[0-9a-fA-F]{2}", stripped)) >= 3 or re.match(r"(?:var|let|const)\s", stripped):
        return True
    symbols = sum(stripped.count(c) for c in "{}();=[]<>")
    return symbols / max(len(stripped), 1) >= 0.03


# The gated patterns furniture_kind asks about a line: their required words found in one pass (line_gates).
_LINE_GATES = LineGates((DONATION_APPEAL, COPYRIGHT, CONSENT, DISCLOSURE, COMMENT_POLICY, SUBSCRIPTION, SITE_NOTICE,
                         CALL_TO_ACTION, CHANNEL, CODE_LINE))


@lru_cache(maxsize=8192)  # the markdown reader and the cleaner it hands its text to ask about the same lines
def furniture_kind(text: str, n_words: int) -> str | None:
    """Name the furniture family a line belongs to, or None if it may be article text."""
    t = text.strip()
    present = _LINE_GATES.present(t) if _LINE_GATES.enabled else None
    found = _LINE_GATES.found
    if COMMENT_PROMPT.match(t):
        return "comments"
    if RELATED_HEADER.match(t):
        return "related"
    if n_words <= 6 and DONATION.match(t):
        return "donation"
    if n_words <= 80 and found(DONATION_APPEAL, t, present) and re.search(r"\b(you|your|us|our)\b", t, _I):
        return "donation"
    if n_words <= 40 and TAGS.match(t) or n_words <= 20 and TAG_PHRASE.match(t) and not SENTENCE_END.search(t):
        return "tags"
    if AUTHOR_BOX_HEADER.match(t):
        return "authorbox"
    if n_words <= 15 and (CREDIT.match(t) or CREDIT_AGENCY.match(t)) and not _long_sentence(t, n_words):
        return "credit"
    if n_words <= 30 and STAFF_CREDIT.match(t):
        return "credit"
    if n_words <= 60 and ("©" in t or found(COPYRIGHT, t, present)):
        return "copyright"
    if n_words <= 80 and found(CONSENT, t, present):
        return "consent"
    if n_words <= 120 and found(DISCLOSURE, t, present):
        return "disclosure"
    if n_words <= 60 and found(COMMENT_POLICY, t, present):
        return "comments"
    if n_words <= 60 and found(SUBSCRIPTION, t, present):
        return "promo"
    if n_words <= 20 and TAGLINE.match(t) and not TAGLINE_VERB.search(t):
        return "promo"
    if n_words <= 80 and found(SITE_NOTICE, t, present):
        return "notice"
    if n_words <= 10 and POWERED_BY.match(t):
        return "navigation"
    nav = t.strip(" |•·>»–—-")
    if NAVIGATION.match(nav) or SOCIAL_ROW.match(nav) or COMMENT_PROMPT.match(nav) and nav != t:
        return "navigation"
    if n_words <= 20 and PROMO_LINK.match(t):
        return "promo"
    if n_words <= 20 and PROMO.match(t):
        return "promo"
    if n_words <= 30 and found(CALL_TO_ACTION, t, present) and found(CHANNEL, t, present):
        return "promo"
    if _code_like(t, present):
        return "code"
    return None


def _long_sentence(text: str, n_words: int) -> bool:
    """A credit-shaped start followed by a real sentence ("Source: the ministry said that ...")."""
    return n_words >= 10 and bool(SENTENCE_END.search(text))


# Families after which nothing of the article follows (trafilatura cuts comments and related blocks).
END_KINDS = frozenset({"comments", "donation", "tags", "copyright", "authorbox"})
# A "Related" header opens a list of headlines; the article may resume after it.
LIST_HEADER_KINDS = frozenset({"related"})


def looks_like_name(text: str) -> bool:
    """A lone person-name line: 2-4 capitalised tokens, no digits, no sentence punctuation."""
    toks = text.split()
    if not 2 <= len(toks) <= 4 or any(ch.isdigit() for ch in text):
        return False
    if text.rstrip()[-1:] in ".!?:;,":
        return False
    return all(NAME_TOKEN.match(t) for t in toks) and not any(t.lower() in STOPWORDS for t in toks)


def is_bio(text: str, n_words: int) -> bool:
    """An author box: a short paragraph about the writer (first person or 'X is a journalist')."""
    if n_words > 80 or not BIO_ROLE.search(text):
        return False
    if FIRST_PERSON.search(text):
        return True
    return bool(re.match(r"^[A-Z][\w’'-]+( [A-Z][\w’'-]+){1,3} (is|was) (a|an|the) ", text))


# A third-person author note: "Jane Doe is a senior writer for X, covering ... She previously ...".
BIO_LEAD = re.compile(
    r"^[A-ZÀ-Ý][\w’'.-]+( ([A-ZÀ-Ý][\w’'.-]+|de|van|von|da|di|bin|al|el|la|le)){0,3}(’s|'s)?,? "
    r"(is|was|has|had|writes|covers|reports|joined|serves|works|lives|fell|holds|teaches|became|leads|founded|spent)\b"
)
BIO_PRONOUN = _gated(
    r"(^|[.!?]\s+)(He|She|They)\s+(is|was|has|had|previously|also|joined|holds|lives|spent|covers|writes|currently|"
    r"worked|received|earned|graduated|studied|began|started|can be|tweets|enjoys|loves)\b|"
    r"\b([Pp]rior to|[Bb]efore) joining\b"
)
BIO_CAREER = _gated(
    r"\b(journalist|reporter|writer|editor|correspondent|columnist|contributor|blogger|author|freelancer|"
    r"cover(s|ed|ing)|writ(es|ing) (about|on|for)|has written|reports on|expert|consultant|founder|developer|"
    r"engineer|professor|fellow|analyst|researcher)\b",
    _I,
)
BIO_WRITER = re.compile(
    r"^\S+( \S+){0,3},? ((is|was) (a|an|the) ([\w’'-]+ ){0,4}(writer|reporter|journalist|editor|correspondent|"
    r"columnist|contributor)\b|writes (about|for|on)\b|covers\b|has (covered|been (writing|reporting|covering))\b)"
)


def is_third_person_bio(text: str) -> bool:
    """A note about the writer in the third person: a name as subject, a career, and usually 'He/She ...'."""
    if not BIO_LEAD.match(text) or len(words_of(text)) > 120:
        return False
    return bool(BIO_WRITER.match(text)) or bool(BIO_PRONOUN.search(text) and BIO_CAREER.search(text))


# A notice that talks to the reader about the site's own machinery. One family of terms alone is ordinary
# news ("your subscription price is going up"); two of them together are a form, a consent or login box.
SECOND_PERSON = re.compile(r"\b(you|your|you're|you’re|you've|you’ve|you'll|you’ll)\b", _I)
NOTICE_TERMS = (
    re.compile(r"\b(cookies?|cookie settings|tracking technologies)\b", _I),
    re.compile(r"\b(passwords?|usernames?|log ?in|logged in|sign(ed|ing)? (in|up)|(your|an?|existing) account|"
               r"account number|verification code)\b", _I),
    re.compile(r"\b(newsletters?|communications from|e-?mail address|inbox|subscri(be|bing|ption|ber)s?)\b", _I),
    re.compile(r"\b(privacy (settings|policy|notice)|personal (data|information)|(our|the) terms( of (use|service))?|"
               r"submitting (your|this)|your information|data protection)\b", _I),
    re.compile(r"\b(browsers?|javascript|ad ?blockers?|notifications)\b", _I),
)
READER_NOTICE_MAX_WORDS = 60


def is_reader_notice(text: str) -> bool:
    """A short paragraph addressing the reader ('you') about cookies, accounts, sign-ups or site terms."""
    if len(words_of(text)) > READER_NOTICE_MAX_WORDS or not SECOND_PERSON.search(text):
        return False
    return sum(1 for pattern in NOTICE_TERMS if pattern.search(text)) >= 2
