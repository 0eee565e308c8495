"""Tests for the cleaner's learned part: features, the model file, language, story that must stay.

The model is trained on public pages (scripts/train_cleaner.py); these tests pin what it must
never do (drop a story list, a subhead, a dateline) and what the code around it must keep true
(the file loads, the features match it, every drop says why), in several languages.
"""

from __future__ import annotations

import json
import math
from importlib import resources

import pytest

from briefing.clean import clean
from briefing.clean.cascade import run_rules
from briefing.clean.features import FEATURES, describe, line_features
from briefing.clean.language import detect, stopwords, stopwords_for
from briefing.clean.model import decisions, load_model, parse_model
from briefing.models import Article, Metadata

BODY_EN = (
    "The town council voted 7-2 on Tuesday to approve the new budget, which includes money for "
    "road repairs and a second fire station.",
    "Mayor Ana Ruiz said the plan would not raise property taxes, though some fees for permits "
    "will go up next year.",
    "Council member Tom Hale voted against it, saying the town should have waited for a new audit "
    "of its water system.",
    "The budget takes effect on Jan. 1 and runs through the end of the year, according to the "
    "town clerk.",
)
BODY = {
    "en": BODY_EN,
    "fr": (
        "Le conseil municipal a adopté mardi le nouveau budget, qui prévoit des fonds pour la "
        "réfection des routes et une deuxième caserne de pompiers.",
        "La maire a déclaré que le plan n'augmenterait pas les impôts fonciers, même si certains "
        "frais de permis vont augmenter l'an prochain.",
        "Un conseiller a voté contre, estimant que la ville aurait dû attendre un nouvel audit de "
        "son réseau d'eau potable.",
    ),
    "de": (
        "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen, der Geld für die Sanierung "
        "von Straßen und eine zweite Feuerwache vorsieht.",
        "Die Bürgermeisterin sagte, der Plan werde die Grundsteuer nicht erhöhen, auch wenn einige "
        "Gebühren im nächsten Jahr steigen würden.",
        "Ein Ratsmitglied stimmte dagegen und sagte, die Stadt hätte auf eine neue Prüfung des "
        "Wassernetzes warten sollen.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes el nuevo presupuesto, que incluye dinero para reparar "
        "las carreteras y una segunda estación de bomberos.",
        "La alcaldesa dijo que el plan no subiría los impuestos sobre la propiedad, aunque algunas "
        "tasas aumentarán el próximo año.",
        "Un concejal votó en contra y dijo que la ciudad debería haber esperado una nueva "
        "auditoría de su red de agua.",
    ),
    "it": (
        "Il consiglio comunale ha approvato martedì il nuovo bilancio, che prevede fondi per la "
        "riparazione delle strade e una seconda caserma dei vigili del fuoco.",
        "La sindaca ha detto che il piano non aumenterà le tasse sulla casa, anche se alcune "
        "tariffe saliranno il prossimo anno.",
        "Un consigliere ha votato contro, dicendo che la città avrebbe dovuto aspettare un nuovo "
        "controllo della rete idrica.",
    ),
    "pt": (
        "A câmara municipal aprovou na terça-feira o novo orçamento, que inclui dinheiro para a "
        "reparação de estradas e um segundo quartel de bombeiros.",
        "A presidente da câmara disse que o plano não vai aumentar os impostos, embora algumas "
        "taxas subam no próximo ano.",
        "Um vereador votou contra, dizendo que a cidade deveria ter esperado por uma nova "
        "auditoria da sua rede de água.",
    ),
    "ru": (
        "Городской совет во вторник утвердил новый бюджет, в котором предусмотрены деньги на "
        "ремонт дорог и вторую пожарную часть.",
        "Мэр заявила, что план не приведет к повышению налогов на имущество, хотя некоторые сборы "
        "в следующем году вырастут.",
        "Один из депутатов проголосовал против, заявив, что городу следовало дождаться новой "
        "проверки водопроводной сети.",
    ),
}
TITLES = {
    "en": "Council approves budget after a long debate",
    "fr": "Le conseil adopte le budget après un long débat",
    "de": "Stadtrat beschließt Haushalt nach langer Debatte",
    "es": "El ayuntamiento aprueba el presupuesto tras un largo debate",
    "it": "Il consiglio approva il bilancio dopo un lungo dibattito",
    "pt": "Câmara aprova orçamento após longo debate",
    "ru": "Совет утвердил бюджет после долгих дебатов",
}


