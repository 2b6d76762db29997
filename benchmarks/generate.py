"""A corpus of invented articles of the genre, for the benchmarks: as many as asked, always the same.

    python -m benchmarks.generate 1000 benchmarks/work/corpus-1k      # 1,000 .txt files
    >>> from benchmarks.generate import article
    >>> article(7).startswith("<!-- Generated for the kg benchmarks")
    True

Each article is put together from templates of the structures the genre is made of — a party
secretary leads a delegation to another region (区委书记X率队赴Y考察), the delegation visits a list
of sites (X一行先后来到A、B、C参观考察), bodies sign agreements (A与B签订战略合作协议), two leaders
unveil a centre together (甲和乙共同为“…”揭牌), a host meets a company's chairman (会见了…一行), and
officials attend (出席/参加) — with the regions drawn from the gazetteer, and people, companies and
dates invented from a seeded random generator. Article ``i`` depends only on ``i`` and the seed, so
the first 1,000 articles of a 10,000-article corpus are the 1,000-article corpus. Lengths vary
(roughly 450 to 1,300 characters) with the number of sections and of plain background sentences.

Every file starts with an HTML comment saying it was generated for the benchmarks (kg's reader
drops comments, so it is not part of the text). The names are invented: any likeness to a real
person or company is chance.
"""

from __future__ import annotations

import argparse
import functools
import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SEED", "article", "generate"]

SEED = 20240601
HEADER = ("<!-- Generated for the kg benchmarks by benchmarks/generate.py (seed {seed}, article {i}): "
          "invented people, companies and events; real region names. -->")

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = ("建国 志强 晓东 海峰 文华 明辉 立新 振宇 春生 国平 红梅 丽娟 雪松 宏伟 永康 俊杰 德胜 光明 "
          "秀英 玉兰 卫东 树林 云飞 承志 思远 嘉怡 子涵 浩然 一鸣 若川 清源 晨阳 向荣 鹏程 "
          "晓燕 丹阳 学军 爱民 家豪 天佑 海涛 文静 冬梅 长青 宏达 景行 维新 博文 致远 敏").split()
_WORDS = ("华信 恒泰 瑞丰 鼎盛 中科 蓝海 星河 金桥 远航 汇通 博睿 天成 优途 青禾 凯晟 宏图 "
          "新源 智联 润达 启明 融创 安和 联众 卓越 海纳 景泰 正元 宇恒 嘉禾 同创").split()
_INDUSTRIES = ("智能科技 新材料 生物医药 电子信息 新能源 数字科技 精密机械 现代农业 文化旅游 "
               "供应链管理 半导体 环保科技 物联网技术 健康产业 航空装备").split()
_COMPANY_ENDS = ["有限公司", "股份有限公司", "集团有限公司"]
_FIELDS = ("产业协作 科技创新 文化旅游 医疗卫生 教育合作 乡村振兴 劳务协作 消费帮扶 人才交流 "
           "数字经济 现代农业 招商引资 港口物流 生态保护").split()
_TOPICS = ["东西部协作工作", "对口合作工作", "产业合作", "招商引资工作", "科技创新合作", "区域协同发展",
           "对口支援工作", "乡村振兴协作"]
_SITES = ("产业园 科技园 创新中心 孵化基地 展示中心 物流园 示范区 智慧园区 人才驿站 产业基地").split()
_AGREEMENTS = ["战略合作协议", "战略合作框架协议", "产业合作协议", "人才交流合作协议", "结对帮扶协议",
               "科技合作备忘录", "文旅合作协议", "劳务协作协议"]
