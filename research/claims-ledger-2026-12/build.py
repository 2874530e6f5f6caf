"""Build data/raw/reference/claims/claims.csv from the reviewed draft (issue 21).

The draft (70 claims from 30 publishers, collected with the search tool) was spot-checked page by
page on 2026-12-07 (SPOT_CHECKS.md): every row below whose ``quote_checked_on`` is set was read again
in a stored copy of its page, with the quoted figure in the excerpt. Rows the review could not
confirm were dropped or re-sourced (see SPOT_CHECKS.md). Run from the repository root:

    .venv/bin/python research/claims-ledger-2026-12/build.py OUT.csv

The output is then copied into data/raw/reference/claims/ and sealed (never edited in place).
"""

from __future__ import annotations

import csv
import sys

COLUMNS = [
    "claim_id",
    "publisher",
    "url",
    "published",
    "evidence",
    "relayed_from",
    "period_start",
    "period_end",
    "dated_by",
    "metric",
    "unit",
    "value",
    "quote",
    "definition_id",
    "count",
    "subject",
    "quote_checked_on",
    "note",
]

ROWS: list[dict[str, str]] = []
CHECKED = "2026-12-07"
NBD = "National Business Daily (每日经济新闻) weekly OpenRouter tally"


def add(claim_id, publisher, url, metric, unit, value, quote, definition_id, *, count="", subject="", **fields):
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        claim_id=claim_id,
        publisher=publisher,
        url=url,
        metric=metric,
        unit=unit,
        value=value,
        quote=quote,
        definition_id=definition_id,
        count=count,
        subject=subject,
        quote_checked_on=CHECKED,
    )
    row.update(fields)
    assert set(row) == set(COLUMNS), claim_id
    ROWS.append(row)


def page(**fields):
    """Shared fields of one page's claims."""
    return fields


# ---- gogoai.xin: the headline week (page says "last week") -------------------------------------
G = page(
    publisher="gogoai.xin",
    url="https://gogoai.xin/article/china-ai-models-surpass-us-in-weekly-calls",
    evidence="relay",
    relayed_from="not named on the page; the figures are those of " + NBD,
    period_start="2026-06-01",
    period_end="2026-06-07",
    dated_by="series",
    note="The page says only 'last week'. Dated by the series' own numbering, not by this project's data: "
    "DotDotNews calls 18-24 May 2026 the fourth consecutive week and DeepSeek V4 Flash's first at the top; "
    "this page's 'sixth consecutive week' and 'three straight weeks' are then 1-7 June 2026, as haberlergpt's "
    "'nine consecutive weeks' and 'sixth consecutive week' are 22-28 June. Publication date not shown.",
)
add("gogoai_2026w23_total_tokens", metric="total OpenRouter tokens in the week", unit="tokens", value="36.1e12",
    quote="the total global AI model call volume reached 36.1 trillion tokens last week",
    definition_id="origin_tokens", count="top9_models", subject="TOTAL", **G)
add("gogoai_2026w23_total_change", metric="week-on-week change of total OpenRouter tokens", unit="percent",
    value="13.5", quote="This represents a 13.5% increase from the previous week",
    definition_id="origin_change_pct", count="top9_models", subject="TOTAL", **G)
add("gogoai_2026w23_cn_tokens", metric="Chinese models' tokens in the week", unit="tokens", value="14.19e12",
    quote="Chinese AI models achieved 14.19 trillion token calls last week, surpassing US models which recorded "
    "only 3.2 trillion", definition_id="origin_tokens", count="top9_models", subject="CN", **G)
add("gogoai_2026w23_cn_change", metric="week-on-week change of Chinese models' tokens", unit="percent",
    value="27.49", quote="Chinese model usage grew by 27.49% week-over-week, while US model usage dropped by 24.53%",
    definition_id="origin_change_pct", count="top9_models", subject="CN", **G)
add("gogoai_2026w23_us_tokens", metric="US models' tokens in the week", unit="tokens", value="3.2e12",
    quote="surpassing US models which recorded only 3.2 trillion",
    definition_id="origin_tokens", count="top9_models", subject="US", **G)
add("gogoai_2026w23_us_change", metric="week-on-week change of US models' tokens", unit="percent", value="-24.53",
    quote="while US model usage dropped by 24.53%",
    definition_id="origin_change_pct", count="top9_models", subject="US", **G)
add("gogoai_2026w23_cn_streak", metric="consecutive weeks Chinese models ahead of US models", unit="weeks",
    value="6", quote="have surpassed their American counterparts in weekly API call volume for the sixth consecutive week",
    definition_id="lead_streak_weeks", count="top9_models", subject="CN", **G)
add("gogoai_2026w23_dsv4flash_tokens", metric="DeepSeek V4 Flash's tokens in the week", unit="tokens",
    value="3.69e12", quote="The model processed 3.69 trillion tokens last week alone",
    definition_id="model_tokens", subject="deepseek/deepseek-v4-flash-20260423", **G)
add("gogoai_2026w23_dsv4flash_change", metric="week-on-week change of DeepSeek V4 Flash's tokens", unit="percent",
    value="19", quote="This figure represents a 19% increase compared to the prior week",
    definition_id="model_change_pct", subject="deepseek/deepseek-v4-flash-20260423", **G)
add("gogoai_2026w23_dsv4flash_first", metric="consecutive weeks DeepSeek V4 Flash was the most-used model",
    unit="weeks", value="3",
    quote="DeepSeek-V4-Flash has maintained its position as the world's most-called AI model for three straight weeks",
    definition_id="model_first_streak_weeks", subject="deepseek/deepseek-v4-flash-20260423", **G)

# ---- haberlergpt.com.tr (relays NBD), 22-28 June 2026 ----------------------------------------------
H = page(
    publisher="haberlergpt.com.tr",
    url="https://haberlergpt.com.tr/haber/3893115-china-s-ai-large-model-api-calls-lead-globally-for-nine-"
    "consecutive-weeks-as-us-share-plunges-from-72-to-33",
    evidence="relay",
    relayed_from=NBD,
    period_start="2026-06-22",
    period_end="2026-06-28",
    dated_by="page",
    note="The page gives the week (June 22-28). Publication date not shown; the page says 'according to the "
    "latest OpenRouter data tracked by National Business Daily'.",
)
add("haberlergpt_2026w26_total_tokens", metric="total OpenRouter tokens in the week", unit="tokens",
    value="46.7e12", quote="During the week of June 22-28, total global AI model calls reached 46.7 trillion tokens",
    definition_id="origin_tokens", count="top9_models", subject="TOTAL", **H)
add("haberlergpt_2026w26_cn_tokens", metric="Chinese models' tokens in the week", unit="tokens", value="20.39e12",
    quote="with Chinese models accounting for 20.39 trillion tokens—an 8.4% increase week-over-week",
    definition_id="origin_tokens", count="top9_models", subject="CN", **H)
add("haberlergpt_2026w26_cn_change", metric="week-on-week change of Chinese models' tokens", unit="percent",
    value="8.4", quote="with Chinese models accounting for 20.39 trillion tokens—an 8.4% increase week-over-week",
    definition_id="origin_change_pct", count="top9_models", subject="CN", **H)
