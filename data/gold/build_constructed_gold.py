"""Builds the gold of constructed texts c04–c08 (hand-written facts below; spans located in the text).

The facts were written from reading the texts, before the extractor was run on them. Run:
    .venv/bin/python data/gold/build_constructed_gold.py   (rewrites those entries of constructed_gold.json)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "testdocs"


def span(text: str, quote: str) -> list[int]:
    i = text.find(quote)
    if i < 0:
        raise ValueError(f"not in text: {quote}")
    return [i, i + len(quote)]


def doc(doc_id: str, **facts: Any) -> dict[str, Any]:
    text = (DOCS / f"{doc_id}.txt").read_text(encoding="utf-8")
    out: dict[str, Any] = {"doc_id": doc_id, "constructed": True, "file": f"testdocs/{doc_id}.txt"}
    out["title"] = facts["title"]
    out["title_span"] = span(text, facts["title"])
    out["doc_number"] = facts["doc_number"]
    out["issuing_agencies"] = [{"surface": a, "surface_span": span(text, a)} for a in facts["issuing"]]
    out["dates"] = [{"surface": d, "surface_span": span(text, d)} for d in facts["dates"]]
    out["agencies_mentioned"] = [{"surface": a, "surface_span": span(text, a)} for a in facts["agencies"]]
    out["cited_documents"] = [{"title": c, "title_span": span(text, c)} for c in facts.get("cited", [])]
    out["platform_types_mentioned"] = [{"type": t, "level": lv} for t, lv in facts["types"]]
    out["transitions"] = [
        {"kind": k, "from_type": f, "to_type": t, "quote": q, "quote_span": span(text, q)}
        for k, f, t, q in facts.get("transitions", [])
    ]
    out["targets"] = [
        {"count": c, "count_max": cm, "type": t, "year": y, "kind": k} for c, cm, t, y, k in facts.get("targets", [])
    ]
    out["named_entities"] = [
        {"surface": s, "kind": k, "surface_span": span(text, s)} | ({"note": n} if n else {})
        for s, k, n in facts.get("named", [])
    ]
    out["industries"] = [{"surface": s, "surface_span": span(text, s)} for s in facts.get("industries", [])]
    return out


NEW = [
    doc(
        "c04_shandong_measures",
        title="山东省科学技术厅关于印发《山东省新型研发机构管理暂行办法》的通知",
        doc_number="鲁科字〔2024〕58号",
        issuing=["山东省科学技术厅"],
        dates=["2024年4月12日", "2024年5月1日"],
        agencies=["山东省科学技术厅", "科技局", "省科技厅"],
        cited=["山东省科技创新促进条例"],
        types=[("新型研发机构", "省级"), ("产业技术研究院", "省级"), ("高新区", None)],
        transitions=[
            (
                "convert",
                ["产业技术研究院"],
                "新型研发机构",
                "原省级产业技术研究院经评估合格的，纳入省级新型研发机构管理",
            ),
            ("revoke", ["新型研发机构"], None, "连续两次绩效评价不合格的新型研发机构，予以撤销备案"),
        ],
        targets=[(300, 350, "新型研发机构", 2026, "total"), (50, None, "新型研发机构", 2026, "total")],
        named=[
            ("济南先进动力研究院", "platform", None),
            ("青岛海洋科技中心", "platform", None),
            ("潍柴动力股份有限公司", "company", None),
            ("浪潮集团有限公司", "company", None),
            ("山东大学", "university", None),
            ("中国海洋大学", "university", None),
            ("烟台", "zone", "coordinated: 烟台、威海高新区 (烟台高新区)"),
            ("威海高新区", "zone", None),
        ],
        industries=["新一代信息技术", "高端化工", "现代海洋", "医养健康"],
    ),
    doc(
        "c05_henan_list",
        title="河南省科学技术厅关于公布2023年度河南省重点实验室名单的通知",
        doc_number="豫科〔2023〕112号",
        issuing=["河南省科学技术厅"],
        dates=["2023年12月8日"],
        agencies=["河南省科学技术厅", "科技局"],
        cited=["河南省重点实验室建设与运行管理办法"],
        types=[("重点实验室", "省级"), ("省实验室", "省级"), ("高新区", None)],
        transitions=[("revoke", ["重点实验室"], None, "重点实验室每三年评估一次，评估不合格的予以摘牌")],
        targets=[(5, None, "重点实验室", 2023, "increment"), (263, None, "重点实验室", 2023, "stat_total")],
        named=[
            ("河南省作物分子育种重点实验室", "platform", None),
            ("河南省超硬材料精密加工重点实验室", "platform", None),
            ("河南省智慧黄河水利重点实验室", "platform", None),
            ("河南省动力电池安全重点实验室", "platform", None),
            ("河南省智能农机装备重点实验室", "platform", None),
            ("河南农业大学", "university", None),
            ("郑州磨料磨具磨削研究所有限公司", "company", None),
            ("黄河水利科学研究院", "institution", None),
            ("宇通客车股份有限公司", "company", None),
            ("中国一拖集团有限公司", "company", None),
            ("嵩山实验室", "platform", None),
            ("神农种业实验室", "platform", None),
            ("郑州", "zone", "coordinated: 郑州、洛阳、新乡高新区"),
            ("洛阳", "zone", "coordinated: 郑州、洛阳、新乡高新区"),
            ("新乡高新区", "zone", None),
            ("济源示范区", "zone", None),
            ("航空港区", "zone", None),
        ],
        industries=["粮食安全", "超硬材料", "新能源汽车", "智能农机"],
    ),
    doc(
        "c06_guangdong_plan",
        title="广东省人民政府关于印发广东省科技创新“十四五”规划的通知",
        doc_number="粤府〔2021〕73号",
        issuing=["广东省人民政府"],
        dates=["2021年10月9日"],
        agencies=["广东省人民政府", "人民政府", "省科技厅"],  # 省政府各部门: unmarked, as in the seed gold
        cited=[],
        types=[
            ("重点实验室", "国家级"),
            ("重点实验室", "省级"),
            ("新型研发机构", "省级"),
            ("科技企业孵化器", "国家级"),
            ("省实验室", "省级"),
            ("企业重点实验室", None),
            ("粤港澳联合实验室", "省级"),
            ("技术创新中心", "省级"),
            ("工程技术研究中心", "省级"),
            ("自主创新示范区", "国家级"),
            ("高新区", None),
        ],
        transitions=[
            (
                "convert",
                ["工程技术研究中心"],
                "技术创新中心",
                "现有省级工程技术研究中心符合条件的，转建为省技术创新中心",
            ),
        ],
        targets=[
            (6, None, "重点实验室", 2020, "stat_increment"),
            (430, None, "重点实验室", 2020, "stat_total"),
            (280, None, "新型研发机构", 2025, "total"),
            (200, None, "科技企业孵化器", 2025, "total"),
        ],
        named=[
            ("鹏城实验室", "platform", None),
            ("广州实验室", "platform", None),
            ("粤港澳大湾区国家技术创新中心", "platform", None),
            ("松山湖材料实验室", "platform", None),
            ("季华实验室", "platform", None),
            ("深圳湾实验室", "platform", None),
            ("广州再生医学与健康广东省实验室", "platform", None),
            ("华为技术有限公司", "company", None),
            ("比亚迪股份有限公司", "company", None),
            ("广汽集团", "company", None),
            ("珠海", "zone", "coordinated: 珠海、佛山高新区"),
            ("佛山高新区", "zone", None),
            ("广深港澳科技创新走廊", "zone", None),
        ],
        industries=[
            "新一代电子信息",
            "绿色石化",
            "智能家电",
            "先进材料",
            "现代轻工纺织",
            "战略性支柱产业集群",
            "半导体与集成电路",
            "高端装备制造",
            "智能机器人",
            "区块链与量子信息",
            "战略性新兴产业集群",
        ],
    ),
    doc(
        "c07_jilin_reply",
        title="关于省十四届人大二次会议第0345号建议的答复",
        doc_number="吉科函〔2024〕29号",
        issuing=["吉林省科学技术厅"],
        dates=["2024年6月20日"],
        agencies=["吉林省科学技术厅", "省十四届人大"],
        cited=[],
        types=[
            ("工程研究中心", "省级"),
            ("重点实验室", "省级"),
            ("技术创新中心", "国家级"),
            ("高新区", None),
        ],
        transitions=[
            ("restructure", ["重点实验室"], None, "对现有省级重点实验室进行优化重组"),
            (
                "promote",
                ["技术创新中心"],
                "技术创新中心",
                "推荐长春汽车技术创新中心申报国家技术创新中心",
            ),
        ],
        targets=[(89, None, "工程研究中心", 2024, "stat_total"), (150, 180, "重点实验室", 2025, "total")],
        named=[
            ("长春新区", "zone", None),
            ("长春光学精密机械与物理研究所", "institution", None),
            ("吉林大学", "university", None),
            ("一汽解放集团股份有限公司", "company", None),
            ("长光卫星遥感", "platform", None),
            ("中车长春轨道客车股份有限公司", "company", None),
            ("国家轨道客车系统集成工程技术研究中心", "platform", None),
            ("长春", "zone", "coordinated: 长春、吉林高新区"),
            ("吉林高新区", "zone", None),
            ("中国科学院长春应用化学研究所", "institution", None),
            ("吉林化纤集团", "company", None),
            ("碳纤维产业技术研究院", "platform", None),
            ("长春汽车技术创新中心", "platform", None),
            ("王建国", "person", None),
        ],
        industries=["汽车", "光电信息", "生物医药", "现代农业", "碳纤维产业集群"],
    ),
    # c08 was written and scored once AFTER the extractor work on c04–c07 (a held-out check, not tuned on).
    doc(
        "c08_anhui_guideline",
        title="安徽省科学技术厅关于印发《安徽省技术创新中心建设工作指引》的通知",
        doc_number="皖科基〔2025〕14号",
        issuing=["安徽省科学技术厅"],
        dates=["2025年2月18日"],
        agencies=["安徽省科学技术厅", "科技局"],
        cited=["安徽省“十四五”科技创新规划"],
        types=[
            ("技术创新中心", "省级"),
            ("技术创新中心", "国家级"),
            ("高新区", None),
            ("中试基地", None),
            ("工程技术研究中心", "省级"),
        ],
        transitions=[
            (
                "convert",
                ["工程技术研究中心"],
                "技术创新中心",
                "现有省级工程技术研究中心经评估合格的，整体转建为省技术创新中心",
            ),
            ("revoke", ["工程技术研究中心"], None, "评估不合格的，取消其认定"),
        ],
        targets=[(120, 150, "技术创新中心", 2027, "total"), (2, None, "技术创新中心", 2027, "increment")],
        named=[
            ("合肥综合性国家科学中心", "platform", None),
            ("中国科学技术大学", "university", None),
            ("合肥工业大学", "university", None),
            ("奇瑞汽车股份有限公司", "company", None),
            ("科大讯飞股份有限公司", "company", None),
            ("芜湖", "zone", "coordinated: 芜湖、蚌埠高新区"),
            ("蚌埠高新区", "zone", None),
        ],
        industries=["新能源汽车", "智能语音", "量子信息", "新型显示"],
    ),
]


def main() -> None:
    path = HERE / "constructed_gold.json"
    gold = json.loads(path.read_text(encoding="utf-8"))
    ids = {d["doc_id"] for d in NEW}
    gold["documents"] = [d for d in gold["documents"] if d["doc_id"] not in ids] + NEW
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
