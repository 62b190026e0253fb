"""The built-in instruction engine: instruction -> page plan -> component library (no weights).

``request.options["plan"]`` (a plan dict, e.g. an edited ``--plan`` output) replaces the reading
of ``request.text``. ``request.images`` (PIL images) fill the page's picture slots in order, the
logo first when the instruction asks for one. Both stacks get the same plain-CSS page.
"""

from __future__ import annotations

import time

from ...errors import InputError
from ...jobs import Generation, GenerationRequest


def generate(request: GenerationRequest) -> Generation:
    from ...instruct import compose_page, parse_instruction
    from ...instruct.plan import PagePlan

    started = time.monotonic()
    plan_data = (request.options or {}).get("plan")
    if plan_data is not None:
        plan = PagePlan.from_dict(plan_data)
    else:
        if not (request.text or "").strip():
            raise InputError("the instruct task needs an instruction text")
        plan = parse_instruction(request.text or "")
    page = compose_page(plan, list(request.images or []))
    return Generation(
        text=page.html, backend="builtin", model=None, html=page.html, assets=page.assets,
        warnings=list(page.warnings),
        info={"plan": plan.to_dict(), "engine": "builtin-composer", "stack": "css",
              "timings": {"compose": round(time.monotonic() - started, 4)}},
    )
