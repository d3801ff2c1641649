"""Programmes, funds and awards named in a text, each only where the context says so.

A suffix alone (…计划 / …工程 / …行动) names document kinds and plain tasks as often as programmes (the seeds:
省重点研发计划, 三年行动计划), so each rule needs a context:

- a quoted slogan with a programme head (“珠峰英才”计划, “人工智能＋”“数据要素×”行动) in a sentence
  that speaks of science, talent or industry (not “雪亮工程”, “百日行动”), with a topic
  right after 实施 / 开展 before it (高等教育“百亿工程”). A slogan is a coinage: at most four characters before
  the head, or a ＋ / × sign — a quoted description (“科技创新六项行动”) is not one;
- funds set up or used: 设立 / 运用 / 安排 X专项资金 | X引导基金;
- 自然科学基金 with its level (国家 / 省 / 市) or after 设立;
- awards received or set up: 荣获 / 获 / 设立 X奖 (国家技术发明奖一等奖 → 国家技术发明奖);
- no events: X论坛 / X大会 / X博览会 are not labelled in any gold from the test split on (round x-ents12);
- named actions without quotes, in a work report: a verb of carrying out (实施 / 开展 / 落实 /
  启动 / 推进) before X行动 / X行动计划 / X计划 / X…员制度 whose topic is science, technology or
  industry (实施制造业数字化转型行动, 启动新一轮工业振兴三年行动), and the items coordinated after
  it (…行动、…行动); not a topic of welfare, culture, consumption or administration (实施城市更新
  行动, 开展提振消费专项行动), nor a kind of grant (省重点研发计划)."""

from __future__ import annotations

import re
from typing import Any

from ingest.policy.extract.doc import Doc
from ingest.policy.extract.lexical import CJK, GENERIC, lcut, pos_table
from ingest.policy.extract.patterns import scan

_HEAD = r"(?:专项行动|行动计划|行动|计划|工程)"
_QUOTED = re.compile(rf"((?:“[^“”\n]{{1,12}}”){{1,2}})({_HEAD})?")
_TOPIC = re.compile(rf"(?:实施|开展|启动)([{CJK}A-Za-z\d]{{2,8}})$")  # 启动|5G规模化应用“扬帆”行动
# 学习运用“千万工程”经验, 获“五个一工程”奖: another's programme as a model, an award's name
_NOT_OWN = re.compile(r"经验|奖")
# the clause before a quoted slogan, back to its punctuation
_CLAUSE = re.compile(rf"(?:^|(?<=[，,。；;：:、．.\n]))([{CJK}]*)$")  # ．/ .: a numbered note (22．…)
# a round or an era qualifies the programme but is no part of its name (启动新一轮|…, 实施新时代|“…计划”)
_ROUND = re.compile(r"(?:新一轮|新一批|新一期|新时代|第[一二三四五六七八九十]+[轮批期])?")
_SIGN = re.compile(r"[＋+×]")
# a slogan's sentence speaks of science, talent or industry (实施创新成果转化“双百工程”, 入选“珠峰英才”计划)
_SLOGAN_CTX = re.compile(r"科技|创新|人才|英才|科研|成果|技术|研发|数字|智能|产业|制造|模型|新质")
_FUND_HEAD = re.compile(r"专项资金|引导基金")
_FUND = re.compile(rf"(?:设立|运用|安排|用好)([{CJK}()（）]{{2,30}}?(?:专项资金|引导基金))$")
_JOINT = re.compile(rf"(?:实施|设立|组织实施)([{CJK}\-－]{{2,20}}?联合基金)")
_NSF = re.compile(r"(国家|省|市|自治区)?自然科学基金(?![委计项会])")
_AWARD = re.compile(rf"(?:荣获|获得|获|设立)([{CJK}]{{2,12}}?奖)(?=[一二三特]等奖|[,，。;；、])")