add("haberlergpt_2026w26_us_tokens", metric="US models' tokens in the week", unit="tokens", value="4.25e12",
    quote="while US models fell to just 4.25 trillion tokens, a 26.22% decline",
    definition_id="origin_tokens", count="top9_models", subject="US", **H)
add("haberlergpt_2026w26_us_change", metric="week-on-week change of US models' tokens", unit="percent",
    value="-26.22", quote="while US models fell to just 4.25 trillion tokens, a 26.22% decline",
    definition_id="origin_change_pct", count="top9_models", subject="US", **H)
add("haberlergpt_2026w26_cn_streak", metric="consecutive weeks Chinese models ahead of US models", unit="weeks",
    value="9", quote="Chinese AI large models have maintained the global lead in API call volume for nine "
    "consecutive weeks", definition_id="lead_streak_weeks", count="top9_models", subject="CN", **H)
add("haberlergpt_2026w26_dsv4flash_tokens", metric="DeepSeek V4 Flash's tokens in the week", unit="tokens",
    value="4.66e12", quote="DeepSeek-V4-Flash held the top spot for the sixth consecutive week with 4.66 trillion "
    "tokens in weekly call volume", definition_id="model_tokens",
    subject="deepseek/deepseek-v4-flash-20260423", **H)
add("haberlergpt_2026w26_dsv4flash_first", metric="consecutive weeks DeepSeek V4 Flash was the most-used model",
    unit="weeks", value="6", quote="DeepSeek-V4-Flash held the top spot for the sixth consecutive week",
    definition_id="model_first_streak_weeks", subject="deepseek/deepseek-v4-flash-20260423", **H)
add("haberlergpt_2026w26_mimo_v25_tokens", metric="Xiaomi MiMo-V2.5's tokens in the week", unit="tokens",
    value="4.48e12", quote="followed closely by Xiaomi's MiMo-V2.5 at 4.48 trillion tokens (up 14% week-over-week)",
    definition_id="model_tokens", subject="xiaomi/mimo-v2.5-20260422", **H)
add("haberlergpt_2026w26_mimo_v25_change", metric="week-on-week change of MiMo-V2.5's tokens", unit="percent",
    value="14", quote="Xiaomi's MiMo-V2.5 at 4.48 trillion tokens (up 14% week-over-week)",
    definition_id="model_change_pct", subject="xiaomi/mimo-v2.5-20260422", **H)
add("haberlergpt_2026w26_minimax_m3_tokens", metric="MiniMax M3's tokens in the week", unit="tokens",
    value="3.74e12", quote="and MiniMax M3 at 3.74 trillion tokens",
    definition_id="model_tokens", subject="minimax/minimax-m3-20260531", **H)
add("haberlergpt_2026w26_glm52_rank", metric="GLM-5.2's rank by weekly tokens", unit="rank", value="7",
    quote="Zhipu AI's GLM-5.2 surged into seventh place with 2.11 trillion tokens, posting a 66% week-over-week gain",
    definition_id="model_rank", subject="z-ai/glm-5.2-20260616", **H)
add("haberlergpt_2026w26_glm52_tokens", metric="GLM-5.2's tokens in the week", unit="tokens", value="2.11e12",
    quote="Zhipu AI's GLM-5.2 surged into seventh place with 2.11 trillion tokens",
    definition_id="model_tokens", subject="z-ai/glm-5.2-20260616", **H)
add("haberlergpt_2026w26_glm52_change", metric="week-on-week change of GLM-5.2's tokens", unit="percent",
    value="66", quote="posting a 66% week-over-week gain after its open-source release on June 17",
    definition_id="model_change_pct", subject="z-ai/glm-5.2-20260616", **H)
H_SHARE = {**H, "relayed_from": "ExponentialView, '2026 AI Economy Status', as relayed with " + NBD}
add("haberlergpt_2026_06_us_big3_share", metric="share of OpenRouter tokens going to US models from Google, "
    "OpenAI and Anthropic, June 2026", unit="percent", value="33",
    quote="the share of token requests going to US models from Google, OpenAI, and Anthropic has collapsed from 72% "
    "a year ago to just 33% in June 2026", definition_id="token_share_pct", count="all",
    subject="anthropic+google+openai",
    **{**H_SHARE, "period_start": "2026-06-01", "period_end": "2026-06-30",
       "note": "'in June 2026' as stated; the page names the three labs. Checked as their share of all OpenRouter "
       "tokens in the calendar month (the share of requests is not in the data; the figure is read as tokens, as "
       "the viral chart it comes from was)."})
add("haberlergpt_2025_06_us_big3_share", metric="share of OpenRouter tokens going to US models from Google, "
    "OpenAI and Anthropic, a year before June 2026", unit="percent", value="72",
    quote="has collapsed from 72% a year ago to just 33% in June 2026", definition_id="token_share_pct",
    count="all", subject="anthropic+google+openai",
    **{**H_SHARE, "period_start": "2025-06-01", "period_end": "2025-06-30",
       "note": "'a year ago' from June 2026, so June 2025; checked as the three labs' share of all tokens in the "
       "calendar month."})

# ---- DotDotNews, 18-24 May 2026 ---------------------------------------------------------------------
D = page(
    publisher="DotDotNews (english.dotdotnews.com)",
    url="https://english.dotdotnews.com/a/202605/26/AP6a151281e4b09ea2331677fb.html",
    published="2026-05-26",
    evidence="primary",
    period_start="2026-05-18",
    period_end="2026-05-24",
    dated_by="page",
    note="Publication date from the URL path (/202605/26/). The page names only OpenRouter as its source; its "
    "figures are those of the Chinese financial press's weekly tally.",
)
add("dotdot_2026w21_total_tokens", metric="total OpenRouter tokens in the week", unit="tokens", value="28.9e12",
    quote="From May 18 to May 24, the total global invocation volume of AI models reached 28.9 trillion tokens",
    definition_id="origin_tokens", count="top9_models", subject="TOTAL", **D)
add("dotdot_2026w21_total_change", metric="week-on-week change of total OpenRouter tokens", unit="percent",
    value="7.4", quote="representing a 7.4% increase from the previous week",
    definition_id="origin_change_pct", count="top9_models", subject="TOTAL", **D)
add("dotdot_2026w21_cn_tokens", metric="Chinese models' tokens in the week", unit="tokens", value="9.223e12",
    quote="Among the AI models ranked last week, Chinese models recorded a weekly invocation volume of 9.223 "
    "trillion tokens", definition_id="origin_tokens", count="top9_models", subject="CN", **D)
add("dotdot_2026w21_cn_change", metric="week-on-week change of Chinese models' tokens", unit="percent",
    value="19.89", quote="Chinese models recorded a weekly invocation volume of 9.223 trillion tokens, a 19.89% "
    "increase month-over-month", definition_id="origin_change_pct", count="top9_models", subject="CN",
    **{**D, "note": D["note"] + " The page says 'month-over-month' but compares with the week before."})
add("dotdot_2026w21_us_tokens", metric="US models' tokens in the week", unit="tokens", value="4.93e12",
    quote="US models saw an invocation volume of 4.93 trillion tokens, a 16.27% increase",
    definition_id="origin_tokens", count="top9_models", subject="US", **D)