def dropped_lines(article: Article, **kwargs) -> dict[str, str]:
    return {d.line: d.reason for d in clean(article, **kwargs).dropped}


# --- language -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(BODY))
def test_detects_the_language_from_stop_words(lang: str) -> None:
    assert detect([TITLES[lang], *BODY[lang]]) == lang


def test_stop_word_lists_cover_the_required_languages() -> None:
    assert {"en", "fr", "de", "es", "it", "pt", "ru"} <= set(stopwords())
    assert "the" in stopwords_for("en") and "le" in stopwords_for("fr-CA")
    assert stopwords_for("xx") == stopwords_for("en")  # no list: English, not an error


def test_detect_falls_back_to_english_on_no_words() -> None:
    assert detect(["1234", "—"]) == "en"


# --- features -------------------------------------------------------------------------------


def _rows(title: str, paragraphs: tuple[str, ...], lang: str = "en") -> list[dict[str, float]]:
    page = run_rules(title, paragraphs)
    return [dict(zip(FEATURES, r, strict=True)) for r in line_features(page, stopwords_for(lang))]


def test_features_have_one_column_per_name() -> None:
    page = run_rules(TITLES["en"], BODY_EN)
    rows = line_features(page, stopwords_for("en"))
    assert len(rows) == len(BODY_EN)
    assert all(len(row) == len(FEATURES) for row in rows)
    assert len(set(FEATURES)) == len(FEATURES)


def test_features_tell_prose_from_a_button() -> None:
    rows = _rows(TITLES["en"], (*BODY_EN[:2], "Share on Facebook", *BODY_EN[2:]))
    prose, button = rows[0], rows[2]
    assert prose["prose"] == 1 and prose["sentence_end"] == 1
    assert prose["stop_density"] > 0.3
    assert button["prose"] == 0 and button["title_like"] == 1
    assert button["rule_share"] == 1  # the packaged rule fired, and the model sees it
    assert button["furniture_words"] > 0.5
    assert rows[1]["next1_dropped"] == 1 and rows[3]["prev1_dropped"] == 1


def test_words_of_chinese_and_japanese_are_counted_without_spaces() -> None:
    sentence = "政府は来年度の予算案を閣議決定した。総額は過去最大となる見通しだと発表した。"
    rows = _rows("予算案を閣議決定", ("SHARE", sentence, "政府", "Share on Facebook"))
    assert math.expm1(rows[1]["words"]) >= 12  # a sentence of some twenty words, not one
    assert rows[1]["prose"] == 1 and rows[1]["title_like"] == 0
    assert round(math.expm1(rows[2]["words"])) == 1  # two characters: a one-word label
    assert round(math.expm1(rows[3]["words"])) == 3  # spaced words as before


def test_features_count_repeats_links_dates_and_title_overlap() -> None:
    paragraphs = (
        "Tweet",
        BODY_EN[0],
        "Tweet",
        BODY_EN[1],
        "Tweet",
        "Read more at www.example.com",
        "Jan. 3, 2024 5:12 PM",
        "Council approves budget",
    )
    rows = _rows(TITLES["en"], paragraphs)
    assert rows[0]["repeats"] == 2
    assert rows[5]["link_tokens"] == 1
    assert rows[6]["date_like"] == 1
    assert rows[7]["title_overlap"] > 0.4
    assert rows[0]["in_head"] == 1 and rows[3]["in_head"] == 0


def test_topic_tells_the_story_s_subhead_from_a_related_rail() -> None:
    """A subhead uses the body's words; a rail of other stories' headlines does not."""
    paragraphs = (
        BODY_EN[0],
        "Fire station and road repairs",
        BODY_EN[1],
        "Striker scores twice as United beat City",
        "Celebrity chef opens seaside restaurant",
        BODY_EN[2],
        "12:30",
    )
    rows = _rows(TITLES["en"], paragraphs)
    subhead, rail = rows[1], rows[3]
    assert subhead["topic"] > 0.6
    assert rail["topic"] == 0 and rows[4]["topic"] == 0
    assert rows[6]["topic"] == 0.5  # no content words: neither way
    assert rows[3]["next1_topic"] == 0 and rows[2]["next1_topic"] == 0
    assert 0 < rows[0]["topic"] < 1  # a body paragraph shares some words with the others