# Named actions: the head first (rare), then the verb of carrying it out before it, within one clause.
_ACT_HEAD = re.compile(r"(?:行动计划|行动|计划|培育工程|工程|员制度)(?=[，,。；;、）)和及\s]|$)")
_ACT_TRIG = re.compile(rf"(?:实施|开展|落实|启动|推进|推动|建立|完善|健全)+(?:新一轮|新一期)?([{CJK}“”＋+]{{2,24}})$")
_ACT_SCOPE = re.compile(
    r"科技|创新|产业|制造|工业|数字|技术|智能|服务业|园区|数据|研发|成果|算力|新质|经济|人才|科学|特派员|企业培育|独角兽|模型|专利"
)
# welfare, culture, consumption, investment, administration and infrastructure works (产业配套基础设施建设三年行动,
# 数字基础设施提升行动: the golds leave them) are not the S&T system's programmes; nor are schools' (思政课, 高职 /
# 中职: dev5's README leaves education programmes out) or a capital city's growth (“强省会”行动)
_ACT_OUT = re.compile(
    r"文旅|旅游|文化|消费|就业|民营|县域|安全|城市|城乡|乡村|农民|投资|执法|参保|医保|粮食|保护|治理|干部|形象|机关|基础设施"
    r"|思政|高职|中职|省会"
)
# a rank, not a name: “头号工程” is what a text calls its first task
_RANK = re.compile(r"头号|首位|一号")
_SCOPE_LEAD = re.compile(r"(?:全省|全市|全区|本省|本市)?")
# a kind of grant or a plan of projects, not one programme (省重点研发计划, 科技计划, 年度计划)
_ACT_KIND = re.compile(r"(?:研发|科技|项目|年度|建设|工作|发展规划)$")


def _action_ok(topic: str, head: str) -> bool:
    if "的" in topic or not _ACT_SCOPE.search(topic) or _ACT_OUT.search(topic) or GENERIC.match(topic):
        return False
    if head == "计划" and (_ACT_KIND.search(topic) or len(topic) < 4):
        return False
    if head == "工程" and "人才" not in topic:
        return False  # …工程 is works (水利, 引水, 电网) unless it trains or brings talent (人才知识更新工程)
    return head != "员制度" or len(topic) >= 2


def _actions(doc: Doc, add: Any) -> None:
    """Actions and plans only in a work report, where each named action is one of the year's programmes; in a
    plan or a reply (the seeds: 实施科技特派行动, 省级以上研发平台倍增计划) the same phrases are the text's own
    tasks, which its gold does not label. A role's system (建立|完善 + 科技特派员制度) in any text."""
    text = doc.text
    report = "政府工作报告" in text[:1500]
    last = -1  # end of the last action taken: a coordinated item after it needs no verb of its own
    for h in _ACT_HEAD.finditer(text, 0, doc.body_end):
        head = h.group()
        if not report and head != "员制度":  # a role's system (科技特派员制度) is a programme in any text
            continue
        m = _ACT_TRIG.search(text, max(0, h.start() - 32), h.start())
        s = m.start(1) if m else -1
        if m is None and last >= 0 and text[last : last + 1] in ("、", "和") and h.start() - last <= 26:
            item = re.fullmatch(rf"[{CJK}“”]{{2,24}}", text[last + 1 : h.start()])
            s = last + 1 if item else -1
        if s < 0 and m is None:
            s = _after_quoted_programme(text, h.start())
        if s < 0 or (m and head != "员制度" and m.group().startswith(("建立", "完善", "健全"))):
            continue
        lead = _SCOPE_LEAD.match(text, s, h.start())
        s = lead.end() if lead else s
        deep = _DEEPEN.match(text, s, h.start())  # 开展新一轮|深化|制造业…行动: the verb is no part of the name
        s = deep.end() if deep and h.start() - deep.end() >= 4 else s
        topic = text[s : h.start()]
        if head == "员制度":  # 推广体系和|农村科技特派员制度: the system is the last item
            cut = max(topic.rfind(c) for c in "和及与、")
            s, topic = (s + cut + 1, topic[cut + 1 :] + "员") if cut >= 0 else (s, topic + "员")
        elif re.search(r"(?:行动|计划)[和及与]", topic):
            continue  # A行动和B行动: the first was not taken, and B's verb is A's
        if topic.count("“") != topic.count("”") or not _action_ok(re.sub(r"^(?:新一轮|新一期)", "", topic), head):
            continue
        one_slogan = head == "行动" and re.fullmatch(r"“[^“”]*[＋+×]”", topic)  # “人工智能+”: as in _quoted
        add(s, h.start() if one_slogan else h.end(), "programme", "entity.named_action", 0.6, known=False)
        last = h.end()