add("dotdot_2026w21_us_change", metric="week-on-week change of US models' tokens", unit="percent", value="16.27",
    quote="US models saw an invocation volume of 4.93 trillion tokens, a 16.27% increase",
    definition_id="origin_change_pct", count="top9_models", subject="US", **D)
add("dotdot_2026w21_cn_streak", metric="consecutive weeks Chinese models ahead of US models", unit="weeks",
    value="4", quote="Chinese large models have now surpassed their US counterparts in weekly invocation volume for "
    "four consecutive weeks", definition_id="lead_streak_weeks", count="top9_models", subject="CN", **D)
add("dotdot_2026w21_dsv4flash_tokens", metric="DeepSeek V4 Flash's tokens in the week (first)", unit="tokens",
    value="3.43e12", quote="DeepSeek-V4-Flash has officially topped OpenRouter's global ranking of AI model usage, "
    "leaving all other competitors far behind with a weekly invocation volume of 3.43 trillion tokens",
    definition_id="model_tokens", subject="deepseek/deepseek-v4-flash-20260423", **D)

# ---- 163.com (NetEase Hao), 4-10 May 2026 ------------------------------------------------------------
N = page(
    publisher="163.com (NetEase Hao)",
    url="https://www.163.com/dy/article/KSL8QLSG0550WHYR.html",
    evidence="primary",
    period_start="2026-05-04",
    period_end="2026-05-10",
    dated_by="page",
    note="Self-media post; author and date not shown. Source named only as OpenRouter data "
    "('根据OpenRouter最新数据测算').",
)
add("netease_2026w19_total_tokens", metric="total OpenRouter tokens in the week", unit="tokens", value="25.7e12",
    quote="上周(5月4日至5月10日)全球AI大模型总调用量为25.7万亿Token,较此前一周增长7.5%",
    definition_id="origin_tokens", count="top9_models", subject="TOTAL", **N)
add("netease_2026w19_total_change", metric="week-on-week change of total OpenRouter tokens", unit="percent",
    value="7.5", quote="全球AI大模型总调用量为25.7万亿Token,较此前一周增长7.5%,连续三周上涨",
    definition_id="origin_change_pct", count="top9_models", subject="TOTAL", **N)
add("netease_2026w19_cn_tokens", metric="Chinese models' tokens in the week", unit="tokens", value="7.941e12",
    quote="上榜的AI大模型中,中国AI大模型周调用量达7.941万亿Token,规模与前一周基本持平",
    definition_id="origin_tokens", count="top9_models", subject="CN", **N)
add("netease_2026w19_us_tokens", metric="US models' tokens in the week", unit="tokens", value="3.76e12",
    quote="同期美国AI大模型周调用量为3.76万亿Token,环比上涨14.41%",
    definition_id="origin_tokens", count="top9_models", subject="US", **N)
add("netease_2026w19_us_change", metric="week-on-week change of US models' tokens", unit="percent", value="14.41",
    quote="同期美国AI大模型周调用量为3.76万亿Token,环比上涨14.41%",
    definition_id="origin_change_pct", count="top9_models", subject="US", **N)
add("netease_2026w19_cn_streak", metric="consecutive weeks Chinese models ahead of US models", unit="weeks",
    value="2", quote="中国大模型周调用量已达到美国的2.11倍,连续两周实现反超并稳居全球首位",
    definition_id="lead_streak_weeks", count="top9_models", subject="CN", **N)

# ---- CoinTeeth (re-sourced from Odaily, which the stored pages do not hold), 9-15 March 2026 -------
C = page(
    publisher="CoinTeeth (cointeeth.com)",
    url="https://cointeeth.com/id/news-flash/1075116",
    evidence="primary",
    period_start="2026-03-09",
    period_end="2026-03-15",
    dated_by="page",
    note="The draft cited Odaily (odaily.news/th/newsflash/472296), whose page two searches did not find; the "
    "same figures were read on this page, which names only OpenRouter. Publication date not shown.",
)
add("cointeeth_2026w11_cn_tokens", metric="Chinese models' tokens in the week", unit="tokens", value="4.69e12",
    quote="Chinese models collectively processed 4.69 trillion tokens last week, an 11.83% increase from the prior week",
    definition_id="origin_tokens", count="top9_models", subject="CN", **C)
add("cointeeth_2026w11_cn_change", metric="week-on-week change of Chinese models' tokens", unit="percent",
    value="11.83", quote="Chinese models collectively processed 4.69 trillion tokens last week, an 11.83% increase "
    "from the prior week", definition_id="origin_change_pct", count="top9_models", subject="CN", **C)
add("cointeeth_2026w11_us_tokens", metric="US models' tokens in the week", unit="tokens", value="3.294e12",
    quote="US models, by contrast, recorded 3.294 trillion tokens, a sequential decline of 9.33%",
    definition_id="origin_tokens", count="top9_models", subject="US", **C)
add("cointeeth_2026w11_us_change", metric="week-on-week change of US models' tokens", unit="percent",
    value="-9.33", quote="US models, by contrast, recorded 3.294 trillion tokens, a sequential decline of 9.33%",
    definition_id="origin_change_pct", count="top9_models", subject="US", **C)
add("cointeeth_2026w11_hunter_alpha_rank", metric="Hunter Alpha's rank by weekly tokens", unit="rank", value="7",
    quote="Hunter Alpha, a model that ranked seventh globally with 0.666 trillion tokens in weekly call volume",
    definition_id="model_rank", subject="openrouter/hunter-alpha", **C)
add("cointeeth_2026w11_hunter_alpha_tokens", metric="Hunter Alpha's tokens in the week", unit="tokens",
    value="0.666e12", quote="Hunter Alpha, a model that ranked seventh globally with 0.666 trillion tokens in weekly "
    "call volume", definition_id="model_tokens", subject="openrouter/hunter-alpha", **C)

# ---- AIbase: a relay's slip for the same week ----------------------------------------------------------
add("aibase_2026w11_cn_tokens_misrelay", publisher="AIbase (aibase.com)", url="https://www.aibase.com/news/26433",
    evidence="relay", relayed_from="OpenRouter data via Chinese media (not named)", period_start="2026-03-09",
    period_end="2026-03-15", dated_by="series",
    metric="Chinese models' tokens in the week (as relayed)", unit="tokens", value="46.9e12",
    quote="as of March 15, the weekly usage of Chinese AI large models reached an astonishing 46.9 trillion Tokens",
    definition_id="origin_tokens", count="top9_models", subject="CN",
    note="'as of March 15' and 'the second consecutive week': the week of 9-15 March 2026, which IT Home/CCTV and "
    "others report at 4.69 trillion. Publication date not shown.")

# ---- 沄森网 (chw9.cn) reposting IT之家 / CCTV Finance -----------------------------------------------------
IT = page(
    publisher="沄森网 (chw9.cn), reposting IT之家",
    url="https://chw9.cn/show-1849.html",
    published="2026-03-22",
    evidence="relay",
    relayed_from="IT之家 (IT Home), citing 央视财经 (CCTV Finance)",
    period_start="2026-03-09",
    period_end="2026-03-15",
    dated_by="page",
    note="Also relayed in English by chinaaidaily.com (March 22, 2026) and en.wedoany.com (2026-03-23).",
)
add("ithome_2026w11_cn_tokens", metric="Chinese models' tokens in the week", unit="tokens", value="4.69e12",
    quote="中国AI大模型的调用量达到4.69万亿Token(3月9日至3月15日),连续两周超越美国",
    definition_id="origin_tokens", count="top9_models", subject="CN", **IT)