def test_features_see_shapes_kickers_and_the_place_on_the_page() -> None:
    paragraphs = (
        BODY_EN[0],
        "Comments: 45",
        BODY_EN[1],
        "Comments: 8",
        "Schalke: Why the club is calm",
        BODY_EN[2],
    )
    rows = _rows(TITLES["en"], paragraphs)
    assert rows[1]["shape_repeats"] == 1 and rows[1]["repeats"] == 0
    assert rows[4]["kicker"] == 1 and rows[1]["kicker"] == 1 and rows[0]["kicker"] == 0
    assert rows[0]["position"] == 0 and rows[5]["position"] == 5 / 6
    assert rows[1]["body_near"] == 3 and rows[0]["body_near"] == 2


def test_a_subhead_shares_words_with_the_paragraph_under_it() -> None:
    paragraphs = (
        BODY_EN[0],
        "Property taxes and permit fees",
        BODY_EN[1],
        "Celebrity chef opens seaside restaurant",
        BODY_EN[2],
    )
    rows = _rows(TITLES["en"], paragraphs)
    assert rows[1]["next_body_topic"] > 0.5 and rows[3]["next_body_topic"] == 0
    assert rows[4]["next_body_topic"] == -1  # no body paragraph below it


def test_features_see_a_run_of_lines_as_a_whole() -> None:
    """A rail of headlines under an ad marker: the run's dropped share, topic, length spread."""
    paragraphs = (
        BODY_EN[0],
        "Advertisement",
        "Striker scores twice as United beat City",
        "Celebrity chef opens seaside restaurant",
        "Storm closes schools across the region",
        BODY_EN[1],
        "Property taxes and permit fees",
        BODY_EN[2],
    )
    rows = _rows(TITLES["en"], paragraphs)
    rail = rows[2:5]
    assert all(r["run_dropped"] == rows[1]["run_dropped"] == 0.25 for r in rail)  # one run
    assert rows[6]["run_dropped"] == 0 and rows[0]["run_dropped"] == 0
    assert rail[0]["run_topic"] < rows[6]["run_topic"]
    assert rail[0]["run_sentence_end"] == 0
    assert rows[6]["run_words_spread"] == 0  # a run of one line
    assert rail[0]["run_words_spread"] > 0.3  # one word beside headlines of six
    assert rows[2]["dropped_above"] == math.log1p(1) and rows[4]["dropped_above"] == math.log1p(3)
    assert rows[0]["dropped_below"] == math.log1p(1) and rows[7]["dropped_below"] == math.log1p(20)


def test_features_place_the_readers_comments() -> None:
    """Below a comment thread's heading, every line carries the heading's place on the page."""
    paragraphs = (
        BODY_EN[0],
        BODY_EN[1],
        "3 thoughts on “Council approves budget after a long debate”",
        "Jane Roe",
        "I was at the meeting and the fire station was the only thing people talked about.",
        "Reply",
    )
    rows = _rows(TITLES["en"], paragraphs)
    assert [r["thread_at"] for r in rows] == [0, 0, 0, 0.5, 0.5, 0.5]
    assert "below a comments heading" in describe([rows[4][name] for name in FEATURES])
    assert "below a comments heading" not in describe([rows[1][name] for name in FEATURES])
    # a French story's subhead over the reactions is no thread
    french = _rows(TITLES["fr"], (*BODY["fr"][:2], "Réactions", BODY["fr"][2]))
    assert french[3]["thread_at"] == 0


def test_capitals_are_measured_against_the_page_s_own_prose() -> None:
    """German capitalizes every noun: its prose is "title case" by the English measure."""
    de = _rows(TITLES["de"], (*BODY["de"], "Weitere Themen aus der Region"), "de")
    en = _rows(TITLES["en"], (*BODY_EN, "Celebrity Chef Opens Seaside Restaurant"))
    assert de[0]["title_case"] > en[0]["title_case"]
    assert abs(de[0]["title_case_vs_body"]) < 0.2 and abs(en[0]["title_case_vs_body"]) < 0.2
    assert en[-1]["title_case_vs_body"] > 0.4
    assert en[-1]["stop_density_vs_body"] < 0


def test_stop_word_density_uses_the_article_language() -> None:
    line = BODY["de"][0]
    de = _rows(TITLES["de"], BODY["de"], "de")[0]["stop_density"]
    en = _rows(TITLES["de"], BODY["de"], "en")[0]["stop_density"]
    assert de > en and de > 0.2, line


def test_describe_says_a_line_is_off_the_story_s_topic() -> None:
    rows = _rows(
        TITLES["en"],
        (BODY_EN[0], "Striker scores twice as United beat City", "Property taxes", BODY_EN[1]),
    )
    assert "off the story's topic" in describe([rows[1][name] for name in FEATURES])
    assert "off the story's topic" not in describe([rows[2][name] for name in FEATURES])