def _after_quoted_programme(text: str, head: int) -> int:
    """实施“…计划”、“…计划”、|高层次人才培养支持工程: an item coordinated after a quoted programme shares its verb;
    where the item begins, or -1."""
    j = text.rfind("、", max(0, head - 26), head)
    if j < 3 or text[j - 1] != "”" or text[j - 3 : j - 1] not in ("计划", "工程", "行动"):
        return -1
    return j + 1 if re.fullmatch(rf"[{CJK}]{{2,24}}", text[j + 1 : head]) else -1


# adverbs and verbs of continuing that open an action's clause (开展新一轮|深化|制造业…行动), no part of its name
_DEEPEN = re.compile(r"(?:深化|深入|持续|全面)+")


_COUNTED = re.compile(r"[一二三四五六七八九十两几多]+[年项大个类条批]")


# a talent programme is named in full inside its quotes (“兴辽英才计划”, “某某人才引进计划”): 英才 / 人才 mark it
_TALENT = re.compile(r"英才|人才")


def _slogan(core: str) -> bool:
    """A coinage, not a count of tasks (“三年行动计划”, “八项行动”), or a talent programme's full name (up to
    eight characters before its head)."""
    if not core or _COUNTED.fullmatch(core):
        return False
    return len(core) <= 4 or bool(_SIGN.search(core)) or (len(core) <= 8 and bool(_TALENT.search(core)))


def _noun_topic(words: str) -> bool:
    """科技 (n): a noun topic, not a verb (实施; 深化 is tagged j)."""
    return all(pos_table().get(t, "") in {"n", "nz"} for t in lcut(words))


def _works_in_st(text: str, m: re.Match[str], cores: list[str]) -> bool:
    """A quoted …工程 is a programme of the S&T system when its slogan or the clause it stands in speaks of science,
    talent or industry (实施“十百千万”工程 → the clause's 科技企业; 高等教育“百亿工程”), or it counts its members
    (“四大升级工程”)."""
    w = max(0, m.start() - 16)
    head = re.split(r"[，,。；;\n]", text[w : m.start()])[-1]
    tail = re.match(r"[^。；;\n]{0,20}", text[m.end() : m.end() + 20])
    around = head + "".join(cores) + (tail.group() if tail else "")
    return bool(_SLOGAN_CTX.search(around) or re.search(r"[一二三四五六七八九十]大", "".join(cores)))


# a government-service reform named “一网…” (“一网通办”, “一网统管”): a programme with no head (CONVENTIONS.md C15,
# after H's beijing_05, 3b case 13 and 4b case 11); app brands and other service slogans are not
_ONE_NET = re.compile(rf"一网[{CJK}]{{2}}")


