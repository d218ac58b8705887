"""A blind corpus of enclave contracts, written the way Flemish offices write them.

Used only to measure extraction; importing the template modules registers them.
"""

from samples.blind import (  # noqa: F401  (registration by import)
    t_extra,
    t_forms,
    t_fresh,
    t_law,
    t_law2,
    t_letters,
    t_mail,
    t_more,
    t_other,
    t_tables,
)