def test_describe_says_what_the_line_looks_like() -> None:
    rows = _rows(TITLES["en"], (BODY_EN[0], "Share", "Tweet", "Email", BODY_EN[1]))
    text = describe([rows[2][name] for name in FEATURES])
    assert "short" in text and "between dropped lines" in text


# --- the model file ---------------------------------------------------------------------------


def test_packaged_model_loads_and_matches_the_features() -> None:
    model = load_model()
    assert model.features == FEATURES
    assert model.trees and 0.5 <= model.threshold <= model.alone
    assert 0 <= model.veto < model.threshold
    assert 0 <= model.list_veto < model.threshold <= model.subhead
    assert model.info["test"]["story_kept"] >= 0.99  # the held-out numbers travel with it
    assert load_model() is model  # read once


def test_model_file_is_small_json() -> None:
    path = resources.files("briefing").joinpath("data/cleaner_model.json")
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == "briefing-cleaner-gbt/1"
    assert len(path.read_bytes()) < 1_000_000


def _tiny(features: tuple[str, ...] = FEATURES) -> dict:
    # One stump on "sentence_end": a line that does not end like a sentence scores high.
    at = FEATURES.index("sentence_end")
    return {
        "features": list(features),
        "bias": 0.0,
        "learning_rate": 1.0,
        "threshold": 0.9,
        "veto": 0.1,
        "alone": 0.95,
        "trees": [
            {
                "feature": [at, -1, -1],
                "threshold": [0.5, 0.0, 0.0],
                "left": [1, -1, -1],
                "right": [2, -1, -1],
                "value": [0.0, 3.0, -3.0],
            }
        ],
    }


def test_parse_model_walks_its_trees() -> None:
    model = parse_model(_tiny())
    x = [0.0] * len(FEATURES)
    assert model.probability(x) == pytest.approx(1 / (1 + math.exp(-3)))
    x[FEATURES.index("sentence_end")] = 1.0
    assert model.probability(x) == pytest.approx(1 / (1 + math.exp(3)))


def test_probability_of_a_very_sure_sum_does_not_overflow() -> None:
    data = _tiny()
    data["trees"][0]["value"] = [0.0, 2000.0, -2000.0]
    model = parse_model(data)
    x = [0.0] * len(FEATURES)
    assert model.probability(x) == 1.0
    x[FEATURES.index("sentence_end")] = 1.0
    assert model.probability(x) == 0.0


def test_parse_model_rejects_other_features() -> None:
    with pytest.raises(ValueError, match="retrain"):
        parse_model(_tiny(FEATURES[:-1]))


def test_parse_model_rejects_a_damaged_tree() -> None:
    data = _tiny()
    data["trees"][0]["value"] = [0.0]
    with pytest.raises(ValueError, match="damaged"):
        parse_model(data)


# --- decisions: precision first ----------------------------------------------------------------


def test_decisions_keep_a_lone_line_unless_near_certain() -> None:
    probs = [0.1, 0.95, 0.1]
    none = [False] * 3
    assert decisions(probs, none, none, none, 0.9, 0.0, 0.99) == [False, False, False]
    assert decisions([0.1, 0.995, 0.1], none, none, none, 0.9, 0.0, 0.99) == [False, True, False]


def test_decisions_drop_runs_and_spare_subheads() -> None:
    none = [False] * 4
    assert decisions([0.95, 0.95, 0.1, 0.1], none, none, none, 0.9, 0.0, 0.99)[:2] == [True, True]
    subhead = [False, True, False, False]
    assert decisions([0.95, 0.95, 0.1, 0.1], none, none, subhead, 0.9, 0.0, 0.99)[1] is False
    # placed like a subhead, a line goes only when the model is surer than for other lines
    assert decisions([0.95, 0.95, 0.1, 0.1], none, none, subhead, 0.9, 0.0, 0.99, 0.98)[1] is False
    assert decisions([0.95, 0.985, 0.1, 0.1], none, none, subhead, 0.9, 0.0, 0.99, 0.98)[1] is True


def test_decisions_veto_only_soft_rule_drops() -> None:
    ruled = [True, True]
    firm = [True, False]
    assert decisions([0.01, 0.01], ruled, firm, [False] * 2, 0.9, 0.2, 0.99) == [True, False]