_CENTRES = ["协作中心", "人才驿站", "创新中心", "科创飞地", "产业合作示范基地", "联合实验室", "招商服务中心"]
_BACKGROUND = [
    "近年来，两地在{field}等领域的合作不断深化，一批合作项目落地见效。",
    "据介绍，今年以来两地共实施合作项目{n}个，带动就业{m}余人。",
    "双方表示，将进一步完善合作机制，推动合作向更宽领域、更深层次拓展。",
    "座谈会上，双方围绕{field}、{field2}等话题进行了深入交流。",
    "该园区规划面积{x}平方公里，目前已入驻企业{n}家。",
    "两地山海相连、情谊深厚，发展资源和产业结构互补性强。",
    "考察期间，代表团详细了解了当地{field}和营商环境建设情况。",
    "与会嘉宾立足各自领域，为促进两地合作、实现共赢发展献智献策。",
    "活动现场还有{n}个项目集中签约，总投资{x}亿元。",
    "下一步，双方将加强人员往来，常来常往、互学互鉴，共同开创合作新局面。",
    "当地负责人介绍了{field}发展规划和重点项目推进情况。",
    "代表团一行还实地察看了标准厂房、企业生产线和园区配套设施建设情况，并与入驻企业负责人交流。",
    "据了解，双方此前已建立定期会商机制，累计互派挂职干部和专业技术人才{n}名。",
    "此次考察是两地建立合作关系以来规模最大的一次，代表团成员涵盖发展改革、商务、科技、人社等部门。",
    "该企业成立于{year}年，主要从事{field}相关产品的研发、生产和销售，年产值超过{x}亿元。",
    "双方商定，将在{field}、{field2}和人才培养等方面建立常态化对接机制，定期召开联席会议。",
    "会议强调，要聚焦重点领域，推动合作项目早签约、早落地、早见效。",
    "在交流中，双方就共建产业园区、联合招商和市场开拓等事项达成多项共识。",
    "大家一致认为，此次考察交流务实高效，为下一步深化合作打下了坚实基础。",
]


@dataclass(frozen=True)
class _Place:
    province: str     # 江苏省
    city: str         # 无锡市
    county: str       # 锡山区 (a county-level division of the city)
    city_short: str   # 无锡
    county_short: str  # 锡山

    @property
    def unit(self) -> str:
        """区 or 县: how the county-level division calls itself (区领导, 县委书记)."""
        return self.county[-1]


@functools.cache
def _places() -> tuple[_Place, ...]:
    """(province, prefecture-level city, county-level division) triples from kg's gazetteer."""
    from kg.gazetteer import gazetteer

    gaz = gazetteer()
    codes = sorted({c for cs in gaz.surfaces().values() for c in cs})
    regions = [gaz.by_code(c) for c in codes]
    out = []
    for r in regions:
        if r.level != "county" or r.kind != "division" or not r.name.endswith(("区", "县")):
            continue
        chain = gaz.chain(r.code)
        if len(chain) != 3 or not chain[1].name.endswith("市") or len(chain[1].name) < 3:
            continue
        out.append(_Place(chain[2].name, chain[1].name, r.name, chain[1].short or chain[1].name,
                          r.short or r.name))
    if not out:
        raise RuntimeError("the gazetteer gave no county-level divisions; is kg installed?")
    return tuple(out)


