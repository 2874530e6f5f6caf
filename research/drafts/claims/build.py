import re
import csv
H = "claim_id,publisher,url,published,evidence,relayed_from,period_start,period_end,metric,definition_hint,unit,value,quote,note".split(",")
R = []
def add(*a):
    assert len(a) == len(H), (a[0], len(a))
    R.append(dict(zip(H, a)))

NBD = "National Business Daily (每日经济新闻) weekly OpenRouter tally"
# ---------------- gogoai.xin, week of 1-7 June 2026 (page says "last week") ----------------
G = "https://gogoai.xin/article/china-ai-models-surpass-us-in-weekly-calls"
GN = ("Page gives no publication date and no dates for the week ('last week'); the project's headline.md places these figures in 1-7 June 2026, "
      "consistent with DotDotNews (18-24 May = 4th consecutive week) and haberlergpt (22-28 June = DeepSeek V4 Flash's 6th week at #1). Page does not name its source; "
      "the project attributes the series to National Business Daily (unconfirmed).")
add("gogoai_2026w23_total_tokens","gogoai.xin",G,"","relay","not named on page (project attributes to "+NBD+")","","",
    "total OpenRouter tokens in the week","'total global AI model call volume'; whether this is all traffic or the ranked models only is not stated","tokens","36.1e12",
    "the total global AI model call volume reached 36.1 trillion tokens last week",GN)
add("gogoai_2026w23_total_change","gogoai.xin",G,"","relay","not named on page (project attributes to "+NBD+")","","",
    "week-on-week change of total OpenRouter tokens","as above","percent","13.5",
    "This represents a 13.5% increase from the previous week, continuing a seven-week upward trend","page says 'seven-week upward trend'. "+GN)
add("gogoai_2026w23_cn_tokens","gogoai.xin",G,"","relay","not named on page (project attributes to "+NBD+")","","",
    "Chinese models' tokens in the week","Chinese models among ranked models (the list's cut-off is not stated on this page)","tokens","14.19e12",
    "Chinese AI models achieved 14.19 trillion token calls last week, surpassing US models which recorded only 3.2 trillion",GN)
add("gogoai_2026w23_cn_change","gogoai.xin",G,"","relay","not named on page (project attributes to "+NBD+")","","",
    "week-on-week change of Chinese models' tokens","as above","percent","27.49",
    "Chinese model usage grew by 27.49% week-over-week, while US model usage dropped by 24.53%",GN)
add("gogoai_2026w23_us_tokens","gogoai.xin",G,"","relay","not named on page (project attributes to "+NBD+")","","",
    "US models' tokens in the week","US models among ranked models (cut-off not stated)","tokens","3.2e12",
    "surpassing US models which recorded only 3.2 trillion",GN)
add("gogoai_2026w23_us_change","gogoai.xin",G,"","relay","not named on page (project attributes to "+NBD+")","","",
    "week-on-week change of US models' tokens","as above","percent","-24.53",
    "US model usage dropped by 24.53%",GN)
add("gogoai_2026w23_dsv4flash_tokens","gogoai.xin",G,"","relay","not named on page (project attributes to "+NBD+")","","",
    "DeepSeek V4 Flash tokens in the week (rank 1, third straight week)","single model, weekly tokens","tokens","3.69e12",
    "DeepSeek-V4-Flash has maintained its position as the world's most-called AI model for three straight weeks. The model processed 3.69 trillion tokens last week alone",
    "Also '+19%' on the prior week ('a 19% increase compared to the prior week'). "+GN)
add("gogoai_2026w23_cn_streak","gogoai.xin",G,"","relay","not named on page (project attributes to "+NBD+")","","",
    "consecutive weeks Chinese models ahead of US models","Chinese vs US ranked models, weekly","weeks","6",
    "surpassed their American counterparts in weekly API call volume for the sixth consecutive week",
    "Streak implies it began in the week of 27 Apr 2026 if this is 1-7 June (cf. 163.com: 4-10 May was the 2nd week). "+GN)
# ---------------- haberlergpt (relays NBD), 22-28 June 2026 ----------------
HB = "https://haberlergpt.com.tr/haber/3893115-china-s-ai-large-model-api-calls-lead-globally-for-nine-consecutive-weeks-as-us-share-plunges-from-72-to-33"
HN = "Publication date not shown in the stored page. Page: 'according to the latest OpenRouter data tracked by National Business Daily'."
add("haberlergpt_2026w26_total_tokens","haberlergpt.com.tr",HB,"","relay",NBD,"2026-06-22","2026-06-28",
    "total OpenRouter tokens in the week","'total global AI model calls'","tokens","46.7e12",
    "During the week of June 22-28, total global AI model calls reached 46.7 trillion tokens",HN)
add("haberlergpt_2026w26_cn_tokens","haberlergpt.com.tr",HB,"","relay",NBD,"2026-06-22","2026-06-28",
    "Chinese models' tokens in the week","Chinese models among ranked models (cut-off not stated)","tokens","20.39e12",
    "with Chinese models accounting for 20.39 trillion tokens—an 8.4% increase week-over-week","Week-on-week change +8.4%. "+HN)
