"""One hierarchy of errors; every message says what went wrong, where, and what to do."""


class BriefingError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits with ``exit_code``."""

    exit_code = 1


class InputError(BriefingError):
    """The input cannot be read or holds nothing to narrate."""

    exit_code = 2


class NothingToNarrate(InputError):
    """Empty input, or nothing left after cleaning."""


class EngineError(BriefingError):
    """A speech engine is unknown, unavailable or failed."""

    exit_code = 3


class UnknownEngine(EngineError):
    """No engine registered under that name."""


class EngineUnavailable(EngineError):
    """The engine is registered but cannot run here (missing binary, voice, network)."""


class OutputError(BriefingError):
    """The result cannot be written."""

    exit_code = 4