add("ithome_2026w11_cn_streak", metric="consecutive weeks Chinese models ahead of US models", unit="weeks",
    value="2", quote="中国AI大模型的调用量达到4.69万亿Token(3月9日至3月15日),连续两周超越美国",
    definition_id="lead_streak_weeks", count="top9_models", subject="CN", **IT)

# ---- app.studiotv.net relaying Shanghai Securities Journal, 16-22 March 2026 ---------------------------
S = page(
    publisher="app.studiotv.net (relaying Shanghai Securities Journal)",
    url="https://app.studiotv.net/post/status/19838708",
    evidence="relay",
    relayed_from="Shanghai Securities Journal (上海证券报, 上证深一度)",
    period_start="2026-03-16",
    period_end="2026-03-22",
    dated_by="page",
    note="The same page: 'Among the top nine large models by call volume, five are Chinese'. Its week-on-week "
    "changes (+56.9% China, +7.35% US) are measured from the previous week's 4.69T and 3.294T. Publication date "
    "not shown.",
)
add("ssj_2026w12_total_tokens", metric="total OpenRouter tokens in the week", unit="tokens", value="20.4e12",
    quote="last week (March 16 to March 22), the total call volume for global AI large models was 20.4 trillion "
    "Tokens, with a week-on-week growth of 20.7%", definition_id="origin_tokens", count="top9_models",
    subject="TOTAL", **S)
add("ssj_2026w12_total_change", metric="week-on-week change of total OpenRouter tokens", unit="percent",
    value="20.7", quote="the total call volume for global AI large models was 20.4 trillion Tokens, with a "
    "week-on-week growth of 20.7%", definition_id="origin_change_pct", count="top9_models", subject="TOTAL", **S)
add("ssj_2026w12_cn_tokens", metric="Chinese models' tokens in the week", unit="tokens", value="7.359e12",
    quote="the call volume for Chinese large models was 7.359 trillion Tokens, up 56.9% week-on-week",
    definition_id="origin_tokens", count="top9_models", subject="CN", **S)
add("ssj_2026w12_us_tokens", metric="US models' tokens in the week", unit="tokens", value="3.536e12",
    quote="the call volume for American large models was 3.536 trillion Tokens, an increase of 7.35% week-on-week",
    definition_id="origin_tokens", count="top9_models", subject="US", **S)
add("ssj_2026w12_cn_streak", metric="consecutive weeks Chinese models ahead of US models", unit="weeks", value="3",
    quote="by March 22, the call volume of domestic large models had unprecedentedly exceeded that of overseas large "
    "models for three consecutive weeks", definition_id="lead_streak_weeks", count="top9_models", subject="CN", **S)

# ---- xix.ai, 30 March-5 April 2026 -------------------------------------------------------------------
X = page(
    publisher="xix.ai",
    url="https://xix.ai/ainews/chinas-ai-computing-power-surges-as-weekly-token-usage-tops-12-trillion-alibaba-"
    "xiaomi-lead-global-ranks.html",
    evidence="primary",
    period_start="2026-03-30",
    period_end="2026-04-05",
    dated_by="page",
    note="Publication date not shown (longbridge.com carries the same figures on 2026-04-06). Same text on "
    "aibase.com/news/26877.",
)
add("xix_2026w14_cn_tokens", metric="Chinese models' tokens in the week", unit="tokens", value="12.96e12",
    quote="during the week of March 30 to April 5, China's AI large models demonstrated remarkable activity: weekly "
    "token usage jumped to 12.96 trillion tokens, a staggering 31.48% increase from the prior week",
    definition_id="origin_tokens", count="top9_models", subject="CN", **X)
add("xix_2026w14_cn_change", metric="week-on-week change of Chinese models' tokens", unit="percent", value="31.48",
    quote="weekly token usage jumped to 12.96 trillion tokens, a staggering 31.48% increase from the prior week",
    definition_id="origin_change_pct", count="top9_models", subject="CN", **X)
add("xix_2026w14_us_tokens", metric="US models' tokens in the week", unit="tokens", value="3.03e12",
    quote="the US saw only 3.03 trillion tokens in the same period, with a mere 0.76% growth",
    definition_id="origin_tokens", count="top9_models", subject="US", **X)
add("xix_2026w14_us_change", metric="week-on-week change of US models' tokens", unit="percent", value="0.76",
    quote="the US saw only 3.03 trillion tokens in the same period, with a mere 0.76% growth",
    definition_id="origin_change_pct", count="top9_models", subject="US", **X)
add("xix_2026w14_qwen36plus_free_tokens", metric="Qwen3.6 Plus (free)'s tokens in the week (first)",
    unit="tokens", value="4.6e12", quote="Alibaba 's Qwen3.6Plus (free) topped the global ranking with 4.6 trillion "
    "weekly tokens", definition_id="model_tokens", subject="qwen/qwen3.6-plus-04-02:free", **X)

# ---- 經濟日報 (udn.com) relaying NBD --------------------------------------------------------------------
U = page(
    publisher="經濟日報 (udn.com)",
    url="https://udn.com/news/story/7333/9360110",
    published="2026-03-05",
    evidence="relay",
    relayed_from="每日經濟新聞 (National Business Daily)",
    dated_by="page",
)
add("udn_2026w07_cn_tokens", metric="Chinese models' tokens in the week (first week ahead of the US)",
    unit="tokens", value="4.12e12", quote="2月9日至15日當周，大陸AI模型周使用量達4.12兆Token，首次超越美國同期的2.94兆Token",
    definition_id="origin_tokens", count="top9_models", subject="CN",
    **{**U, "period_start": "2026-02-09", "period_end": "2026-02-15"})
add("udn_2026w07_us_tokens", metric="US models' tokens in the week", unit="tokens", value="2.94e12",
    quote="首次超越美國同期的2.94兆Token", definition_id="origin_tokens", count="top9_models", subject="US",
    **{**U, "period_start": "2026-02-09", "period_end": "2026-02-15"})
add("udn_2026w08_cn_tokens", metric="Chinese models' tokens in the week", unit="tokens", value="5.16e12",
    quote="2月16日至22日當周升至5.16兆Token，三周內成長127%", definition_id="origin_tokens", count="top9_models",
    subject="CN", **{**U, "period_start": "2026-02-16", "period_end": "2026-02-22"})
add("udn_2026w08_top5_cn_share", metric="Chinese models' share of the five largest models' tokens",
    unit="percent", value="85.7", quote="在全球使用量前五模型中，大陸模型占四席，包括MiniMax M2.5、月之暗面Kimi K2.5、智譜GLM-5及"
    "DeepSeek V3.2，合計貢獻前五名總使用量85.7%", definition_id="origin_share_pct", count="top5_models", subject="CN",
    **{**U, "period_start": "2026-02-16", "period_end": "2026-02-22", "dated_by": "series",
       "note": "The page gives no week for this figure; its paragraph follows the 16-22 February figures, and "
       "bquan.live's relay of the same report gives it right after the 16-22 February week. The four named "
       "models were also four of the five largest in 9-15 February, so the week rests on the reports, not on "
       "the names."})