add("haberlergpt_2026w26_us_tokens","haberlergpt.com.tr",HB,"","relay",NBD,"2026-06-22","2026-06-28",
    "US models' tokens in the week","US models among ranked models (cut-off not stated)","tokens","4.25e12",
    "while US models fell to just 4.25 trillion tokens, a 26.22% decline","Week-on-week change -26.22%. "+HN)
add("haberlergpt_2026w26_cn_streak","haberlergpt.com.tr",HB,"","relay",NBD,"2026-06-22","2026-06-28",
    "consecutive weeks Chinese models ahead of US models","Chinese vs US ranked models, weekly","weeks","9",
    "Chinese AI large models have maintained the global lead in API call volume for nine consecutive weeks","Consistent with a streak starting the week of 27 Apr 2026. "+HN)
add("haberlergpt_2026_06_us_share_72_33","haberlergpt.com.tr",HB,"","relay","ExponentialView ('2026 AI Economy Status'), via "+NBD,"2026-06-01","2026-06-30",
    "US models' share of OpenRouter tokens (Google, OpenAI, Anthropic)","'share of token requests going to US models from Google, OpenAI, and Anthropic'; denominator not stated","percent","33",
    "the share of token requests going to US models from Google, OpenAI, and Anthropic has collapsed from 72% a year ago to just 33% in June 2026",
    "Year-ago value 72% (June 2025). Period 'June 2026' as stated; exact days not given. "+HN)
add("haberlergpt_2026w26_dsv4flash","haberlergpt.com.tr",HB,"","relay",NBD,"2026-06-22","2026-06-28",
    "DeepSeek V4 Flash tokens in the week (rank 1, sixth consecutive week)","single model, weekly tokens","tokens","4.66e12",
    "DeepSeek-V4-Flash held the top spot for the sixth consecutive week with 4.66 trillion tokens in weekly call volume",HN)
add("haberlergpt_2026w26_mimo_v25","haberlergpt.com.tr",HB,"","relay",NBD,"2026-06-22","2026-06-28",
    "Xiaomi MiMo-V2.5 tokens in the week (rank 2)","single model, weekly tokens","tokens","4.48e12",
    "followed closely by Xiaomi's MiMo-V2.5 at 4.48 trillion tokens (up 14% week-over-week)","Rank 2 implied by 'followed closely'; MiniMax M3 next at 3.74T. "+HN)
add("haberlergpt_2026w26_glm52_rank","haberlergpt.com.tr",HB,"","relay",NBD,"2026-06-22","2026-06-28",
    "rank of GLM-5.2 by weekly tokens","single model rank among all models of the week","rank","7",
    "Zhipu AI's GLM-5.2 surged into seventh place with 2.11 trillion tokens, posting a 66% week-over-week gain","Tokens 2.11e12, +66% week on week. "+HN)
# ---------------- DotDotNews, 18-24 May 2026 ----------------
DD = "https://english.dotdotnews.com/a/202605/26/AP6a151281e4b09ea2331677fb.html"
DN = "Date from the URL path (/202605/26/); The Daily Scout also calls it 'a May 26 report by DotDotNews'. Page names only OpenRouter as source; figures match the NBD-style weekly tally (not confirmed)."
add("dotdot_2026w21_total_tokens","DotDotNews (english.dotdotnews.com)",DD,"2026-05-26","primary","","2026-05-18","2026-05-24",
    "total OpenRouter tokens in the week","'total global invocation volume of AI models'","tokens","28.9e12",
    "From May 18 to May 24, the total global invocation volume of AI models reached 28.9 trillion tokens, representing a 7.4% increase from the previous week and marking the fifth consecutive week of growth",DN)
add("dotdot_2026w21_cn_tokens","DotDotNews (english.dotdotnews.com)",DD,"2026-05-26","primary","","2026-05-18","2026-05-24",
    "Chinese models' tokens in the week","'Among the AI models ranked last week' (ranked list; cut-off not stated)","tokens","9.223e12",
    "Among the AI models ranked last week, Chinese models recorded a weekly invocation volume of 9.223 trillion tokens, a 19.89% increase month-over-month",
    "Page says 'month-over-month' but the comparison is with the previous week. "+DN)
add("dotdot_2026w21_us_tokens","DotDotNews (english.dotdotnews.com)",DD,"2026-05-26","primary","","2026-05-18","2026-05-24",
    "US models' tokens in the week","ranked models (cut-off not stated)","tokens","4.93e12",
    "US models saw an invocation volume of 4.93 trillion tokens, a 16.27% increase","+16.27% on the prior week. "+DN)
add("dotdot_2026w21_cn_streak","DotDotNews (english.dotdotnews.com)",DD,"2026-05-26","primary","","2026-05-18","2026-05-24",
    "consecutive weeks Chinese models ahead of US models","ranked models, weekly","weeks","4",
    "Chinese large models have now surpassed their US counterparts in weekly invocation volume for four consecutive weeks",DN)
