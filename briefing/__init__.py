"""briefing: turn news articles into listenable MP3 briefings."""

import logging
import warnings

__version__ = "0.1.0"

logging.getLogger("briefing").addHandler(logging.NullHandler())
# pydub warns at import when ffmpeg is not on PATH; briefing.audio points it at the bundled one.
warnings.filterwarnings("ignore", message="Couldn't find ffmpeg or avconv", category=RuntimeWarning)