# ---- CGTN ---------------------------------------------------------------------------------------------
CG = page(
    publisher="CGTN",
    url="https://news.cgtn.com/news/2026-02-28/Chinese-AI-models-overtake-U-S-rivals-in-global-token-usage-"
    "1L8h5rMl26c/share_amp.html",
    published="2026-02-28",
)
add("cgtn_2026w08_cn_tokens", metric="Chinese models' tokens in a February week", unit="tokens", value="5.16e12",
    quote="Statistics from National Business Daily (NBD) earlier on February showed Chinese models reaching about "
    "5.16 trillion tokens in combined usage, compared with roughly 2.7 trillion tokens for U.S. models",
    definition_id="origin_tokens", count="top9_models", subject="CN", evidence="relay", relayed_from=NBD,
    period_start="2026-02-16", period_end="2026-02-22", dated_by="series",
    note="The page says only 'earlier on February'; NBD's 5.16T is the 16-22 February week in udn.com's relay of "
    "the same tally (and in greenint.net's rewrite of this CGTN piece). Publication date from the URL path.", **CG)
add("cgtn_2026w08_us_tokens", metric="US models' tokens in a February week", unit="tokens", value="2.7e12",
    quote="compared with roughly 2.7 trillion tokens for U.S. models", definition_id="origin_tokens",
    count="top9_models", subject="US", evidence="relay", relayed_from=NBD, period_start="2026-02-16",
    period_end="2026-02-22", dated_by="series",
    note="Dated as the Chinese figure in the same sentence (16-22 February; greenint.net: 'In the following week "
    "(February 16-22), usage of Chinese models further increased to 5.16 trillion tokens, while U.S. models "
    "declined to 2.7 trillion tokens').", **CG)
add("cgtn_2026_02_minimax_m25_week", metric="MiniMax M2.5's weekly tokens ('this week')", unit="tokens",
    value="1.7e12", quote="This week OpenRouter rankings show MiniMax's M2.5 model leading global usage with about 1.7 "
    "trillion weekly tokens processed", definition_id="model_tokens", subject="minimax/minimax-m2.5-20260211",
    evidence="primary", dated_by="undated",
    note="'This week' on OpenRouter's rankings page at publication (28 February 2026): a rolling seven days whose "
    "ends the page does not give. Gemini 3 Flash Preview second at about 997 billion.", **CG)

# ---- wpnews.pro ------------------------------------------------------------------------------------------
W = page(
    publisher="wpnews.pro",
    url="https://wpnews.pro/news/openrouter-data-shows-us-ai-models-losing-ground-as-chinese-alternatives-token",
    evidence="primary",
    dated_by="undated",
)
add("wpnews_2025_us_top_model_share", metric="US models' share of top-model usage in 2025", unit="percent",
    value="70", quote="For most of 2025, US-developed AI models were the undisputed kings of OpenRouter ... They "
    "commanded nearly 70% of top-model usage share", definition_id="unstated_count", subject="US",
    note="'nearly 70%' for 'most of 2025': neither the period's days nor which top models are counted is given. "
    "Same text on valuethemarkets.com.", **W)
add("wpnews_current_cn_weekly_tokens", metric="Chinese models' weekly tokens (current at publication)",
    unit="tokens", value="18e12", quote="processing roughly 18 trillion tokens per week on the platform compared to "
    "about 5.5 trillion for US models", definition_id="origin_tokens", count="top9_models", subject="CN",
    note="No week and no publication date; US 5.5T. Binance Square posts give 18.5T vs 6.0T 'across the top 9 "
    "models'.", **W)

# ---- South China Morning Post ---------------------------------------------------------------------------
SC = page(
    publisher="South China Morning Post",
    url="https://www-scmp-com.libproxy1.nus.edu.sg/tech/tech-trends/article/3344587/chinas-minimax-moonshot-top-ai-"
    "token-use-ranking-ending-year-us-dominance",
    published="2026-02-25",
    evidence="primary",
    period_start="2026-02-01",
    period_end="2026-02-24",
    dated_by="publication",
    note="Read on a university proxy of scmp.com; filed 2026-02-25 11:30 GMT (newsar.codejungle.org). 'So far this "
    "month' is taken as 1-24 February, the days complete before filing.",
)
add("scmp_2026_02_minimax_m25_month", metric="MiniMax M2.5's tokens in February 2026 to date", unit="tokens",
    value="4.55e12", quote="the M2.5 from Shanghai-based MiniMax emerged as the most popular AI model by token usage "
    "so far this month, according to OpenRouter, which found 4.55 trillion tokens used on the M2.5 model",
    definition_id="model_tokens", subject="minimax/minimax-m2.5-20260211", **SC)
add("scmp_2026_02_kimi_k25_month", metric="Kimi K2.5's tokens in February 2026 to date", unit="tokens",
    value="4.02e12", quote="Released last month, Kimi K2.5 from Beijing-headquartered Moonshot was ranked second with "
    "4.02 trillion tokens used by developers on OpenRouter", definition_id="model_tokens",
    subject="moonshotai/kimi-k2.5-0127", **SC)

# ---- 21世纪经济报道 (via cjcn.com.cn) -------------------------------------------------------------------
E = page(
    publisher="21世纪经济报道 (21st Century Business Herald, via cjcn.com.cn)",
    url="https://www.cjcn.com.cn/news/show-306858.html",
    published="2026-03-02",
    evidence="primary",
    period_start="2026-02-01",
    period_end="2026-02-28",
    dated_by="page",
    note="Page dated 2026-03-02 16:39:36; February to 28 February ('截至2月28日'); the top ten are the month's ten "
    "largest models.",
)
add("21cbh_2026_02_top10_total_tokens", metric="tokens of February's ten largest models", unit="tokens",
    value="28.7e12", quote="截至2月28日,该平台内前十模型总Token消耗量已突破28.7万亿",
    definition_id="origin_tokens", count="top10_models", subject="COUNTED",
    **{**E, "note": E["note"] + " '已突破' (has passed): at least 28.7T."})
add("21cbh_2026_02_top10_cn_tokens", metric="Chinese models' tokens among February's ten largest models",
    unit="tokens", value="14.69e12", quote="其中国产模型贡献超过14.69万亿,为历史上首次单月Token调用占比过半且超越美国产模型",
    definition_id="origin_tokens", count="top10_models", subject="CN",
    **{**E, "note": E["note"] + " '超过' (more than): at least 14.69T."})
add("21cbh_2026_02_minimax_m25_month", metric="MiniMax M2.5's tokens in February 2026", unit="tokens",
    value="5.44e12", quote="国产模型 MiniMax M2.5,月之暗面的Kimi K2.5,DeepSeekV3.2,分别以5.44万亿、4.27万亿和3.09万亿Token",
    definition_id="model_tokens", subject="minimax/minimax-m2.5-20260211", **E)