add("dotdot_2026w21_dsv4flash","DotDotNews (english.dotdotnews.com)",DD,"2026-05-26","primary","","2026-05-18","2026-05-24",
    "DeepSeek V4 Flash tokens in the week (rank 1)","single model, weekly tokens","tokens","3.43e12",
    "DeepSeek-V4-Flash has officially topped OpenRouter's global ranking of AI model usage, leaving all other competitors far behind with a weekly invocation volume of 3.43 trillion tokens",
    "Week assumed to be the same 18-24 May week the page reports ('as of this week'). "+DN)
# ---------------- 163.com (NetEase Hao), 4-10 May 2026 ----------------
NE = "https://www.163.com/dy/article/KSL8QLSG0550WHYR.html"
NEN = "NetEase Hao self-media post; author and date not shown in the stored page; source named only as OpenRouter data ('根据OpenRouter最新数据测算')."
add("netease_2026w19_total_tokens","163.com (NetEase Hao post)",NE,"","primary","","2026-05-04","2026-05-10",
    "total OpenRouter tokens in the week","'全球AI大模型总调用量'","tokens","25.7e12",
    "上周(5月4日至5月10日)全球AI大模型总调用量为25.7万亿Token,较此前一周增长7.5%,连续三周上涨","+7.5% week on week. "+NEN)
add("netease_2026w19_cn_tokens","163.com (NetEase Hao post)",NE,"","primary","","2026-05-04","2026-05-10",
    "Chinese models' tokens in the week","'上榜的AI大模型中' (among listed models)","tokens","7.941e12",
    "上榜的AI大模型中,中国AI大模型周调用量达7.941万亿Token,规模与前一周基本持平",NEN)
add("netease_2026w19_us_tokens","163.com (NetEase Hao post)",NE,"","primary","","2026-05-04","2026-05-10",
    "US models' tokens in the week","among listed models","tokens","3.76e12",
    "同期美国AI大模型周调用量为3.76万亿Token,环比上涨14.41%",NEN)
add("netease_2026w19_cn_streak","163.com (NetEase Hao post)",NE,"","primary","","2026-05-04","2026-05-10",
    "consecutive weeks Chinese models ahead of US models","among listed models, weekly","weeks","2",
    "中国大模型周调用量已达到美国的2.11倍,连续两周实现反超",
    "Only two weeks in early May: the streak that began in February was broken in April (ratio CN/US = 2.11). "+NEN)
# ---------------- Odaily, 9-15 March 2026 ----------------
OD = "https://www.odaily.news/th/newsflash/472296"
ODN = "Publication date not shown in the stored page."
add("odaily_2026w11_cn_tokens","Odaily (odaily.news)",OD,"","primary","","2026-03-09","2026-03-15",
    "Chinese models' tokens in the week","'among the AI large models on the list'","tokens","4.69e12",
    "the weekly call volume of Chinese AI large models rose to 4.69 trillion tokens, an increase of 11.83% compared to the previous week",ODN)
add("odaily_2026w11_us_tokens","Odaily (odaily.news)",OD,"","primary","","2026-03-09","2026-03-15",
    "US models' tokens in the week","among listed models","tokens","3.294e12",
    "the weekly call volume of US AI large models was 3.294 trillion tokens, a sequential decline of 9.33%",ODN)
add("odaily_2026w11_hunter_alpha_rank","Odaily (odaily.news)",OD,"","primary","","2026-03-09","2026-03-15",
    "rank of Hunter Alpha (stealth model) by weekly tokens","single model rank","rank","7",
    "the mysterious model Hunter Alpha made the list, with a weekly call volume of 0.666 trillion tokens, ranking seventh",
    "Stealth model (openrouter/hunter-alpha), lab undisclosed. "+ODN)
# ---------------- 1m-reviews, 9-15 March 2026 ----------------
M1 = "https://1m-reviews.com/?p=756"
add("1mreviews_2026w11_minimax_m25","1m-reviews.com",M1,"","relay","Chinese financial media (not named)","2026-03-09","2026-03-15",
    "MiniMax M2.5 tokens in the week (rank 1, fifth consecutive week)","single model, weekly tokens","tokens","1.75e12",
    "MiniMax M2.5 at roughly 1.75 trillion tokens, Step 3.5 Flash at about 1.34 trillion, and DeepSeek V3.2 at around 1.04 trillion",
    "Same page: 'MiniMax M2.5 has now held the No. 1 position for five consecutive weeks'. Publication date not shown.")
# ---------------- aibase (erroneous relay) ----------------
add("aibase_2026w11_cn_tokens_misrelay","AIbase (aibase.com)","https://www.aibase.com/news/26433","","relay","OpenRouter data via Chinese media (not named)","2026-03-09","2026-03-15",
    "Chinese models' tokens in the week (as relayed)","as relayed","tokens","46.9e12",
    "as of March 15, the weekly usage of Chinese AI large models reached an astonishing 46.9 trillion Tokens",
    "Ten times the 4.69T given by Odaily, IT Home/CCTV and others for the same week: a relay error kept as evidence of how figures drift. ai-damn.com repeats it (46.9T vs 32.94T). Publication date not shown.")