def test_decisions_veto_list_drops_apart_from_repeated_labels() -> None:
    ruled, soft, none = [True, True], [False, False], [False, False]
    listed = [True, False]  # a box run's line, then a repeated label
    # at P 0.6 the box run stays dropped (list veto 0.5), the repeated label comes back (0.9)
    got = decisions([0.6, 0.6], ruled, soft, none, 0.9, 0.9, listed=listed, list_veto=0.5)
    assert got == [True, False]
    assert decisions([0.6, 0.6], ruled, soft, none, 0.9, 0.9, listed=listed) == [False, False]


def test_page_tells_list_drops_from_repeated_labels() -> None:
    from briefing.clean.cascade import run_rules

    body = "The council approved the budget on Tuesday after a long debate, officials said."
    lines = (body, "Related stories", "Floods hit the valley", body + " More.", "Keep Scrolling")
    lines += (
        body + " Again.",
        "Keep Scrolling",
        body + " Later.",
        "Keep Scrolling",
        body + " End.",
    )
    page = run_rules("Budget passes", lines)
    assert page.reasons[2] is not None and page.listed(2)  # under the box heading
    assert page.reasons[4] is not None and not page.listed(4)  # a repeated label
    assert not page.listed(1)  # the heading itself is a marker: firm
    shared = run_rules("Budget passes", ("SHARE", "TWEET", "Storm closes schools", body))
    assert shared.reasons[2] is not None and not shared.firm[2]  # a link beside share buttons
    assert shared.listed(2)  # a list-shaped step too (Model.list_veto)


# --- story that must stay --------------------------------------------------------------------

STORY_LISTS = {
    "meal plan": (
        "Meal 1",
        "Three eggs, a cup of oats and a banana.",
        "Meal 2",
        "Chicken breast with rice and broccoli.",
        "Pre-Workout Meal",
        "Greek yogurt with honey and berries.",
        "Meal 1",
        "Two eggs, toast and an orange.",
        "Meal 2",
        "Salmon with sweet potato and spinach.",
        "Pre-Workout Meal",
        "A protein shake and a handful of almonds.",
        "Meal 1",
        "Porridge with nuts and a coffee.",
        "Meal 2",
        "Turkey wrap with salad.",
        "Pre-Workout Meal",
        "Rice cakes with peanut butter.",
    ),
    "race calendar": (
        "Saturday, March 2, 2024",
        "Bahrain Grand Prix, Sakhir",
        "Saturday, March 9, 2024",
        "Saudi Arabian Grand Prix, Jeddah",
        "Sunday, March 24, 2024",
        "Australian Grand Prix, Melbourne",
        "Sunday, April 7, 2024",
        "Japanese Grand Prix, Suzuka",
    ),
    "recipe steps": (
        "Ingredients",
        "200 g flour",
        "100 g sugar",
        "2 eggs",
        "Method",
        "1. Heat the oven to 180C.",
        "2. Beat the eggs and sugar until pale, then fold in the flour.",
        "3. Bake for 25 minutes, until golden.",
    ),
    "bullet points": (
        "What the budget includes:",
        "• $2 million for road repairs",
        "• A second fire station on the east side",
        "• Longer library hours on weekends",
    ),
    "tallies": ("Yes: 7", "No: 2", "Abstained: 1"),
}


@pytest.mark.parametrize("name", list(STORY_LISTS))
def test_story_lists_stay(name: str) -> None:
    paragraphs = (*BODY_EN[:2], *STORY_LISTS[name], *BODY_EN[2:])
    dropped = dropped_lines(Article(title=TITLES["en"], paragraphs=paragraphs))
    assert not dropped, f"{name}: {dropped}"


KEEP_EN = [
    "Sign up for the museum's summer bundle and you get four exhibitions for the price of two, "
    "the director said.",
    "WASHINGTON (AP) — The Senate passed the bill late on Tuesday.",
    "“We will not back down,” she said.",
    "What happens next",
    "The road ahead",
    "Q: When does the budget take effect?",
]


@pytest.mark.parametrize("line", KEEP_EN)
@pytest.mark.parametrize("where", [1, 2, 3])
def test_story_lines_stay_around_furniture(line: str, where: int) -> None:
    # Furniture at the top and bottom of the page must not pull a story line along with it.
    paragraphs = ("Advertisement", *BODY_EN[:where], line, *BODY_EN[where:], "Share", "Tweet")
    dropped = dropped_lines(Article(title=TITLES["en"], paragraphs=paragraphs))
    assert line not in dropped, dropped.get(line)


