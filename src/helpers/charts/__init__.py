"""The project's charts: each builder takes tables and the run's window and returns a
:class:`~helpers.figures.Chart` whose title states what it shows, or ``None`` (with the reason
printed) when the window cannot show it.

Rules every chart follows, in one place (:mod:`.base`): the x axis is the run's days
(``figures.date_axis``); weeks cut by the window are drawn hatched and lighter; the headline's six
weeks are shaded and labelled wherever they fall inside the run; legends sit outside the data;
labels are words, not code names. One module per notebook: :mod:`.rankings` (1), :mod:`.headline`
(2), :mod:`.spend` (3), :mod:`.enterprise` (4), :mod:`.claims` (5).
"""

from .base import COMPLETE_ONLY_NOTE, PARTIAL_NOTE, SHORT_RUN_WEEKS, WIDE, draw_range
from .claims import top50_models_by_origin
from .enterprise import PUBLISHER_COLOURS, SHARE_FAMILY, chinese_labs_by_lens, labs_timeline, market_lenses
from .headline import cn_vs_us_weekly, origin_shares, streak_grid, top_models_weekly
from .rankings import weekly_tokens_by_origin
from .spend import (
    BILL_ROWS,
    BILLED_COLOUR,
    ESTIMATE_COLOUR,
    OLD_COLOUR,
    free_share_by_origin,
    spend_against_bill,
    spend_vs_token_share,
)

__all__ = [
    "PARTIAL_NOTE",
    "WIDE",
    "COMPLETE_ONLY_NOTE",
    "SHORT_RUN_WEEKS",
    "draw_range",
    "weekly_tokens_by_origin",
    "cn_vs_us_weekly",
    "streak_grid",
    "origin_shares",
    "top_models_weekly",
    "spend_vs_token_share",
    "free_share_by_origin",
    "BILL_ROWS",
    "BILLED_COLOUR",
    "ESTIMATE_COLOUR",
    "OLD_COLOUR",
    "spend_against_bill",
    "PUBLISHER_COLOURS",
    "SHARE_FAMILY",
    "chinese_labs_by_lens",
    "labs_timeline",
    "market_lenses",
    "top50_models_by_origin",
]
