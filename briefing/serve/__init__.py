"""``briefing serve``: the listening page (``app.py``) and its narration queue (``jobs.py``)."""
