"""Every template of the office corpus, in a fixed order (importing a module registers it)."""

from __future__ import annotations

from samples.office import (  # noqa: F401  (importing a module registers its templates)
    tpl_articles,
    tpl_extra,
    tpl_fresh,
    tpl_letters,
    tpl_lookalike,
    tpl_mails,
    tpl_more,
    tpl_multi,
    tpl_public,
)
from samples.office.kit import REGISTRY, Template

TEMPLATES: tuple[Template, ...] = tuple(REGISTRY)
