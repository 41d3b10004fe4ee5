"""The first-name table kept on disk answers as gender-guesser's detector, which coreference used to load per worker."""
import gender_guesser.detector as gd

from newsgraph.extract.first_names import first_name_genders, gender


def test_table_answers_as_the_detector() -> None:
    det = gd.Detector(case_sensitive=False)
    text = ("Sergei Lavrov met Maria Zakharova and Andrea Nahles; Kim Jong Un, Jean-Yves Le Drian, Assimi Goita, "
            "ANGELA Merkel, tinubu and Xyzzyq also spoke")
    for name in text.replace(",", " ").replace(";", " ").split():
        assert gender(name) == det.get_gender(name), name
    table = first_name_genders()
    assert len(table) == len(det.names)
    assert all(table[n] == det.get_gender(n) for n in list(det.names)[::97])