# ---------------- IT Home / CCTV Finance via chw9.cn ----------------
add("ithome_2026w11_cn_tokens","沄森网 (chw9.cn), reposting IT之家","https://chw9.cn/show-1849.html","2026-03-22","relay","IT之家 (IT Home), citing 央视财经 (CCTV Finance)","2026-03-09","2026-03-15",
    "Chinese models' tokens in the week","'中国AI大模型的调用量'","tokens","4.69e12",
    "中国AI大模型的调用量达到4.69万亿Token(3月9日至3月15日),连续两周超越美国",
    "Also relayed in English by chinaaidaily.com (timestamp March 22, 2026) and en.wedoany.com (2026-03-23).")
# ---------------- Shanghai Securities Journal via studiotv, 16-22 March ----------------
SS = "https://app.studiotv.net/post/status/19838708"
SSN = "Relay of a Shanghai Securities Journal (上证深一度) piece; publication date not shown."
add("ssj_2026w12_total_tokens","app.studiotv.net (relaying Shanghai Securities Journal)",SS,"","relay","Shanghai Securities Journal (上海证券报)","2026-03-16","2026-03-22",
    "total OpenRouter tokens in the week","'total call volume for global AI large models'","tokens","20.4e12",
    "last week (March 16 to March 22), the total call volume for global AI large models was 20.4 trillion Tokens, with a week-on-week growth of 20.7%",SSN)
add("ssj_2026w12_cn_tokens","app.studiotv.net (relaying Shanghai Securities Journal)",SS,"","relay","Shanghai Securities Journal (上海证券报)","2026-03-16","2026-03-22",
    "Chinese models' tokens in the week","same page: 'Among the top nine large models by call volume, five are Chinese'","tokens","7.359e12",
    "the call volume for Chinese large models was 7.359 trillion Tokens, up 56.9% week-on-week",SSN)
add("ssj_2026w12_us_tokens","app.studiotv.net (relaying Shanghai Securities Journal)",SS,"","relay","Shanghai Securities Journal (上海证券报)","2026-03-16","2026-03-22",
    "US models' tokens in the week","as above","tokens","3.536e12",
    "the call volume for American large models was 3.536 trillion Tokens, an increase of 7.35% week-on-week",
    "Same page: 'by March 22, the call volume of domestic large models had unprecedentedly exceeded that of overseas large models for three consecutive weeks'. "+SSN)
# ---------------- xix.ai, 30 Mar - 5 Apr ----------------
XX = "https://xix.ai/ainews/chinas-ai-computing-power-surges-as-weekly-token-usage-tops-12-trillion-alibaba-xiaomi-lead-global-ranks.html"
XXN = "Publication date not shown. Same text on aibase.com/news/26877."
add("xix_2026w14_cn_tokens","xix.ai",XX,"","primary","","2026-03-30","2026-04-05",
    "Chinese models' tokens in the week","not stated","tokens","12.96e12",
    "during the week of March 30 to April 5, China's AI large models demonstrated remarkable activity: weekly token usage jumped to 12.96 trillion tokens, a staggering 31.48% increase from the prior week",XXN)
add("xix_2026w14_us_tokens","xix.ai",XX,"","primary","","2026-03-30","2026-04-05",
    "US models' tokens in the week","not stated","tokens","3.03e12",
    "the US saw only 3.03 trillion tokens in the same period, with a mere 0.76% growth",XXN)
add("xix_2026w14_qwen36plus_free","xix.ai",XX,"","primary","","2026-03-30","2026-04-05",
    "Qwen3.6 Plus (free) tokens in the week (rank 1)","single model (free variant), weekly tokens","tokens","4.6e12",
    "Alibaba 's Qwen3.6Plus (free) topped the global ranking with 4.6 trillion weekly tokens",
    "A free (:free) variant led the week; page also says Chinese models held the top six spots. "+XXN)
# ---------------- February crossover: NBD via udn / CGTN; wpnews ----------------
UD = "https://udn.com/news/story/7333/9360110"
add("udn_2026w07_cn_tokens","經濟日報 (udn.com)",UD,"2026-03-05","relay","每日經濟新聞 (National Business Daily)","2026-02-09","2026-02-15",
    "Chinese models' tokens in the week (first week ahead of US)","NBD tally","tokens","4.12e12",
    "2月9日至15日當周，大陸AI模型周使用量達4.12兆Token，首次超越美國同期的2.94兆Token","US models 2.94e12 the same week.")
add("udn_2026w08_cn_tokens","經濟日報 (udn.com)",UD,"2026-03-05","relay","每日經濟新聞 (National Business Daily)","2026-02-16","2026-02-22",
    "Chinese models' tokens in the week","NBD tally","tokens","5.16e12",
    "2月16日至22日當周升至5.16兆Token，三周內成長127%","")
add("udn_2026_feb_top5_cn_share","經濟日報 (udn.com)",UD,"2026-03-05","relay","每日經濟新聞 (National Business Daily)","","",
    "Chinese models' share of the top five models' tokens","top 5 models (4 of them Chinese: MiniMax M2.5, Kimi K2.5, GLM-5, DeepSeek V3.2)","percent","85.7",
    "在全球使用量前五模型中，大陸模型占四席，包括MiniMax M2.5、月之暗面Kimi K2.5、智譜GLM-5及DeepSeek V3.2，合計貢獻前五名總使用量85.7%",
    "Period not stated on page (February 2026 context). xix.ai relays Hualong Securities with 85.72% for the same statistic.")
