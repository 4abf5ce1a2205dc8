"""The table of checkers: claim property -> the function that judges it against Hub evidence.

Properties not listed here are compared across articles only. Note makers look at one repo's evidence
for differences inside it, whatever the claims say.
"""

from __future__ import annotations

from checker.engine.context import Checker, NoteMaker
from checker.engine.dates import check_release_date
from checker.engine.developer import check_developer
from checker.engine.downloads import check_downloads
from checker.engine.lineage import check_base_model, check_from_scratch, check_vision_encoder
from checker.engine.openness import (
                                     check_commercial_use,
                                     check_gated,
                                     check_license,
                                     check_open_source,
                                     check_open_weights,
)
from checker.engine.parameters import check_parameters, parameter_notes
from checker.engine.relations import check_relation_size

CHECKERS: dict[str, Checker] = {
    "parameters.total": check_parameters,
    "parameters.active": check_parameters,
    "open_source": check_open_source,
    "open_weights": check_open_weights,
    "license": check_license,
    "commercial_use": check_commercial_use,
    "gated": check_gated,
    "release_date": check_release_date,
    "developer": check_developer,
    "base_model": check_base_model,
    "from_scratch": check_from_scratch,
    "vision_encoder": check_vision_encoder,
    "downloads": check_downloads,
    "relation.size": check_relation_size,
}

NOTE_MAKERS: tuple[NoteMaker, ...] = (parameter_notes,)
