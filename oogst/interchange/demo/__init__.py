"""Demo engagements in interchange format version 1, loaded by `oogst demo`.

`kompas.json` retells the case of the 2002 essay with other names: a manager at an ICT
company, her coach and her director as sponsor, with results on both sides of every pair.
`particulier.json` is a private client of the same coach, without a sponsor;
`directie.json` has the director of the first engagement as client.
"""

import json
from importlib import resources
from typing import Any

FILES: tuple[str, ...] = ("kompas.json", "particulier.json", "directie.json")

PASSWORD = "oogst-demo"  # a demo password: never use it on a real installation
OPERATOR_EMAIL = "beheer@oogst.example"
OPERATOR_NAME = "Beheerder (demo)"


def documents() -> list[dict[str, Any]]:
    """The demo documents, parsed, in a fixed order."""
    folder = resources.files(__name__)
    return [json.loads(folder.joinpath(name).read_text(encoding="utf-8")) for name in FILES]