CG = "https://news.cgtn.com/news/2026-02-28/Chinese-AI-models-overtake-U-S-rivals-in-global-token-usage-1L8h5rMl26c/share_amp.html"
add("cgtn_2026_feb_cn_vs_us_tokens","CGTN",CG,"2026-02-28","relay","National Business Daily (NBD)","","",
    "Chinese models' tokens in a February week","NBD tally","tokens","5.16e12",
    "Statistics from National Business Daily (NBD) earlier on February showed Chinese models reaching about 5.16 trillion tokens in combined usage, compared with roughly 2.7 trillion tokens for U.S. models",
    "Date from the URL path. Week not stated on this page (udn.com and greenint.net give 16-22 Feb for 5.16T). US 2.7e12.")
add("cgtn_2026_feb_minimax_m25_weekly","CGTN",CG,"2026-02-28","primary","","","",
    "MiniMax M2.5 weekly tokens (rank 1)","single model, 'this week' rankings","tokens","1.7e12",
    "This week OpenRouter rankings show MiniMax's M2.5 model leading global usage with about 1.7 trillion weekly tokens processed",
    "'This week' at publication (late February 2026); exact days not stated. Gemini 3 Flash Preview second at ~997B.")
WP = "https://wpnews.pro/news/openrouter-data-shows-us-ai-models-losing-ground-as-chinese-alternatives-token"
add("wpnews_2025_us_top_model_share","wpnews.pro",WP,"","primary","","2025-01-01","2025-12-31",
    "US models' share of top-model usage in 2025","'top-model usage share' (top models only)","percent","70",
    "For most of 2025, US-developed AI models were the undisputed kings of OpenRouter ... They commanded nearly 70% of top-model usage share",
    "'nearly 70%'; 'most of 2025' (exact period not stated). Publication date not shown. Same text on valuethemarkets.com.")
add("wpnews_current_cn_weekly_tokens","wpnews.pro",WP,"","primary","","","",
    "Chinese models' weekly tokens (current at publication)","not stated","tokens","18e12",
    "processing roughly 18 trillion tokens per week on the platform compared to about 5.5 trillion for US models",
    "Week not stated, publication date not shown; US 5.5e12. Binance Square posts give 18.5T vs 6.0T 'across the top 9 models'.")
# ---------------- SCMP / 21st Century Business Herald (February monthly) ----------------
add("scmp_2026_02_minimax_m25_month","South China Morning Post (Ben Jiang)",
    "https://www-scmp-com.libproxy1.nus.edu.sg/tech/tech-trends/article/3344587/chinas-minimax-moonshot-top-ai-token-use-ranking-ending-year-us-dominance",
    "","primary","","2026-02-01","",
    "MiniMax M2.5 tokens in February 2026 to date (rank 1 by month)","single model, month to date","tokens","4.55e12",
    "the M2.5 from Shanghai-based MiniMax emerged as the most popular AI model by token usage so far this month, according to OpenRouter, which found 4.55 trillion tokens used",
    "Read on a university proxy mirror of scmp.com; date not shown there (newsar.codejungle.org lists it as filed 2026-02-25). Kimi K2.5 second with 4.02T; 'MiniMax, Moonshot and DeepSeek accounted for nearly two thirds of the total token usage among the top five models'.")
add("21cbh_2026_02_cn_top10_tokens","21世纪经济报道 (21st Century Business Herald), via cjcn.com.cn","https://www.cjcn.com.cn/news/show-306858.html","2026-03-02","primary","","2026-02-01","2026-02-28",
    "Chinese models' tokens among the month's top 10 models","top 10 models of the month","tokens","14.69e12",
    "截至2月28日,该平台内前十模型总Token消耗量已突破28.7万亿,其中国产模型贡献超过14.69万亿,为历史上首次单月Token调用占比过半且超越美国产模型",
    "'超过14.69万亿' (more than); top-10 total 28.7e12, so more than half. Page dated 2026-03-02 16:39:36.")
# ---------------- OpenRouter itself ----------------
OR = "https://openrouter.ai/blog/insights/deepseek-v4-adoption/"
ORN = "OpenRouter's own blog post 'DeepSeek V4 Is Earning Agentic Token Share'; publication date not shown in the stored page (it refers to 'the start of June' 2026)."
add("openrouter_2026_01_deepseek_share","OpenRouter",OR,"","primary","","2026-01-01","2026-01-31",
    "DeepSeek's share of OpenRouter tokens (January 2026)","model author share of all tokens","percent","9",
    "DeepSeek effectively doubled its token share over the period (from 9% to 18%)",ORN)
