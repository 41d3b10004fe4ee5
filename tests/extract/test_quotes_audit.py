"""Quotes on unseen text, from the session-8 audit of TimeBank/AQUAINT and ECB+ quotes: accusations whose charge is
a noun, a reported clause that stops before the speaker's next act, blame that names a deed, not a statement, the
sentence after a quoted line, which attributes it only through its own verb, captions that repeat the body, people the
article does not name (an unnamed source, no speaker), reporting clauses set off by commas, and statements introduced
by a colon."""
from __future__ import annotations

from dev_quotes import dev_quotes as _dev, needs_dev_texts, said as _dsaid, speaker_name as _dname
from test_quotes_unseen import _name, _one, _quotes, _said, needs_ecb, needs_tbaq


@needs_tbaq
def test_an_accusation_keeps_the_charge_its_of_phrase_names():
    # 'Mr. Fournier accused Paribas of planning to pay for the takeover ...' (wsj_0810) and 'accusing them of
    # ''child abuse'' for turning his son against him' (APW20000417.0031): 'of' hangs on the verb itself
    q, speaker = _one("tb:wsj_0810", "planning to pay for the takeover")
    assert "Fournier" in speaker and q.cue == "accused"
    q, speaker = _one("tb:APW20000417.0031", "turning his son against him")
    assert q.content.startswith("child abuse")


@needs_ecb
def test_a_reported_clause_stops_before_the_speakers_next_act():
    # 'Peter Lynch admitting that Timmons had a gun but then dropping a bombshell': 'but then' is no part of it
    _, quotes = _quotes("33_4ecb")
    (q,) = _said(quotes, "Timmons had a gun")
    assert q.content == "Timmons had a gun"


@needs_dev_texts
def test_what_someone_is_blamed_for_is_a_deed_not_a_statement():
    # 'strikes ... against suspected Kurdish militants ... whom it blames for a deadly attack' (d5c): the attack is
    # not what Turkey said; the charge an accusation names still is ('accused the Philippines of “illegal
    # provocations”', d2b)
    _, _, quotes = _dev("d5c")
    assert not [q for q in _said(quotes, "a deadly attack on the headquarters") if q.cue.startswith("blame")]
    _, _, quotes = _dev("d2b")
    assert [q.kind for q in _said(quotes, "illegal provocations") if q.cue == "accused"] == ["indirect"]


@needs_ecb
def test_a_quoted_line_is_not_attributed_to_a_speech_verb_inside_a_clause_of_the_next_sentence():
    # '“He's strong and he's world heavyweight champion for a reason.” / Klitschko extended the domination of the
    # heavyweight ranks he shares with ...' (7_3ecbplus): Thompson's, from the line before; '“He 's more comfortable
    # with a song and dance ...” / ... the Academy Awards telecast, which posted its lowest ratings ...' (2_4ecb):
    # Pond's
    q, speaker = _one("7_3ecbplus", "champion for a reason")
    assert "Thompson" in speaker
    q, speaker = _one("2_4ecb", "more comfortable with a song and dance")
    assert "Pond" in speaker


@needs_dev_texts
def test_a_caption_repeating_a_body_sentence_is_no_antecedent_for_he():
    # d7b's picture captions restate body sentences ('Artur Sarkisian, deputy head of the Nagorno-Karabakh army, said
    # that 16 people were killed ...'); 'He also claimed that “many units of the enemy's military equipment have been
    # destroyed”' goes on from Mr Aliyev's televised address, before the captions
    from newsgraph.extract.speaker_index import copied_lines

    body, by_key, quotes = _dev("d7b")
    copies = [body[a:b] for a, b in copied_lines(body)]
    assert len(copies) == 4 and any(c.startswith("Artur Sarkisian, deputy head") for c in copies)
    (q,) = _dsaid(quotes, "many units of the enemy's military equipment")
    assert _dname(by_key, q) == "Ilham Aliyev"


@needs_tbaq
def test_people_the_article_does_not_name_are_an_unnamed_source_with_no_speaker():
    # '..., killing dozens of people, witnesses said.' (APW19980807.0261); 'Traders said that selling pressure wasn't
    # enormous ...' (wsj_0586): the guide's unnamed source, kept with speaker null
    for name, words in (("tb:APW19980807.0261", "Suspected bombs exploded outside"),
                        ("tb:wsj_0586", "selling pressure wasn't enormous")):
        _, quotes = _quotes(name)
        (q,) = _said(quotes, words)
        assert q.speaker is None and q.kind == "indirect"


@needs_dev_texts
def test_generic_present_and_office_holders_stay_out_of_the_unnamed_sources():
    # 'Analysts say there could be a new wave of unrest' (d7a) is the generic present; 'Officials described the move
    # as ...' (d2c) are the UK's officials, who are not an unnamed source with no speaker
    _, _, quotes = _dev("d7a")
    assert not _dsaid(quotes, "there could be a new wave of unrest")
    _, _, quotes = _dev("d2c")
    assert not [q for q in _dsaid(quotes, "contingency support") if q.speaker is None]


@needs_tbaq
def test_a_reporting_clause_set_off_by_commas_inside_the_statement():
    # 'Since the boy is so young, Meissner said, the natural father has the right to speak for Elian.'
    # (NYT20000105.0325); 'That, he said, is why Unisys is overhauling its whole business: ...' (wsj_0568), where
    # 'That' is the statement's subject and stays
    q, speaker = _one("tb:NYT20000105.0325", "the natural father has the right to speak for Elian")
    assert "Meissner" in speaker and q.content.startswith("Since the boy is so young")
    _, quotes = _quotes("tb:wsj_0568")
    (q,) = _said(quotes, "is why Unisys is overhauling its whole business")
    assert q.content.startswith("That, he said, is why")


@needs_ecb
def test_a_statement_after_a_colon_in_wire_style_quotation_marks():
    # '``' opens quotations in ECB+ and TimeBank: 'General Manager A.J. Smith issued the following statement on
    # Jackson 's arrest : / `` We 're aware of ...' (35_2ecb) is Smith's, not the next sentence's 'Baehr said';
    # 'Peter Lynch/Timmons ' Attorney : `` I 'm not going to be offering ...' (33_4ecb) is Lynch's, not Timmons'
    q, speaker = _one("35_2ecb", "aware of the off-the-field issue")
    assert "Smith" in speaker
    q, speaker = _one("33_4ecb", "offering any out-of-court comments")
    assert speaker == "Peter Lynch"


@needs_ecb
def test_a_place_before_a_colon_that_reports_nothing_is_no_speaker():
    # 'Dubai experienced a slight "tremor" today , ... resulting in the evacuation of Emirates Towers ... : / "Witnesses
    # in high - rise buildings said ...' (20_10ecbplus): the blogger quotes a news report; Dubai says nothing
    by_key, quotes = _quotes("20_10ecbplus")
    assert not [q for q in _said(quotes, "felt the ground shaking") if _name(by_key, q) == "Dubai"]
