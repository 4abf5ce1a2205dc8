"""``model_claimcheck``: the distribution's name as an import alias of :mod:`checker` (``python -m model_claimcheck``)."""

from checker import __version__

__all__ = ["__version__"]