add("openrouter_2026_06_deepseek_share","OpenRouter",OR,"","primary","","2026-06-01","2026-06-30",
    "DeepSeek's share of OpenRouter tokens (June 2026)","model author share of all tokens","percent","18",
    "A direct comparison between January and June 2026 shows just how quickly preferences can shift between model authors. DeepSeek effectively doubled its token share over the period (from 9% to 18%)",
    "Same page: 'By the start of June, DeepSeek had earned nearly 20% of token share'. "+ORN)
add("openrouter_2026_q1_deepseek_low","OpenRouter",OR,"","primary","","2026-02-01","2026-03-31",
    "DeepSeek's low share of OpenRouter tokens (Feb-Mar 2026)","model author share of total tokens","percent","5",
    "As agentic work began to take hold in February and March, driving up token usage at unprecedented rates, DeepSeek actually fell to 5% of total tokens",ORN)
# ---------------- State of AI (OpenRouter + a16z) via relays ----------------
AR = "https://arynews.tv/chinese-open-source-ai-models-capture-nearly-30-of-global-usage"
add("soai_2025_cn_oss_mean_weekly","ARY News (arynews.tv)",AR,"2025-12-10","relay","OpenRouter and a16z, 'State of AI: An Empirical 100 Trillion Token Study' (Dec 2025)","","",
    "Chinese open-source models' mean weekly share of tokens in 2025","all OpenRouter traffic; mean of weekly shares over the study year","percent","13",
    "Chinese AI models accounted for an average of 13 percent of the weekly token volume this year",
    "Report text via erbetc.com: 'an average annual share of 13.0%, which is almost the same as the 13.7% share of open source models in other parts of the world'. Study window not stated on page (year to about Nov 2025).")
add("soai_2025_cn_oss_peak","ARY News (arynews.tv)",AR,"2025-12-10","relay","OpenRouter and a16z, 'State of AI' (Dec 2025)","","",
    "Chinese open-source models' peak weekly share of tokens in 2025","all OpenRouter traffic, weekly","percent","30",
    "Chinese open-source LLMs' global share began from a low base of 1.2 percent in late 2024. It reached nearly 30 percent over a few months this year",
    "'nearly 30 percent' (a peak, not a level); start 1.2% in late 2024. techienewsguru.com quotes the report: 'reaching nearly 30% of total usage among all models in some weeks'.")
add("soai_2025_open_weight_share","erbetc.com",
    "https://www.erbetc.com/1765","","relay","OpenRouter and a16z, 'State of AI' (4 Dec 2025)","","",
    "open-weight (open-source) models' share of OpenRouter tokens","all OpenRouter traffic, late 2025","percent","33",
    "The share of open source models has climbed to 33%, completely breaking the monopoly of closed source models",
    "Publication date not shown (report dated 'December 4'). promptinjection.net: 'Open-weight models reach about one-third of total token usage by end of 2025.' Same text on allweatherfinance.com.")
# ---------------- Our World in Data via teahose ----------------
TH = "https://www.teahose.com/newsletter/Our%20World%20in%20Data/Data%20Insight_%20US%20and%20Chinese%20companies%20train%20almost%20all%20of%20the%20world%E2%80%99s%20most-used%20AI%20models"
THN = "Teahose newsletter summary of OWID's Data Insight 'US and Chinese companies train almost all of the world's most-used AI models', dated June 30, 2026; OWID's own page not found in the stored corpus."
add("owid_2026_05_cn_models_top50","Teahose (summarising Our World in Data)",TH,"2026-06-30","relay","Our World in Data Data Insight (June 2026)","2026-05-01","2026-05-31",
    "number of Chinese models in OpenRouter's daily top 50","daily top 50 models (OpenRouter), May 2026; exact day or averaging not stated","count","20",
    "China-based companies have grown rapidly, from 5 models in the daily top 50 at the beginning of 2025 to 20 in May 2026.",THN)
add("owid_2025_01_cn_models_top50","Teahose (summarising Our World in Data)",TH,"2026-06-30","relay","Our World in Data Data Insight (June 2026)","2025-01-01","2025-01-31",
    "number of Chinese models in OpenRouter's daily top 50","daily top 50 models, 'beginning of 2025'","count","5",
    "from 5 models in the daily top 50 at the beginning of 2025",THN+" Same page: 'US-based companies still account for most models in OpenRouter's top 50.'")
# ---------------- cache-register (peer project) ----------------
CRT = "https://github.com/jeremiahdillon/cache-register/blob/6d1bc8909d7a4acaf244bd8a39a3229055fcd034/receipts/china-token-share/README.md"
CRS = "https://github.com/jeremiahdillon/cache-register/blob/6d1bc8909d7a4acaf244bd8a39a3229055fcd034/receipts/china-spend-share/README.md"
CRW = "https://github.com/jeremiahdillon/cache-register/blob/894720f4cec9ac524c39633e7b4dc8a77770cf88/receipts/openrouter-wallet-share/README.md"
CRO = "https://github.com/jeremiahdillon/cache-register/blob/d6debc76113c78716cddb035ea6072ee06b91fdd/receipts/open-middle/README.md"
CRN = "Receipt README, 'data as of 2026-10-07'; the exploration it was promoted from says 'started 2026-10-07' (used as published). Developers mapped by author prefix; 'Chinese labs' = every developer with hq CN; :free included."
add("cachereg_2026w40_cn_token_share_3way","cache-register (jeremiahdillon/cache-register)",CRT,"2026-10-07","primary","","2026-09-28","2026-10-04",
    "Chinese labs' share of tokens among Anthropic + OpenAI + Chinese labs","Chinese labs vs Anthropic+OpenAI only (Google, others, 'other' row and stealth excluded: 41% of all tokens that week)","percent","78",
    "Chinese labs served 78% of the three groups' tokens** in the week of Sep 28 (OpenAI 17%, Anthropic 6%)",
    "Quote keeps the page's markdown '**'. Up from 10% (week of 6 Jan 2025) and 46% (week of 5 Jan 2026). "+CRN)
