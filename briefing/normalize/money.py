"""Money after its symbol: "$1.5 billion" -> "1.5 billion dollars"."""

from __future__ import annotations

import re

from briefing.normalize._english import _en


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
