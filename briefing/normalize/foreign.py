"""French, German and Spanish token classes: one set of patterns, each language's words.

English rules on French text are worse than none ("lundi 3 janv. twenty twenty-four"), so each
of these languages says its own dates ("3 janv. 2020" -> "trois janvier deux mille vingt", "am
3. Januar" -> "am dritten Januar", "3 de enero de 2020"), clock times ("1 h 30", "9:30 Uhr"),
money with the symbol before or after ("20 €", "1,5 Mrd. €"), percentages, ordinals ("1er",
"XXIe siècle", "1.º") and decimal numbers written with a comma ("3,5"), and expands its common
abbreviations ("M. Dupont", "z. B.", "EE. UU."). Numbers are said by num2words in the article's
language; the words and abbreviations are data (``data/normalize_<lang>.toml``).

Plain whole numbers are left as digits: espeak reads them in its own language.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from briefing.normalize._english import _alternation, _data
from briefing.normalize.roman import roman_value
from briefing.normalize.tokens import TokenClass, first_chars
from briefing.normalize.words import cardinal, digits, ordinal, year

__all__ = ["classes"]

_GROUPED = r"\d{1,3}(?:[ .\u202f\u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"


def _number(text: str, lang: str) -> str:
    """ "1 000" / "1.000" -> "mille" / "eintausend"; "3,5" -> "trois virgule cinq"."""
    whole, _, frac = re.sub(r"[ .\u202f\u00a0]", "", text).partition(",")
    spoken = cardinal(int(whole), lang)
    if frac:
        spoken += f" {_data(f'normalize_{lang}')['decimal_point']} {digits(frac, lang)}"
    return spoken


def _month_number(word: str, data: dict[str, Any]) -> int:
    months = [m.lower() for m in data["months"]]
    if word.lower() in months:
        return months.index(word.lower()) + 1
    return int(data["month_abbreviations"][word])


def _day_words(day: int, lang: str, before: str, data: dict[str, Any]) -> str:
    if lang == "de":
        words = ordinal(day, lang)
        return words + "n" if before in data.get("dative_after", []) else words
    if day == 1 and data["first_day"]:
        return str(data["first_day"])
    return cardinal(day, lang)


def _date_words(day: int, month: int, year_text: str | None, lang: str, before: str) -> str:
    data = _data(f"normalize_{lang}")
    parts = [_day_words(day, lang, before, data)]
    if data["date_of"]:
        parts.append(data["date_of"])
    parts.append(data["months"][month - 1])
    if year_text:
        if data["year_of"]:
            parts.append(data["year_of"])
        parts.append(year(int(year_text), lang))
    return " ".join(parts)


_BEFORE = re.compile(r"(?:^|\s)((?:bis|seit|ab) dem|\w+)\s$")


def _word_before(text: str, start: int) -> str:
    match = _BEFORE.search(text, max(0, start - 12), start)
    return match.group(1) if match else ""


def _make(lang: str) -> tuple[TokenClass, ...]:
    data = _data(f"normalize_{lang}")
    months = _alternation([*data["months"], *data["month_abbreviations"]])
    currencies = data["currencies"]
    symbols = _alternation(currencies)
    scales = _alternation(data["scales"])
    before_name = data["before_name"]
    always = data["always"]
    hour_one, hour_many = data["hour"]

    def say_date(m: re.Match[str], text: str) -> str | None:
        month = _month_number(m["d_m"], data)
        return _date_words(int(m["d_d"]), month, m["d_y"], lang, _word_before(text, m.start()))

    def say_numeric_date(m: re.Match[str], text: str) -> str | None:
        day, month = int(m["n_d"]), int(m["n_m"])
        if not 1 <= month <= 12:
            return None
        return _date_words(day, month, m["n_y"], lang, _word_before(text, m.start()))

    def say_time(m: re.Match[str], text: str) -> str | None:
        hour = int(m["t_h"])
        minute = int(m["t_m"] or 0)
        if hour > 23:
            return None
        hours = data["hour_one"] if hour == 1 else cardinal(hour, lang)
        unit = hour_one if hour == 1 else hour_many
        head = f"{hours} {unit}".strip()
        if minute:
            return f"{head}{data['time_joiner']}{cardinal(minute, lang)}"
        return f"{head} {data['on_the_hour']}".strip()

    def say_money(m: re.Match[str], text: str) -> str:
        symbol = m["m_s"] or m["m_s2"]
        amount = m["m_a"] or m["m_a2"]
        scale = m["m_k"] or m["m_k2"]
        one, many = currencies[symbol]
        whole, _, cents = amount.partition(",")
        if scale:
            scale_words = data["scales"][scale]
            of = data["scale_of"]
            name = many
            if of:
                joiner = " d'" if lang == "fr" and name[0] in "aeiouéè" else f" {of} "
                return f"{_number(amount, lang)} {scale_words}{joiner}{name}"
            return f"{_number(amount, lang)} {scale_words} {name}"
        value = int(re.sub(r"[ .\u202f\u00a0]", "", whole))
        spoken = f"{cardinal(value, lang)} {one if value == 1 else many}"
        if cents and int(cents):
            joiner = {"de": " ", "es": " con "}.get(lang, " ")
            spoken += f"{joiner}{cardinal(int(cents.ljust(2, '0')[:2]), lang)}"
        return spoken

    def say_percent(m: re.Match[str], text: str) -> str:
        return f"{_number(m['p_a'], lang)} {data['percent']}"

    def say_decimal(m: re.Match[str], text: str) -> str:
        return _number(m.group(0), lang)

    def say_ordinal(m: re.Match[str], text: str) -> str | None:
        if m["o_r"]:
            value = roman_value(m["o_r"])
            if value is None:
                return None
        else:
            value = int(m["o_n"])
        words = ordinal(value, lang)
        suffix = m["o_s"]
        if lang == "fr" and value == 1 and suffix in ("re", "ère"):
            return "première"
        if lang == "es":
            if suffix in ("ª", ".ª", "a"):
                return words[:-1] + "a" if words.endswith("o") else words
            if suffix == "er":
                return words.removesuffix("o")
        return words

    def say_title(m: re.Match[str], text: str) -> str:
        return str(before_name[m["a_t"]])

    def say_abbreviation(m: re.Match[str], text: str) -> str:
        spoken = str(always[m["a_w"]])
        if m["a_w"].endswith(".") and re.match(r"\s*$|\s+[A-ZÀ-Ý]", text[m.end() : m.end() + 3]):
            spoken += "."
        return spoken

    ordinal_suffix = {
        "fr": r"(?P<o_s>er|re|ère|e|ème|ᵉ|ᵉʳ)",
        "es": r"(?P<o_s>\.º|\.ª|º|ª|er)",
        "de": r"(?P<o_s>(?!))",
    }[lang]
    day_mark = {"fr": r"(?:er|ᵉʳ)?", "de": r"\.", "es": r"(?:º|\.º)?"}[lang]
    of = r"\s(?:de\s)?" if data["date_of"] else r"\s"
    year_of = of if data["year_of"] else r"\s"
    if lang == "de":
        clock = r"(?P<t_h>[01]?\d|2[0-3])(?:[:.](?P<t_m>[0-5]\d))?\s?Uhr\b|(?P<t_h2>[01]?\d|2[0-3]):(?P<t_m2>[0-5]\d)"
    elif lang == "fr":
        clock = r"(?P<t_h>[01]?\d|2[0-3])\s?(?:h|H|:)\s?(?P<t_m>[0-5]\d)?(?!\w)"
    else:
        clock = r"(?P<t_h>[01]?\d|2[0-3]):(?P<t_m>[0-5]\d)(?:\s?h\b)?"

    def say_clock(m: re.Match[str], text: str) -> str | None:
        if lang == "de" and m["t_h2"]:
            hour, minute = int(m["t_h2"]), int(m["t_m2"])
            head = "ein" if hour == 1 else cardinal(hour, lang)
            return f"{head} Uhr {cardinal(minute, lang)}" if minute else f"{head} Uhr"
        return say_time(m, text)

    return (
        TokenClass(
            "date",
            rf"(?<![\w.,])(?P<d_d>{_DAY}){day_mark}{of}(?P<d_m>{months})(?![\w])"
            rf"(?:{year_of}(?P<d_y>1\d{{3}}|20\d\d)(?![\w,.]\d|\w))?",
            say_date,
            first=r"\d",
        ),
        TokenClass(
            "date",
            rf"(?<![\w./:-])(?P<n_d>{_DAY})(?P<n_sep>[/.])(?P<n_m>0?[1-9]|1[0-2])(?P=n_sep)"
            r"(?P<n_y>1\d{3}|20\d\d)(?![\w/:-]|[.,]\d)",
            say_numeric_date,
            first=r"\d",
        ),
        TokenClass(
            "time",
            rf"(?<![\w:.,]){clock}(?![\w:]|[.,]\d)",
            say_clock,
            first=r"\d",
        ),
        TokenClass(
            "money",
            rf"(?<![\w.,])(?:(?P<m_a>{_GROUPED})(?:\s(?P<m_k>{scales}))?\s?(?P<m_s>{symbols})(?![\w$€£])"
            rf"|(?P<m_s2>{symbols})\s?(?P<m_a2>{_GROUPED})(?:\s(?P<m_k2>{scales}))?(?![\w]|,\d))",
            say_money,
            first=first_chars([*currencies, "0"]).replace("0", "\\d"),
        ),
        TokenClass(
            "measure",
            rf"(?<![\w.,])(?P<p_a>{_GROUPED})\s?%",
            say_percent,
            first=r"\d",
        ),
        TokenClass(
            "ordinal",
            rf"(?<![\w.,])(?:(?P<o_n>\d{{1,4}})|(?P<o_r>[IVXLC]{{2,}}|[IVX])){ordinal_suffix}(?!\w)",
            say_ordinal,
            first=r"[\dIVXLC]",
        ),
        TokenClass(
            "decimal",
            r"(?<![\w.,])(?:\d{1,3}(?:[ .\u202f]\d{3})+(?:,\d+)?|\d+,\d+)(?![\w]|[.,]\d)",
            say_decimal,
            first=r"\d",
        ),
        TokenClass(
            "abbreviations",
            rf"(?<![\w.])(?P<a_t>{_alternation(before_name)})(?=\s[A-ZÀ-Ý])",
            say_title,
            first=first_chars(before_name),
        ),
        TokenClass(
            "abbreviations",
            rf"(?<![\w.])(?P<a_w>{_alternation(always)})(?![\w])",
            say_abbreviation,
            first=first_chars(always),
        ),
    )


@cache
def classes(lang: str) -> tuple[TokenClass, ...]:
    """The token classes of ``lang`` (``fr``, ``de`` or ``es``)."""
    return _make(lang)