class _Writer:
    """One article's random choices, with the names it has already used kept distinct."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.pool = rng.sample(_BACKGROUND, len(_BACKGROUND))  # background sentences, each used once

    def pick(self, seq):
        return self.rng.choice(seq)

    def person(self) -> str:
        while True:
            name = self.pick(_SURNAMES) + self.pick(_GIVEN)
            if name not in self.used:
                self.used.add(name)
                return name

    def company(self, place: _Place) -> str:
        return f"{place.city_short}{self.pick(_WORDS)}{self.pick(_INDUSTRIES)}{self.pick(_COMPANY_ENDS)}"

    def site(self, place: _Place) -> str:
        return f"{place.county_short}{self.pick(_WORDS)}{self.pick(_SITES)}"

    def background(self, k: int) -> str:
        out = []
        for tpl in [self.pool.pop() for _ in range(min(k, len(self.pool)))]:
            f1, f2 = self.rng.sample(_FIELDS, 2)
            out.append(tpl.format(field=f1, field2=f2, n=self.rng.randint(3, 60), m=self.rng.randint(200, 9000),
                                  x=round(self.rng.uniform(1.2, 80.0), 1),
                                  year=self.rng.randint(1995, 2016)))
        return "".join(out)


def article(i: int, seed: int = SEED) -> str:
    """The text of article ``i`` (with its header comment)."""
    rng = random.Random(seed * 1_000_003 + i)
    w = _Writer(rng)
    places = _places()
    home, host = rng.sample(places, 2)
    while host.city == home.city:
        host = rng.choice(places)
    year, month = rng.randint(2018, 2024), rng.randint(1, 12)
    day = rng.randint(1, 26)
    days = f"{month}月{day}日至{day + 1}日" if rng.random() < 0.6 else f"{month}月{day}日"
    topic, field = w.pick(_TOPICS), w.pick(_FIELDS)
    leader, host_sec, host_mayor = w.person(), w.person(), w.person()
    deputies = [w.person() for _ in range(rng.randint(1, 3))]
    home_org = home.county + "人民政府"
    firms = [w.company(host) for _ in range(rng.randint(2, 4))]
    sites = [w.site(host) for _ in range(rng.randint(1, 3))]
    visited = rng.sample(firms + sites, min(len(firms + sites), rng.randint(2, 4)))

    title = rng.choice([
        f"{home.county_short}党政代表团赴{host.city_short}考察{topic}",
        f"{leader}率队赴{host.city_short}开展{topic}交流活动",
        f"{home.city_short}{home.county_short}与{host.city_short}深化{field}合作",
    ])
    paras = [title, f"（{w.pick(['本报记者', '通讯员', '记者'])} {w.person()}）" if rng.random() < 0.5 else ""]
    paras.append(
        f"{year}年{days}，{home.province}{home.city}{home.county}{home.unit}委书记{leader}率队赴{host.province}{host.city}"
        f"考察{topic}。{host.city_short}市委书记{host_sec}，市委副书记、市长{host_mayor}陪同考察。"
        f"{home.county_short}{home.unit}领导{'、'.join(deputies)}参加活动。" + w.background(rng.randint(0, 2)))
    paras.append(
        f"{leader}一行先后来到{'、'.join(visited[:-1])}和{visited[-1]}参观考察，详细了解企业发展、园区建设和"
        f"{field}等情况。" + w.background(rng.randint(1, 3)))
    if rng.random() < 0.7:
        boss = w.person()
        firm = rng.choice(firms)
        paras.append(f"在{host.city_short}期间，{leader}还会见了{firm}董事长{boss}一行。双方就项目合作进行了深入洽谈。"
                     + w.background(rng.randint(0, 2)))
    signings = []
    for _ in range(rng.randint(1, 3)):
        a = rng.choice([home_org, f"{home.county}经济技术开发区", w.company(home)])
        b = rng.choice([host.city + "人民政府", host.county + "人民政府", rng.choice(firms)])
        signings.append(f"{a}与{b}签订{w.pick(_AGREEMENTS)}" if rng.random() < 0.6
                        else f"{a}与{b}签署《{field}{w.pick(_AGREEMENTS)}》")
    paras.append(f"{rng.choice(['会上', '活动现场', '座谈会上'])}，" + "，".join(signings) + "。"
                 + w.background(rng.randint(0, 2)))
    if rng.random() < 0.6:
        centre = f"{home.county_short}（{host.city_short}）{w.pick(_CENTRES)}"
        paras.append(f"{leader}和{host_sec}共同为“{centre}”揭牌。" + w.background(rng.randint(0, 1)))
    if rng.random() < 0.6:
        guests = [w.person() for _ in range(rng.randint(1, 3))]
        paras.append(f"{host.city_short}市领导{'、'.join(guests)}{rng.choice(['出席活动', '出席座谈会', '参加有关活动'])}。")
    paras.append(w.background(rng.randint(1, 3)))
    body = "\n".join(p for p in paras if p)
    return HEADER.format(seed=seed, i=i) + "\n" + body + "\n"


def generate(n: int, out: Path, seed: int = SEED) -> list[Path]:
    """Write articles ``0 … n-1`` as ``out/article-00000.txt`` …; files already there are rewritten
    only if their text differs. Returns the paths, in order."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = out / f"article-{i:05d}.txt"
        text = article(i, seed)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    paths = generate(args.n, args.out, args.seed)
    print(f"wrote {len(paths)} articles to {args.out}")


if __name__ == "__main__":
    main()