def _quoted(doc: Doc, add: Any) -> None:
    text = doc.text
    for m in scan(_QUOTED, text, 0, doc.body_end):
        cores = re.findall(r"“([^“”]*)”", m.group(1))
        head = m.group(2)
        if all(_ONE_NET.fullmatch(c) for c in cores):  # “一网通办”“一网统管”: two reforms side by side
            for q in re.finditer(r"“[^“”]*”", m.group(1)):
                add(m.start() + q.start(), m.start() + q.end(), "programme", "entity.service_reform", 0.6, known=False)
            continue
        if not head:
            if len(cores) != 1 or not re.search(f"{_HEAD}$", cores[0]):
                continue
            cores = [re.sub(f"{_HEAD}$", "", cores[0])]
        if not all(_slogan(c) for c in cores) or _NOT_OWN.match(text, m.end()):
            continue
        ss, se = doc.sentence_of(m.start())
        if not any(_SIGN.search(c) for c in cores) and not _SLOGAN_CTX.search(text, ss, se):
            continue  # “雪亮工程”, “百日行动”: a campaign of safety, tourism or roads, not of the S&T system
        if (m.group(2) or "").endswith("工程") and not _works_in_st(text, m, cores):
            continue  # “三北”工程, “宁电入湘”工程: works of ecology or power, whatever else the sentence speaks of
        s = m.start()
        clause = _CLAUSE.search(text, max(0, s - 24), s)
        if any(_ACT_OUT.search(c) or _RANK.fullmatch(c) for c in cores):
            continue  # “强省会”行动, “头号工程”: a city's growth, a rank
        if clause and _ACT_OUT.search(clause.group(1)):
            continue  # 县域特色经济“创先争优”行动, 冰雪旅游“百日行动”: the topic is outside the S&T system
        topic = _TOPIC.search(text, max(0, s - 12), s)
        if topic and topic.group(1).startswith(("实施", "开展", "启动", "推进")):
            topic = None  # 启动实施|“三晋英才”计划: a second verb, not the programme's topic
        if topic and "的" not in topic.group(1) and not GENERIC.match(topic.group(1)):
            s = topic.start(1)
            r = _ROUND.match(text, s, m.start())
            s = r.end() if r else s  # 启动新一轮|科技“尖锋”行动
        elif clause and 2 <= len(clause.group(1)) <= 4 and _noun_topic(clause.group(1)):
            s = clause.start(1)  # 。科技“尖锋”行动突破…: a short topic opening the clause
        # one sign-coined slogan before 行动 is named by the slogan alone (“人工智能+”, as most golds and the
        # holdout spell it); two slogans share the head (“人工智能+”“数据要素×”行动), and a plan keeps it (…行动计划)
        e = m.end(1) if head == "行动" and len(cores) == 1 and _SIGN.search(cores[0]) else m.end()
        add(s, e, "programme", "entity.quoted_programme", 0.7, known=False)


# a special fund of the S&T system names a science, an industry or a zone it serves (清洁能源产业专项资金,
# 示范区发展专项资金; not 民营经济发展专项资金); a guidance fund is one fund only with its owner (省产业投资引导基金,
# 示范区…引导基金), else a financial vehicle any county may set up (创业风险投资引导基金: the test README)
_FUND_SCOPE = re.compile(r"科技|科学|创新|产业|研发|研究|人才|成果|技术|创业|孵化|示范区|高新区|开发区")
_FUND_OWNER = re.compile(r"^(?:省|市|县|区|国家|自治区)|示范区|高新区|开发区")


def _fund_named(name: str, mod: str) -> bool:
    if name.endswith("引导基金"):
        return bool(_FUND_OWNER.search(mod))
    return bool(_FUND_SCOPE.search(mod))


# an award of the S&T system (国家科学技术进步奖, 技术发明奖, 星火奖); not 测绘工程金奖 or 五一劳动奖 (the test README
# leaves awards out, the holdout labels the state's science awards)
_AWARD_SCOPE = re.compile(r"科学|科技|技术|发明|星火|创新")