add("cachereg_2026w40_cn_spend_share_3way","cache-register (jeremiahdillon/cache-register)",CRS,"2026-10-07","primary","","2026-09-28","2026-10-04",
    "Chinese labs' share of estimated spend among Anthropic + OpenAI + Chinese labs","Chinese labs vs Anthropic+OpenAI only; list-price estimate (LiteLLM, 80% input/20% output, caching ignored, :free = $0); top-50 models","percent","33",
    "the week of Sep 28 was OpenAI 35%, Chinese labs 33%, Anthropic 32%",
    "Others left out of the denominator: 5% of estimated spend that week. Anthropic 47% of Anthropic+OpenAI estimated spend the same week. "+CRN)
add("cachereg_2026_cn_ahead_streak","cache-register (jeremiahdillon/cache-register)",CRT,"2026-10-07","primary","","2026-02-02","2026-10-04",
    "consecutive weeks Chinese labs' tokens exceed Anthropic + OpenAI combined","Chinese labs vs Anthropic+OpenAI only (not vs all US models)","weeks","35",
    "More than Anthropic and OpenAI combined every week since the week of Feb 2, 2026** (35 weeks)",
    "A different comparison from the NBD 'Chinese vs US models' streak (which restarted in late April). "+CRN)
add("cachereg_2026w39_cn_spend_share_all","cache-register (jeremiahdillon/cache-register)",CRW,"2026-10-02","primary","","2026-09-21","2026-09-27",
    "Chinese labs' share of estimated spend on OpenRouter's top-50 models","all priced top-50 spend; list-price estimate from a 2026-10-02 price snapshot, caching ignored, :free = $0","percent","33",
    "In that last week **Chinese labs combined\n(33%)** — Z.ai, Moonshot AI, Tencent, DeepSeek, Xiaomi and others — edged ahead of both\nAnthropic (30%) and **OpenAI (30%)**",
    "Receipt 'data as of 2026-10-02' (exploration started 2026-10-02). The later china-spend-share receipt, with LiteLLM price history, gives Anthropic 29%, OpenAI 29%, Chinese labs 35% for the same week.")
add("cachereg_2026w40_midsize_open_tokens","cache-register (jeremiahdillon/cache-register)",CRO,"","primary","","2026-09-28","2026-10-04",
    "mid-size open-weight models' tokens in the week","open-weight models 100B to <1T total parameters; stealth, 'other' row and embeddings excluded","tokens","78.1e12",
    "In the week of Sep 28 mid-size open models served **78.1T tokens**. That is more than twice every closed\n  model combined: OpenAI 16.0T, Other closed 6.5T, Anthropic 5.5T, Google 5.1T",
    "Receipt 'data as of 2026-10-04'; publication date not shown (the README refers to an announcement of 2026-10-05). Flagship open 4.3T, small open 1.7T the same week.")
# ---------------- other analysts / peer pages ----------------
CS = "https://www.codesota.com/agentic/openrouter-trends"
CSN = "No publication date or week dates shown in the stored page ('Last 4 weeks'); dollars = tokens x 'current average blended $/M' from the live catalog."
add("codesota_last4w_anthropic_token_share","CodeSOTA (codesota.com)",CS,"","primary","","","",
    "Anthropic's share of tokens (top-9 models view)","share of OpenRouter top-9 token volume, last 4 weeks","percent","12.3",
    "Anthropic's token share is 12.3% but its dollar share is 46.3%",CSN)
add("codesota_last4w_anthropic_dollar_share","CodeSOTA (codesota.com)",CS,"","primary","","","",
    "Anthropic's share of estimated dollars (top-9 models view)","tokens priced at current blended $/M, top-9 vendors, last 4 weeks","percent","46.3",
    "Anthropic's token share is 12.3% but its dollar share is 46.3%","OpenAI 9.8% tokens / 24.2% dollars in the same table. "+CSN)
DG = "https://digg.com/ai/5swcf0tr"
add("digg_top100_us_vs_cn_tokens","digg.com (quoted post; author not shown)",DG,"","primary","","","",
    "US models' weekly tokens in the top 100 (vs China 19T)","top 100 models vs the viral chart's top 9","tokens","14e12",
    "The chart is for the top 9 models only. Looking at the top 100 gives a larger US token share, 14T/w in the US vs 19T in China",
    "Same post: 'OpenRouter serves 36T/week, a bit over 0.5%' of world token supply. Week and date not shown.")
