"""The literals that let the machine-translation and content-farm patterns skip a text (resolve.mt_signals,
farm_signals): every match of a pattern holds one of its literals, on text that shows each calque and sign."""
from __future__ import annotations

from newsgraph.resolve import mt_signals as mt

SIGNS = [
    "The minister stressed on the fact that talks go on.", "Officials emphasized on that point.",
    "He insisted on that demand.", "They affirmed on that day.", "the entirety of the army left",
    "The ensemble of the staff agreed.", "the president Macron arrived", "the prime minister Sánchez said",
    "On 12 of March the rebels", "growth of 3,5% and 2,4 per cent, 1,2 millones and 4,5 million", "at 7,25 percent",
    "the king Mohammed spoke", "a civilian losses count", "since several years", "In the framework of the talks",
]


def test_every_pattern_match_holds_one_of_its_literals() -> None:
    matched = 0
    for text in SIGNS:
        for rx, _, _, words in mt._CALQUES:
            if rx.search(text):
                matched += 1
                assert any(w in text for w in words), (rx.pattern[:40], text)
        for rx, kind, _, _, words in mt._SIMPLE:
            if rx.search(text):
                matched += 1
                assert not words or any(w in text for w in words), (kind, text)
    assert matched >= 12


def test_the_calques_and_signs_are_still_found() -> None:
    kinds = {s.kind for text in SIGNS for s in mt._patterns(text, [(0, len(text))], [])}
    assert {"calque", "title_word_order", "date_format", "number_format"} <= kinds


def test_every_filler_phrase_match_holds_one_of_the_farm_literals() -> None:
    from newsgraph.resolve import farm_signals as farm
    from newsgraph.resolve.contradiction_words import folded, holds

    texts = ["It Raised Serious Concerns.", "This HAS LED TO A NUMBER OF changes", "It plays a KEY role here",
             "Sheds light on it", "It is worth noting that", "we delve into", "It underscores the NEED",
             "remains a pressing challenge", "a testament to them", "the future of the country is at stake",
             "Navigate the complex rules", "It has done little to allay fears", "highlights the importance",
             "a number of significant steps"]
    for text in texts:
        assert farm._ANY_FILLER.search(text), text
        assert holds(folded(text), farm._FILLER_WORDS), text
    assert not holds(folded("Troops arrived in Bamako on Tuesday."), farm._FILLER_WORDS)


def test_every_moral_and_persona_match_passes_its_word_gate() -> None:
    from newsgraph.resolve import farm_signals as farm

    closes = ["It will be CRUCIAL for the region to rebuild.", "It would be important to listen.",
              "The International Community must act now.", "Only time will tell.", "We will closely monitor the situation.",
              "They must ensure that civilians are protected."]
    bios = ["Jane is a freelance JOURNALIST based in Dakar, where I cover security in the Sahel.",
            "As a war writer, I write about conflict.", "For the past ten years, I have covered Mali."]
    found = 0
    for texts, patterns in ((closes, farm._MORAL), (bios, farm._PERSONA)):
        for text in texts:
            for rx in patterns:
                if rx.regex.search(text):
                    found += 1
                    assert rx.can_match(text) and rx.search(text), (rx.pattern[:40], text)
    assert found >= len(closes) + len(bios)
    assert not any(rx.can_match("Troops arrived in Bamako on Tuesday.") for rx in farm._PERSONA)


def test_a_persona_bio_and_a_moralising_close_are_still_found() -> None:
    from newsgraph.resolve.farm_signals import detect_content_farm

    text = ("Fighting resumed near Gao on Monday, officials said, after a week of calm in the region.\n\n"
            "Residents fled south as the army moved in, according to local leaders.\n\n"
            "The international community must act before the rainy season, aid groups warned.")
    kinds = {s.kind for s in detect_content_farm(text, [(0, len(text))], None,
                                                 ["Amadou is a freelance journalist and I cover the Sahel for several outlets."])}
    assert {"moralising_close", "persona_bio"} <= kinds


def test_resumptive_pronoun_matches_start_with_a_capital() -> None:
    text = "President Goita he has refused the talks. However, Wagner it is still there. and the army they were gone."
    found = [m.group(1) for m in mt._RESUMPTIVE.finditer(text)]
    assert found == ["President Goita", "Wagner"]