add("21cbh_2026_02_glm5_rank", metric="GLM-5's rank among February's models", unit="rank", value="8",
    quote="智谱旗下 GLM 5 则以1.89万亿位居第八", definition_id="model_rank", subject="z-ai/glm-5-20260211", **E)

# ---- OpenRouter's own blog --------------------------------------------------------------------------------
OR = page(
    publisher="OpenRouter (blog)",
    url="https://openrouter.ai/blog/insights/deepseek-v4-adoption/",
    evidence="primary",
    dated_by="page",
    note="'DeepSeek V4 Is Earning Agentic Token Share'; publication date not shown (it refers to 'the start of "
    "June' 2026). OpenRouter counts every token it serves; the project's share is of the rankings' tokens (the "
    "daily top 50 plus the long tail).",
)
add("openrouter_2026_01_deepseek_share", metric="DeepSeek's share of OpenRouter tokens, January 2026",
    unit="percent", value="9", quote="A direct comparison between January and June 2026 shows just how quickly "
    "preferences can shift between model authors. DeepSeek effectively doubled its token share over the period "
    "(from 9% to 18%)", definition_id="token_share_pct", count="all", subject="deepseek",
    period_start="2026-01-01", period_end="2026-01-31", **OR)
add("openrouter_2026_06_deepseek_share", metric="DeepSeek's share of OpenRouter tokens, June 2026", unit="percent",
    value="18", quote="DeepSeek effectively doubled its token share over the period (from 9% to 18%)",
    definition_id="token_share_pct", count="all", subject="deepseek", period_start="2026-06-01",
    period_end="2026-06-30", **OR)
add("openrouter_2026_q1_deepseek_low", metric="DeepSeek's lowest weekly share of OpenRouter tokens, "
    "February-March 2026", unit="percent", value="5", quote="As agentic work began to take hold in February and "
    "March, driving up token usage at unprecedented rates, DeepSeek actually fell to 5% of total tokens",
    definition_id="token_share_weekly_low_pct", count="all", subject="deepseek", period_start="2026-02-02",
    period_end="2026-04-05",
    **{**OR, "note": OR["note"] + " The page charts 'the token flow weekly', so 'fell to 5%' is read as the lowest "
       "weekly share among the weeks that begin in February and March (2 February to 5 April; a weekly chart "
       "labels a week by its Monday). Over the weeks wholly inside February and March the low is higher."})

# ---- ARY News relaying OpenRouter/a16z's State of AI ---------------------------------------------------------
A = page(
    publisher="ARY News (arynews.tv)",
    url="https://arynews.tv/chinese-open-source-ai-models-capture-nearly-30-of-global-usage",
    published="2025-12-10",
    evidence="relay",
    relayed_from="OpenRouter and a16z, 'State of AI: An Empirical 100 Trillion Token Study' (December 2025)",
    period_start="2024-12-01",
    period_end="2025-11-30",
    dated_by="study",
    note="The study's year to November 2025 (the window notebook 4 uses for the same study); the page says 'this "
    "year'. The data here begin on 2025-01-01.",
)
add("soai_2025_cn_open_mean_weekly", metric="Chinese open-source models' mean weekly share of tokens",
    unit="percent", value="13", quote="Chinese AI models accounted for an average of 13 percent of the weekly token "
    "volume this year", definition_id="open_weight_weekly_mean_pct", count="all", subject="CN", **A)
add("soai_2025_cn_open_peak", metric="Chinese open-source models' peak weekly share of tokens", unit="percent",
    value="30", quote="Chinese open-source LLMs' global share began from a low base of 1.2 percent in late 2024. It "
    "reached nearly 30 percent over a few months this year", definition_id="open_weight_weekly_peak_pct",
    count="all", subject="CN", **A)

# ---- Tom Tunguz ----------------------------------------------------------------------------------------------
add("tunguz_2026_open_weight_share", publisher="Tom Tunguz (tomtunguz.com)",
    url="https://tomtunguz.com/the-thriving-ecosystem-of-open-models/", published="2026-06-02", evidence="primary",
    dated_by="undated", metric="open-weight models' share of named open-versus-closed tokens", unit="percent",
    value="69.1", quote="In the latest model-level snapshot, open-weight models generated 69.1% of named "
    "open-versus-closed token volume. Closed models produced 30.9%.", definition_id="open_weight_share_pct",
    count="open_or_closed", subject="ALL",
    note="Publication date from wpnews.pro's copy ('Published: 2026-06-02'). 'The latest model-level snapshot' of "
    "weekly snapshots: the page does not say which week.")

# ---- Teahose summarising Our World in Data ---------------------------------------------------------------------
T = page(
    publisher="Teahose (summarising Our World in Data)",
    url="https://www.teahose.com/newsletter/Our%20World%20in%20Data/Data%20Insight_%20US%20and%20Chinese%20companies"
    "%20train%20almost%20all%20of%20the%20world%E2%80%99s%20most-used%20AI%20models",
    published="2026-06-30",
    evidence="relay",
    relayed_from="Our World in Data, Data Insight 'US and Chinese companies train almost all of the world's "
    "most-used AI models' (30 June 2026)",
    dated_by="page",
    note="OWID's own page was not found in the stored pages. OWID: 'I analyzed the data published by OpenRouter on "
    "the 50 most used models each day since January 2025'.",
)
add("owid_2025_01_cn_models_top50", metric="Chinese labs' models in OpenRouter's daily top 50, start of 2025",
    unit="models", value="5", quote="from 5 models in the daily top 50 at the beginning of 2025",
    definition_id="top50_model_count", subject="CN", period_start="2025-01-01", period_end="2025-01-01",
    **{**T, "note": T["note"] + " 'The beginning of 2025' is read as the first day of OWID's series, 1 January 2025."})
add("owid_2026_05_cn_models_top50", metric="Chinese labs' models in OpenRouter's daily top 50, May 2026",
    unit="models", value="20", quote="China-based companies have grown rapidly, from 5 models in the daily top 50 at "
    "the beginning of 2025 to 20 in May 2026.", definition_id="top50_model_count", subject="CN",
    period_start="2026-05-01", period_end="2026-05-31",
    **{**T, "note": T["note"] + " For a month, the month's mean daily count rounded to a whole model."})

# ---- cache-register (peer project, GitHub) ---------------------------------------------------------------------
CT = page(
    publisher="cache-register (jeremiahdillon/cache-register)",
    url="https://github.com/jeremiahdillon/cache-register/blob/6d1bc8909d7a4acaf244bd8a39a3229055fcd034/receipts/"
    "china-token-share/README.md",
    published="2026-10-07",
    evidence="primary",
    period_start="2026-09-28",
    period_end="2026-10-04",
    dated_by="page",
    note="Receipt 'data as of 2026-10-07'. Monday-Sunday weeks; developers by author prefix; 'Chinese labs' = every "
    "developer with hq CN; :free variants included; embedding models excluded. Quotes without markdown emphasis.",
)
add("cachereg_2026w40_cn_token_share_3way", metric="Chinese labs' share of Anthropic + OpenAI + Chinese labs' "
    "tokens", unit="percent", value="78", quote="Chinese labs served 78% of the three groups' tokens in the week of "
    "Sep 28 (OpenAI 17%, Anthropic 6%)", definition_id="token_share_pct", count="CN+anthropic+openai", subject="CN",
    **CT)