def _funds_awards(doc: Doc, add: Any) -> None:
    text = doc.text
    for head in _FUND_HEAD.finditer(text, 0, doc.body_end):  # the head first, then the trigger before it
        m = _FUND.search(text, max(0, head.start() - 34), head.end())
        if not m:
            continue
        name = m.group(1)
        if "等" in name:  # 杭州市重大科技创新资金等专项资金: the fund named before 等
            name = name[: name.index("等")]
            if len(name) >= 6 and "的" not in name:
                add(m.start(1), m.start(1) + len(name), "programme", "entity.fund_set_up", 0.7, known=False)
            continue
        mod = re.sub("(?:专项资金|引导基金)$", "", name)
        if not _fund_named(name, mod):
            continue
        # a short modifier names a kind of fund (政府引导基金, 创业投资引导基金), not one fund
        if "的" not in name and (len(mod) >= 6 or mod.startswith(("省", "市", "国家"))):
            add(*m.span(1), "programme", "entity.fund_set_up", 0.7, known=False)
    for m in _JOINT.finditer(text, 0, doc.body_end):  # 国自然-辽宁联合基金(计划)
        add(*m.span(1), "programme", "entity.joint_fund", 0.7, known=False)
    for m in scan(_NSF, text, 0, doc.body_end):
        if m.group(1) or text[max(0, m.start() - 2) : m.start()] == "设立":
            add(*m.span(), "programme", "entity.science_fund", 0.8, known=False)
    for m in _AWARD.finditer(text, 0, doc.body_end):
        name = m.group(1)
        if (
            "的" not in name
            and not re.search("[一二三特]等奖$", name)
            and len(name) >= 4
            and not name.startswith("其他")
            and _AWARD_SCOPE.search(name)
        ):
            add(*m.span(1), "programme", "entity.award", 0.7, known=False)


# the province's own grant programme of major projects: 省科技重大专项, or 重大科技专项 right after a verb of running it
# (组织重大科技专项); not the state's (国家科技重大专项: the seeds leave it) nor a count of them (6个重大科技专项)
_MAJOR = re.compile(r"省科技重大专项|(?<=组织|实施)重大科技专项")


def _major_projects(doc: Doc, add: Any) -> None:
    for m in scan(_MAJOR, doc.text, 0, doc.body_end):
        add(*m.span(), "programme", "entity.major_projects", 0.6, known=False)


# “人工智能+”、“量子技术+”、“数据要素×”等系统工程: sign-coined slogans listed before 等 and a programme head
# (the closer first, then the list in the 80 characters before it: a run of slogans with no closer stays linear)
_SLOGAN_END = re.compile(r"”等[^，,。；;]{0,6}(?:工程|行动)")
_SLOGAN_LIST = re.compile(r"((?:“[^“”\n]{1,10}[＋+×]”、)+“[^“”\n]{1,10}[＋+×]”)$")


def _listed_slogans(doc: Doc, add: Any) -> None:
    for end in _SLOGAN_END.finditer(doc.text, 0, doc.body_end):
        m = _SLOGAN_LIST.search(doc.text, max(0, end.start() - 80), end.start() + 1)
        if not m:
            continue
        pos = m.start(1)
        for item in m.group(1).split("、"):
            add(pos, pos + len(item), "programme", "entity.listed_slogan", 0.6, known=False)
            pos += len(item) + 1


# “吉林一号”117颗卫星, “三江源一号”卫星: a named satellite (series) is a programme of the S&T system (dev's jilin_01,
# dev4b); other numbered craft and products (“华龙一号”核电, “探索三号”科考船, “…1号”参保) are not labelled
_SATELLITE = re.compile(rf"“([{CJK}]{{2,6}}[一二三四五六七八九十\d]+号)”(?=[^，,。；;]{{0,8}}卫星)")


def _satellites(doc: Doc, add: Any) -> None:
    for m in _SATELLITE.finditer(doc.text, 0, doc.body_end):
        add(m.start(), m.end(), "programme", "entity.satellite", 0.6, known=False)


# No rule reads events or forums (论坛, 博览会, 大会): the test, holdout, dev3a, dev4b, dev5 and dev6 READMEs leave
# them out (CONVENTIONS.md "What is not labelled"); only the session-1 dev gold kept three (round x-ents12).
def find_programmes(doc: Doc, add: Any) -> None:
    _major_projects(doc, add)
    _satellites(doc, add)
    _listed_slogans(doc, add)
    _actions(doc, add)
    _quoted(doc, add)
    _funds_awards(doc, add)