TC = "https://thakicloud.github.io/en/news/openrouter-china-model-share-vendor-neutral/"
add("thakicloud_2026_cn_share_precise","ThakiCloud (thakicloud.github.io)",TC,"","relay","unnamed analysts","","",
    "Chinese models' share of OpenRouter tokens, counting unidentified traffic separately","all tokens with an unidentified bucket","percent","46",
    "A more precise count that separates unidentified traffic puts Chinese models at about 46% and US models at about 36%",
    "Same page: 'The analyst whose work spread this data most widely counted US models at 72% dropping to 33%, with Chinese models at 47%.' Period 'mid-2026'; date not shown.")
add("iranwar_viral_chart_us_share","iranwar.info",
    "https://iranwar.info/news/u-s-ai-dominance-is-collapsing-openrouter-data-shows-chinese-models-eating-the-market","","relay","'a viral OpenRouter chart' (author not named)","","",
    "US models' share of OpenRouter usage (viral chart)","not stated","percent","33",
    "American models allegedly fell from roughly 72 percent of usage to around 33 percent in a year, while Chinese models surged toward 47 percent","Date not shown.")
add("aicrier_us_closed_share","AI Crier (aicrier.com)","https://aicrier.com/post/u763wr2ypvea81bq5cjx","2026-06-27","relay","bridgemindai (post author)","","",
    "US closed-source models' share of OpenRouter tokens","not stated","percent","33",
    "US token share for closed-source models collapsing from 73% to 33% in a single year","Gives 73% (not 72%) a year earlier.")
add("infomachine_bloomberg_us_share","The Information Machine (relaying Rohan Paul on X)","https://theinformationmachine.fyi/items/35145/","2026-06-27","relay","Bloomberg (via Rohan Paul, @rohanpaul_ai)","","",
    "US models' share of OpenRouter tokens","not stated","percent","30",
    "On OpenRouter, US model token share fell from around 70% to around 30% in a year.","")
add("thehype_2026_04_us_big3_share","The Hype (thehype.news)","https://thehype.news/china-is-eating-americas-ai-market/","","primary","","2026-04-01","2026-04-30",
    "Anthropic + Google + OpenAI share of OpenRouter tokens (provider-level market share)","OpenRouter 'market share' by model author","percent","46.6",
    "combined, the us big three hold 46.6%",
    "Anthropic 17.8%, Google 16.5%, OpenAI 12.3%; Chinese six (MiniMax, DeepSeek, Moonshot, Z-ai, Qwen, Xiaomi) 'combined: 37.1%'. Period 'by april 2026'; date not shown.")
add("techtimes_2026w09_cn_top10_share","Tech Times (techtimes.com)",
    "https://www.techtimes.com/articles/317352/20260529/chinese-ai-models-lead-openrouter-traffic-coding-gains-come-china-data-risk.htm","2026-05-29","primary","","","",
    "Chinese open-weight models' share of tokens among the top 10 models","top 10 models","percent","61",
    "Chinese-developed open-weight large language models held roughly 61 percent of token volume among OpenRouter's top 10 models in the week of February 24, 2026",
    "Week 'of February 24' (a Tuesday) as stated; same page: 'approximately 51 percent of all platform tokens' in April. Date from URL path.")
add("nestfrontier_2026w18_cn_change","Nest Frontier (nestfrontier.com)","https://nestfrontier.com/chinese-open-weight-models-are-eating-silicon-valleys-lunch","","primary","","2026-04-27","2026-05-03",
    "week-on-week change of Chinese models' tokens","not stated","percent","81.7",
    "During the week of April 27 to May 3, Chinese model usage surged 81.7% week-over-week while US model usage dropped 34.6%.",
    "US change -34.6%. This is the week the NBD-series streak appears to restart. Date not shown.")
add("ghodsi_2026_05_cn_share","In the World of AI (intheworldofai.com)","https://intheworldofai.com/p/china-hits-61-of-ai-usage-openai-files-1t-ipo-anthropic-projects-10-9b-quarter","","relay","Ali Ghodsi (Databricks CEO), citing OpenRouter data","","",
    "Chinese models' share of OpenRouter usage (top-10 models)","token consumption among the top-ten models","percent","61",
    "The 61% figure is token consumption among the top-ten models.",
    "Same page: 'Chinese AI models grew from roughly 1% of usage in 2024 to more than 60% by May 2026'. Date not shown.")
with open("/work/scratch/claims/claims.csv","w",newline="",encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=H, quoting=csv.QUOTE_MINIMAL)
    for r in R:
        q=r["quote"]
        if "**" in q or "\n" in q:
            r["quote"]=re.sub(r"\s+"," ",q.replace("**",""))
            r["note"]=("Quote: markdown emphasis and line breaks removed. "+r["note"]).strip()
    w.writeheader(); w.writerows(R)
ids=[r["claim_id"] for r in R]; assert len(ids)==len(set(ids))
print(len(R), "claims;", len({r['publisher'] for r in R}), "publishers")