add("cachereg_2026w40_openai_token_share_3way", metric="OpenAI's share of Anthropic + OpenAI + Chinese labs' "
    "tokens", unit="percent", value="17", quote="Chinese labs served 78% of the three groups' tokens in the week of "
    "Sep 28 (OpenAI 17%, Anthropic 6%)", definition_id="token_share_pct", count="CN+anthropic+openai",
    subject="openai", **CT)
add("cachereg_2026w40_anthropic_token_share_3way", metric="Anthropic's share of Anthropic + OpenAI + Chinese labs' "
    "tokens", unit="percent", value="6", quote="Chinese labs served 78% of the three groups' tokens in the week of "
    "Sep 28 (OpenAI 17%, Anthropic 6%)", definition_id="token_share_pct", count="CN+anthropic+openai",
    subject="anthropic", **CT)
add("cachereg_2026w40_anthropic_token_share_2way", metric="Anthropic's share of Anthropic + OpenAI tokens",
    unit="percent", value="25", quote="Two-way, OpenAI leads on tokens. Anthropic had 25% of Anthropic + OpenAI "
    "tokens in the week of Sep 28", definition_id="token_share_pct", count="anthropic+openai", subject="anthropic",
    **CT)
add("cachereg_2026w40_cn_ahead_streak", metric="consecutive weeks Chinese labs' tokens exceeded Anthropic's and "
    "OpenAI's combined", unit="weeks", value="35", quote="More than Anthropic and OpenAI combined every week since "
    "the week of Feb 2, 2026 (35 weeks)", definition_id="group_lead_streak_weeks", count="anthropic+openai",
    subject="CN", **{**CT, "note": CT["note"] + " The streak runs from the week of 2 February to the week of 28 "
                      "September 2026, the period checked."})
CS = {**CT, "url": CT["url"].replace("china-token-share", "china-spend-share"),
      "note": "Receipt 'data as of 2026-10-07'. Estimated spend: daily tokens x that day's LiteLLM list price, "
      "blended 80% input / 20% output, prompt caching ignored, :free = $0; top-50 models. Quotes without markdown "
      "emphasis."}
add("cachereg_2026w40_cn_spend_share_3way", metric="Chinese labs' share of Anthropic + OpenAI + Chinese labs' "
    "estimated spend", unit="percent", value="33", quote="Among Anthropic, OpenAI and Chinese labs, the week of Sep "
    "28 was OpenAI 35%, Chinese labs 33%, Anthropic 32%", definition_id="spend_share_pct",
    count="CN+anthropic+openai", subject="CN", **CS)
add("cachereg_2026w40_openai_spend_share_3way", metric="OpenAI's share of Anthropic + OpenAI + Chinese labs' "
    "estimated spend", unit="percent", value="35", quote="Among Anthropic, OpenAI and Chinese labs, the week of Sep "
    "28 was OpenAI 35%, Chinese labs 33%, Anthropic 32%", definition_id="spend_share_pct",
    count="CN+anthropic+openai", subject="openai", **CS)
add("cachereg_2026w40_anthropic_spend_share_3way", metric="Anthropic's share of Anthropic + OpenAI + Chinese labs' "
    "estimated spend", unit="percent", value="32", quote="Among Anthropic, OpenAI and Chinese labs, the week of Sep "
    "28 was OpenAI 35%, Chinese labs 33%, Anthropic 32%", definition_id="spend_share_pct",
    count="CN+anthropic+openai", subject="anthropic", **CS)
add("cachereg_2026w40_anthropic_spend_share_2way", metric="Anthropic's share of Anthropic + OpenAI estimated "
    "spend", unit="percent", value="47", quote="Anthropic's share of Anthropic + OpenAI estimated spend fell from 98% "
    "(week of Jan 6, 2025) and 89% (week of Jan 5, 2026) to 47% in the week of Sep 28",
    definition_id="spend_share_pct", count="anthropic+openai", subject="anthropic", **CS)
CW = {**CT, "url": "https://github.com/jeremiahdillon/cache-register/blob/894720f4cec9ac524c39633e7b4dc8a77770cf88/"
      "receipts/openrouter-wallet-share/README.md", "published": "2026-10-02", "period_start": "2026-09-21",
      "period_end": "2026-09-27",
      "note": "Receipt 'data as of 2026-10-02'. Estimated spend: tokens x one current list-price snapshot (80% input "
      "/ 20% output), caching ignored, :free = $0; share of all priced top-50 spend (ISO weeks). The later "
      "china-spend-share receipt, with price history, gives Anthropic 29%, OpenAI 29%, Chinese labs 35% for the "
      "same week."}
add("cachereg_2026w39_cn_spend_share_all", metric="Chinese labs' share of estimated spend on the daily top 50",
    unit="percent", value="33", quote="In that last week Chinese labs combined (33%) — Z.ai, Moonshot AI, Tencent, "
    "DeepSeek, Xiaomi and others — edged ahead of both Anthropic (30%) and OpenAI (30%)",
    definition_id="spend_share_pct", count="named", subject="CN", **CW)
add("cachereg_2026w39_anthropic_spend_share_all", metric="Anthropic's share of estimated spend on the daily top 50",
    unit="percent", value="30", quote="edged ahead of both Anthropic (30%) and OpenAI (30%)",
    definition_id="spend_share_pct", count="named", subject="anthropic", **CW)
CM = {**CT, "url": "https://github.com/jeremiahdillon/cache-register/blob/d6debc76113c78716cddb035ea6072ee06b91fdd/"
      "receipts/open-middle/README.md", "published": "",
      "note": "Receipt 'data as of 2026-10-04'; publication date not shown (it refers to an announcement of "
      "2026-10-05). Open-weight models banded by total parameters (mid-size: 100B to under 1T); closed models by "
      "developer; stealth, the 'other' row and embedding models excluded; :free merged with the paid model."}
add("cachereg_2026w40_midsize_open_tokens", metric="mid-size open-weight models' tokens in the week",
    unit="tokens", value="78.1e12", quote="In the week of Sep 28 mid-size open models served 78.1T tokens. That is "
    "more than twice every closed model combined: OpenAI 16.0T, Other closed 6.5T, Anthropic 5.5T, Google 5.1T",
    definition_id="model_size_band", subject="mid-size open", **CM)
add("cachereg_2026w40_openai_closed_tokens", metric="OpenAI's closed models' tokens in the week", unit="tokens",
    value="16.0e12", quote="more than twice every closed model combined: OpenAI 16.0T, Other closed 6.5T, Anthropic "
    "5.5T, Google 5.1T", definition_id="closed_tokens", subject="openai", **CM)
add("cachereg_2026w40_anthropic_closed_tokens", metric="Anthropic's closed models' tokens in the week",
    unit="tokens", value="5.5e12", quote="OpenAI 16.0T, Other closed 6.5T, Anthropic 5.5T, Google 5.1T",
    definition_id="closed_tokens", subject="anthropic", **CM)
