"""briefing: turn news articles into listenable MP3 briefings."""

import logging

__version__ = "0.1.0"

logging.getLogger("briefing").addHandler(logging.NullHandler())