# --- furniture in several languages -----------------------------------------------------------

FURNITURE = {
    "fr": ["Publicité", "LIRE AUSSI : Le budget 2024 en cinq chiffres", "Partager", "Photo : AFP"],
    "de": ["Anzeige", "Lesen Sie auch: Der Haushalt in Zahlen", "Teilen", "Foto: dpa"],
    "es": ["Publicidad", "Lee también: El presupuesto en cifras", "Compartir", "Foto: EFE"],
    "it": ["Pubblicità", "Leggi anche: Il bilancio in cifre", "Condividi", "Foto: Ansa"],
    "pt": ["Publicidade", "Leia também: O orçamento em números", "Compartilhe", "Foto: Lusa"],
    "ru": ["Реклама", "Читайте также: Бюджет в цифрах", "Поделиться", "Фото: ТАСС"],
}


@pytest.mark.parametrize("lang", sorted(FURNITURE))
def test_drops_furniture_in_other_languages(lang: str) -> None:
    body = BODY[lang]
    furniture = FURNITURE[lang]
    paragraphs = (furniture[0], body[0], furniture[1], body[1], furniture[2], body[2], furniture[3])
    dropped = dropped_lines(Article(title=TITLES[lang], paragraphs=paragraphs))
    assert set(dropped) == set(furniture), dropped
    assert all(reason.split(": ", 1)[1] for reason in dropped.values())


@pytest.mark.parametrize("lang", sorted(BODY))
def test_keeps_prose_in_every_language(lang: str) -> None:
    article = Article(title=TITLES[lang], paragraphs=BODY[lang])
    assert not dropped_lines(article)
    assert not dropped_lines(article, lang=lang)


def test_lang_comes_from_the_argument_or_the_metadata() -> None:
    article = Article(
        title=TITLES["fr"], paragraphs=BODY["fr"], metadata=Metadata(language="fr-FR")
    )
    assert clean(article).paragraphs == BODY["fr"]
    assert clean(article, lang="en").paragraphs == BODY["fr"]


# --- reasons -----------------------------------------------------------------------------------

RAIL = (
    "Council delays vote on parking fees",
    "Library to open on Sundays this summer",
    "New bike lanes planned for Main Street",
    "Fire station contract goes to local firm",
)


def test_a_model_drop_says_why() -> None:
    paragraphs = (*BODY_EN, *RAIL)
    result = clean(Article(title=TITLES["en"], paragraphs=paragraphs))
    model_drops = [d for d in result.dropped if d.rule.startswith("model ")]
    assert model_drops, [d.reason for d in result.dropped]
    for d in model_drops:
        score, why = d.rule.removeprefix("model ").split(": ", 1)
        assert 0.5 <= float(score) <= 1.0 and why
        assert d.kind in {"read-more", "site-furniture", "metadata"}
        assert d.reason == f"{d.kind}: {d.rule}"


def test_rules_alone_leave_the_rail() -> None:
    paragraphs = (*BODY_EN, *RAIL)
    result = clean(Article(title=TITLES["en"], paragraphs=paragraphs), use_model=False)
    assert not result.dropped


def test_the_model_never_empties_an_article() -> None:
    # One Chinese sentence: no spaces, no Latin stop words; whatever the model thinks, it stays.
    article = Article(title="新闻标题", paragraphs=("新桥于星期一开通，市长出席了剪彩仪式。",))
    assert clean(article).paragraphs == article.paragraphs


def test_cjk_full_stop_ends_a_sentence() -> None:
    rows = _rows("新闻标题", ("新桥于星期一开通，市长出席了剪彩仪式。", "分享"))
    assert rows[0]["sentence_end"] == 1 and rows[1]["sentence_end"] == 0


@pytest.mark.parametrize("threshold", [0.006404226504432821, 0.5, 1.5, -2.25e-3, 123.456789, 7.0])
def test_exported_cuts_send_features_where_float32_trees_do(threshold: float) -> None:
    """scikit-learn's trees compare a float32 copy of each feature; the file's cuts are float64."""
    np = pytest.importorskip("numpy")
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from train_cleaner import float32_cut

    cut = float32_cut(threshold)
    near = [cut, threshold, float(np.float32(threshold))]
    near += [float(np.nextafter(v, d)) for v in (cut, threshold) for d in (-np.inf, np.inf)]
    for value in near:
        assert (float(np.float32(value)) <= threshold) == (value <= cut), value