add("cachereg_2026w40_google_closed_tokens", metric="Google's closed models' tokens in the week", unit="tokens",
    value="5.1e12", quote="OpenAI 16.0T, Other closed 6.5T, Anthropic 5.5T, Google 5.1T",
    definition_id="closed_tokens", subject="google", **CM)

# ---- CodeSOTA -----------------------------------------------------------------------------------------------
CO = page(
    publisher="CodeSOTA (codesota.com)",
    url="https://www.codesota.com/agentic/openrouter-trends",
    evidence="primary",
    dated_by="undated",
    note="'Last 4 weeks' with no date on the page; shares of 'total OpenRouter top-9 token volume' by vendor; "
    "dollars = tokens x 'current average blended $/M' from the live catalogue.",
)
add("codesota_last4w_anthropic_token_share", metric="Anthropic's share of tokens (top vendors)", unit="percent",
    value="12.3", quote="Anthropic's token share is 12.3% but its dollar share is 46.3%",
    definition_id="token_share_pct", count="named", subject="anthropic", **CO)
add("codesota_last4w_anthropic_dollar_share", metric="Anthropic's share of estimated dollars (top vendors)",
    unit="percent", value="46.3", quote="Anthropic's token share is 12.3% but its dollar share is 46.3%",
    definition_id="spend_share_pct", count="named", subject="anthropic", **CO)

# ---- single-claim pages -------------------------------------------------------------------------------------
add("digg_top100_us_weekly_tokens", publisher="digg.com (quoted post; author not shown)",
    url="https://digg.com/ai/5swcf0tr", evidence="primary", dated_by="undated",
    metric="US models' weekly tokens among the 100 largest models", unit="tokens", value="14e12",
    quote="The chart is for the top 9 models only. Looking at the top 100 gives a larger US token share, 14T/w in the "
    "US vs 19T in China", definition_id="top100_models", subject="US",
    note="China 19T in the same sentence. No week and no date.")
add("thakicloud_2026_cn_share", publisher="ThakiCloud (thakicloud.github.io)",
    url="https://thakicloud.github.io/en/news/openrouter-china-model-share-vendor-neutral/", evidence="relay",
    relayed_from="unnamed analysts", dated_by="undated",
    metric="Chinese models' share of OpenRouter tokens, unidentified traffic counted apart", unit="percent",
    value="46", quote="A more precise count that separates unidentified traffic puts Chinese models at about 46% and "
    "US models at about 36%", definition_id="token_share_pct", count="all", subject="CN",
    note="'mid-2026'; no days given.")
add("iranwar_viral_chart_us_share", publisher="iranwar.info",
    url="https://iranwar.info/news/u-s-ai-dominance-is-collapsing-openrouter-data-shows-chinese-models-eating-the-"
    "market", evidence="relay", relayed_from="'a viral OpenRouter chart' (author not named)", dated_by="undated",
    metric="US models' share of OpenRouter usage (viral chart)", unit="percent", value="33",
    quote="American models allegedly fell from roughly 72 percent of usage to around 33 percent in a year, while "
    "Chinese models surged toward 47 percent", definition_id="token_share_pct", count="all", subject="US",
    note="No period; publication date not shown.")
add("aicrier_us_closed_share", publisher="AI Crier (aicrier.com)", url="https://aicrier.com/post/u763wr2ypvea81bq5cjx",
    published="2026-06-27", evidence="relay", relayed_from="bridgemindai (post author)", dated_by="undated",
    metric="US closed-source models' share of OpenRouter tokens", unit="percent", value="33",
    quote="US token share for closed-source models collapsing from 73% to 33% in a single year",
    definition_id="token_share_pct", count="all", subject="US", note="Gives 73% (not 72%) a year earlier; no period.")
add("infomachine_bloomberg_us_share", publisher="The Information Machine (relaying Rohan Paul on X)",
    url="https://theinformationmachine.fyi/items/35145/", published="2026-06-27", evidence="relay",
    relayed_from="Bloomberg (via Rohan Paul, @rohanpaul_ai)", dated_by="undated",
    metric="US models' share of OpenRouter tokens", unit="percent", value="30",
    quote="On OpenRouter, US model token share fell from around 70% to around 30% in a year.",
    definition_id="token_share_pct", count="all", subject="US", note="No period.")
add("thehype_2026_04_us_big3_share", publisher="The Hype (thehype.news)",
    url="https://thehype.news/china-is-eating-americas-ai-market/", evidence="primary", dated_by="undated",
    metric="Anthropic + Google + OpenAI share of OpenRouter tokens ('provider-level market share')", unit="percent",
    value="46.6", quote="combined, the us big three hold 46.6%", definition_id="token_share_pct", count="all",
    subject="anthropic+google+openai",
    note="'by april 2026', from a monthly ranking whose days the page does not give (Anthropic 17.8%, Google 16.5%, "
    "OpenAI 12.3%; six Chinese labs 37.1%). Its model figures (Qwen3.6 Plus free 6.27T, MiMo-V2-Pro 8.21T) are not "
    "those of calendar April, so no period is assumed.")
TT = page(
    publisher="Tech Times (techtimes.com)",
    url="https://www.techtimes.com/articles/317352/20260529/chinese-ai-models-lead-openrouter-traffic-coding-gains-"
    "come-china-data-risk.htm",
    published="2026-05-29",
    evidence="primary",
    dated_by="page",
)
add("techtimes_2026w09_cn_top10_share", metric="Chinese open-weight models' share of the ten largest models' "
    "tokens", unit="percent", value="61", quote="Chinese-developed open-weight large language models held roughly 61 "
    "percent of token volume among OpenRouter's top 10 models in the week of February 24, 2026",
    definition_id="origin_share_pct", count="top10_models", subject="CN", period_start="2026-02-23",
    period_end="2026-03-01",
    **{**TT, "note": "'the week of February 24' (a Tuesday) is read as the Monday-to-Sunday week that contains it. "
       "Date from the URL path."})
add("techtimes_2026_04_cn_share", metric="Chinese providers' share of all OpenRouter tokens, April 2026",
    unit="percent", value="51", quote="maintained a majority share through April, when combined Chinese-provider "
    "traffic accounted for approximately 51 percent of all platform tokens", definition_id="token_share_pct",
    count="all", subject="CN", period_start="2026-04-01", period_end="2026-04-30",
    **{**TT, "note": "'Chinese-provider traffic' read as Chinese labs' models. Date from the URL path."})
add("ghodsi_2026_cn_top10_share", publisher="In the World of AI (intheworldofai.com)",
    url="https://intheworldofai.com/p/china-hits-61-of-ai-usage-openai-files-1t-ipo-anthropic-projects-10-9b-quarter",
    evidence="relay", relayed_from="Ali Ghodsi (Databricks CEO), citing OpenRouter data", dated_by="undated",
    metric="Chinese models' share of the ten largest models' tokens", unit="percent", value="61",
    quote="The 61% figure is token consumption among the top-ten models.", definition_id="origin_share_pct",
    count="top10_models", subject="CN", quote_checked_on="",
    note="From the draft, not re-read in this review. Same page: 'more than 60% by May 2026'. No period given.")


def main(out: str) -> None:
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(ROWS)
    print(f"{len(ROWS)} claims, {len({r['publisher'] for r in ROWS})} publishers -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
