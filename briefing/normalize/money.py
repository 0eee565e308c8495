"""Money after its symbol: "$1.5 billion" -> "1.5 billion dollars"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.normalize._english import _en

if TYPE_CHECKING:
    from briefing.normalize.tokens import TokenClass


def speak_money(text: str) -> str:
    """ "$1.5 billion" -> "1.5 billion dollars", "$20" -> "20 dollars", "$3.50" -> "3 dollars
    and 50 cents", "€2 million" -> "2 million euros", "£40" -> "40 pounds", "US$5" -> "5 US
    dollars", "C$1" -> "1 Canadian dollar", "£3bn" -> "3 billion pounds", "$5-10 million" ->
    "5 to 10 million dollars"."""
    en = _en()

    def replace(m: re.Match[str]) -> str:
        one, many, minor_one, minor_many = en.currencies[m["sym"]]
        adjective = en.currency_prefixes[m["pre"]] + " " if m["pre"] else ""
        first = m["a"] + ("." + m["ad"] if m["ad"] else "")
        scale = m["scale"] or (en.scales[m["short"]] if m["short"] else None)
        if m["b"] is not None:
            second = m["b"] + ("." + m["bd"] if m["bd"] else "")
            amount = f"{first} to {second}" + (f" {scale}" if scale else "")
            return f"{amount} {adjective}{many}"
        if scale:
            return f"{first} {scale} {adjective}{many}"
        if m["ad"] and len(m["ad"]) == 2 and minor_one:
            major, minor = int(m["a"].replace(",", "")), int(m["ad"])
            parts = []
            if major or not minor:
                parts.append(f"{m['a']} {adjective}{one if major == 1 else many}")
            if minor:
                parts.append(f"{minor} {minor_one if minor == 1 else minor_many}")
            return " and ".join(parts)
        return f"{first} {adjective}{one if first == '1' else many}"

    return en.money.sub(replace, text)


# --- classified tokens ----------------------------------------------------------------------

_CODES = {
    "USD": ("US dollar", "US dollars"), "EUR": ("euro", "euros"), "GBP": ("pound", "pounds"),
    "CAD": ("Canadian dollar", "Canadian dollars"), "AUD": ("Australian dollar", "Australian dollars"),
    "JPY": ("yen", "yen"), "CHF": ("Swiss franc", "Swiss francs"), "CNY": ("yuan", "yuan"),
    "INR": ("rupee", "rupees"), "RUB": ("rouble", "roubles"), "Rs": ("rupee", "rupees"),
    "Rs.": ("rupee", "rupees"), "R$": ("real", "reais"), "₩": ("won", "won"), "₽": ("rouble", "roubles"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars"), "NZ$": ("New Zealand dollar", "New Zealand dollars"),
}  # fmt: skip
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:thousand|million|billion|trillion|bn|mn|m|k|K|M|B|tn)"
_SCALES = {"bn": "billion", "mn": "million", "m": "million", "M": "million", "k": "thousand",
           "K": "thousand", "B": "billion", "tn": "trillion"}  # fmt: skip
_NOT_NOUN = frozenset(
    [
        "of",
        "in",
        "on",
        "for",
        "to",
        "from",
        "and",
        "or",
        "per",
        "a",
        "an",
        "the",
        "each",
        "was",
        "is",
        "are",
        "be",
        "been",
        "by",
        "at",
        "as",
        "with",
        "that",
        "this",
        "than",
        "more",
        "less",
        "worth",
        "plus",
        "over",
        "under",
        "into",
        "after",
        "before",
        "when",
        "which",
        "who",
        "it",
        "its",
        "his",
        "her",
        "their",
        "back",
        "up",
        "down",
        "off",
        "out",
    ]
)


def _symbol_names(symbol: str) -> tuple[str, str, str, str]:
    return tuple(_en().currencies[symbol])  # type: ignore[return-value]


def _major_minor(amount: str, symbol: str) -> str:
    """ "50.00" -> "50 dollars", "3.50" -> "3 dollars and 50 cents" (as speak_money says)."""
    one, many, minor_one, minor_many = _symbol_names(symbol)
    whole, _, cents = amount.partition(".")
    major = int(whole.replace(",", ""))
    if cents and len(cents) == 2 and minor_one and int(cents):
        minor = int(cents)
        head = f"{whole} {one if major == 1 else many} and " if major else ""
        return f"{head}{minor} {minor_one if minor == 1 else minor_many}"
    return f"{whole} {one if major == 1 and not cents else many}"


def _say_range(m: re.Match[str], text: str) -> str | None:
    """ "$50.00-$100.00" -> "50 to 100 dollars"; "$1.50-$2.50" -> each amount in full."""
    symbol, first, second = m["mr_sym"], m["mr_a"], m["mr_b"]
    if "." not in first + second:
        return None  # "$5-$10": speak_money says it
    whole = [a.endswith(".00") or "." not in a for a in (first, second)]
    if all(whole):
        many = _symbol_names(symbol)[1]
        return f"{first.removesuffix('.00')} to {second.removesuffix('.00')} {many}"
    return f"{_major_minor(first, symbol)} to {_major_minor(second, symbol)}"


def _say_adjective(m: re.Match[str], text: str) -> str | None:
    """ "a $3 million renovation" -> "a 3 million dollar renovation": before a noun the unit
    is singular, as in "a ten-dollar bill"."""
    following = re.match(r"[\s-]+([a-z]+)", text[m.end() : m.end() + 30])
    if not following or following.group(1) in _NOT_NOUN:
        return None
    one = _symbol_names(m["ma_sym"])[0]
    scale = m["ma_scale"]
    scale = _SCALES.get(scale, scale) if scale else ""
    amount = m["ma_a"]
    if "." in amount and not scale:
        return None
    joiner = "-" if m["ma_hy"] else " "
    return f"{m['ma_art']} {amount}{joiner}{scale + joiner if scale else ''}{one}"


def _say_rate(m: re.Match[str], text: str) -> str:
    """ "$0.5/hr" -> "0.5 dollars per hour", "$70/barrel" -> "70 dollars per barrel"."""
    per = _en_per()[m["mp_per"]]
    one, many = _symbol_names(m["mp_sym"])[:2]
    amount = m["mp_a"]
    scale = m["mp_scale"]
    scale = " " + _SCALES.get(scale, scale) if scale else ""
    return f"{amount}{scale} {one if amount == '1' and not scale else many} per {per}"


def _say_code(m: re.Match[str], text: str) -> str:
    """ "USD 5 million" -> "5 million US dollars", "Rs 500" -> "500 rupees"."""
    code = m["mc_code"] or m["mc_code2"]
    one, many = _CODES[code]
    amount = m["mc_a"] or m["mc_a2"]
    scale = m["mc_scale"] or m["mc_scale2"]
    scale = " " + _SCALES.get(scale, scale) if scale else ""
    return f"{amount}{scale} {one if amount == '1' and not scale else many}"


def _say_cents(m: re.Match[str], text: str) -> str:
    """ "99¢" -> "99 cents"."""
    return f"{m['ct_n']} {'cent' if m['ct_n'] == '1' else 'cents'}"


def _en_per() -> dict[str, str]:
    from briefing.normalize._english import _data

    per: dict[str, str] = _data()["measure"]["per"]
    return per


def _classes() -> tuple[TokenClass, ...]:
    from briefing.normalize._english import _alternation
    from briefing.normalize.tokens import TokenClass, first_chars

    symbols = _alternation(_en().currencies)
    per = _alternation(_en_per())
    codes = _alternation(_CODES)
    return (
        TokenClass("money", r"(?<![\w.,])(?P<ct_n>\d+)\s?¢", _say_cents, first=r"\d"),
        TokenClass(
            "money",
            rf"(?<![\w$€£¥₹])(?P<mr_sym>{symbols})(?P<mr_a>{_AMOUNT})\s?[-–]\s?(?P=mr_sym)?"
            rf"(?P<mr_b>{_AMOUNT})(?!\w|\.\d|\s?{_SCALE}\b)",
            _say_range,
            first=first_chars(_en().currencies),
        ),
        TokenClass(
            "money",
            rf"(?P<mp_sym>{symbols})(?P<mp_a>{_AMOUNT})(?:\s?(?P<mp_scale>{_SCALE}))?"
            rf"\s?/\s?(?P<mp_per>{per})\b",
            _say_rate,
            first=first_chars(_en().currencies),
        ),
        TokenClass(
            "money",
            rf"\b(?P<ma_art>[Aa]n?)\s(?P<ma_sym>{symbols})(?P<ma_a>{_AMOUNT})"
            rf"(?:(?P<ma_hy>-)?\s?(?P<ma_scale>thousand|million|billion|trillion|bn|m)\b)?"
            r"(?=[\s-][a-z])(?!-(?:a|per|year|month)\b)",
            _say_adjective,
            first="[Aa]",
        ),
        TokenClass(
            "money",
            rf"(?<![\w$])(?:(?P<mc_code>{codes})\s?(?P<mc_a>{_AMOUNT})(?:\s?(?P<mc_scale>{_SCALE})\b)?"
            rf"|(?P<mc_a2>{_AMOUNT})(?:\s?(?P<mc_scale2>{_SCALE}))?\s(?P<mc_code2>USD|EUR|GBP|CAD|AUD|JPY|CHF|CNY|INR|RUB)\b)(?!\w)",
            _say_code,
            first=first_chars([*_CODES, "0"]).replace("0", "\\d"),
        ),
    )
