"""One hierarchy of errors; every message says what went wrong, where, and what to do."""

PARTLY_DONE = 5
"""Exit code of a build that wrote its MP3 but left out feed items that failed."""


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
    """No engine registered under that name: a usage error, like a mistyped option."""

    exit_code = 2


class BadOption(EngineError):
    """An engine option (``-O key=value``) that the engine does not have or cannot take."""

    exit_code = 2


class EngineUnavailable(EngineError):
    """The engine is registered but cannot run here (missing binary, voice, network)."""


class OutputError(BriefingError):
    """The result cannot be written."""

    exit_code = 4


class Interrupted(BaseException):
    """The user stopped the build (Ctrl-C, SIGTERM). A BaseException, like KeyboardInterrupt,
    so that no ``except Exception`` swallows it on the way out; ``finally`` blocks still
    remove temporary files."""

    def __init__(self, signal_name: str, exit_code: int) -> None:
        super().__init__(signal_name)
        self.signal_name = signal_name
        self.exit_code = exit_code
