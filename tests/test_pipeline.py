"""Unit tests per extraction step, on small texts written for these tests (invented names)."""

from conftest import entities, relations, run

from kg.pipeline.mentions.persons import read_name
from kg.pipeline.normalize import normalize


def test_normalize_keeps_length_and_folds_script():
    text = "寧波市與遵義市簽訂協議，（試點）"
    out = normalize(text)
    assert len(out) == len(text)
    assert out == "宁波市与遵义市签订协议,(试点)"
    assert normalize("贛州‧廈門、阿依・買買提") == "赣州·厦门、阿依·买买提"  # one middle dot


def test_read_name_two_or_three_characters():
    assert read_name("黄立新表示", 0, 5) == "黄立新"
    assert read_name("高远带队前往", 0, 6) == "高远"
    assert read_name("邱敏一行", 0, 4) == "邱敏"
    assert read_name("欧阳明辉说", 0, 5) == "欧阳明辉"
    assert read_name("今天上午", 0, 4) is None


def test_titles_lists_and_posts():
    doc = run("宁波市北仑区代表团赴遵义考察\n"
              "区委书记高远带队,区领导孙立、蒋南和邹伟参加活动。"
              "遵义恒川电子科技有限公司董事长黄立新介绍了企业情况。")
    assert {"高远", "孙立", "蒋南", "邹伟", "黄立新"} <= entities(doc, "Person")
    rel = relations(doc)
    assert ("黄立新", "holdsPostAt", "遵义恒川电子科技有限公司") in rel
    assert ("高远", "holdsPostAt", "北仑区委") in rel
    assert ("孙立", "attended", "<event>") in rel


def test_bare_government_title_and_former_post_give_no_post():
    doc = run("市长陈晓东会见了贵州云岭数据有限公司原董事长吴启明。")
    rel = relations(doc)
    assert not any(p == "holdsPostAt" for _, p, _ in rel)
    assert ("陈晓东", "metWith", "吴启明") in rel


def test_signing_pairs_and_agreement():
    doc = run("青岛市黄岛区人民政府与陇南市武都区人民政府签订对口协作框架协议。"
              "黄岛经济技术开发区与甘肃金徽云谷数据科技有限公司签署战略合作协议。")
    rel = relations(doc)
    assert ("黄岛区人民政府", "signedWith", "武都区人民政府") in {
        (a.replace("青岛市", ""), p, b.replace("陇南市", "")) for a, p, b in rel}
    assert any(p == "signedWith" and "金徽云谷" in b for _, p, b in rel)
    agreements = {e.agreement for e in doc.events.values() if e.kind == "Signing"}
    assert "对口协作框架协议" in agreements


def test_co_unveiling_by_named_people():
    doc = run("副市长林青和香港创科联盟主席何家明共同为“深港青年创新驿站”揭牌。")
    rel = relations(doc)
    assert ("林青", "coUnveiled", "深港青年创新驿站") in rel
    assert ("何家明", "coUnveiled", "深港青年创新驿站") in rel


def test_visit_list_and_sites():
    doc = run("考察团一行先后来到苏州纳维光电有限公司、苏州工业园区星湖国际酒店等地参观考察。"
              "团长邵卫东表示收获很大。") 
    assert "苏州纳维光电有限公司" in entities(doc, "Organization")


def test_event_place_and_dates():
    doc = run("2023年6月12日至13日,2023成渝双城产业合作推介会在重庆市渝北区举行。")
    ev = [e for e in doc.events.values() if e.named]
    assert ev and ev[0].start_date == "2023-06-12" and ev[0].end_date == "2023-06-13"
    assert ("<event>", "locatedIn", "渝北区") in relations(doc)


def test_boilerplate_lines_are_dropped():
    doc = run("某地考察\n正文一句。\n责任编辑:王小二\n版权所有 某某网\n联系电话:0571-88888888")
    assert "王小二" not in entities(doc)
    assert len(doc.dropped) == 3


def test_traditional_script_article():
    doc = run("杭州市委書記周衛民會見了澳門科創促進會會長梁家輝一行。")
    rel = relations(doc)
    assert ("周卫民", "metWith", "梁家辉") in rel
    ent = [e for e in doc.entities.values() if e.label == "梁家辉"][0]
    assert "梁家輝" in ent.originals


def test_leader_without_a_title_and_city_abbreviation():
    doc = run("邱志远率队赴成都考察\n11月3日,邱志远一行来蓉考察,先后来到成都锦江新材料有限公司、成都天府软件园参观。")
    rel = relations(doc)
    assert ("邱志远", "ledDelegation", "<event>") in rel
    assert ("邱志远", "visited", "成都市") in rel
    assert ("邱志远", "visited", "成都锦江新材料有限公司") in rel
    assert "代表团" not in entities(doc, "Person")


def test_posts_former_and_dated(tmp_path):
    from rdflib import Literal
    from rdflib.namespace import XSD

    from kg.api import build
    from kg.rdf.namespace import KG
    from kg.store import open_graph

    (tmp_path / "a.txt").write_text("苏州会见海口客商\n会上,原海口新港物流有限公司董事长陈立平发言。"
                                    "自2021年3月起担任海口椰林科技有限公司总经理的吴海燕介绍了项目。", encoding="utf-8")
    build([tmp_path / "a.txt"], tmp_path / "out", html=False, store=False)
    g = open_graph(tmp_path / "out" / "graph.ttl", store="memory")
    former = {str(g.value(p, KG.title)) for p in g.subjects(KG.former, Literal(True))}
    assert former == {"董事长"}
    assert not list(g.subject_objects(KG.holdsPostAt)) or all(
        "新港" not in str(o) for _, o in g.subject_objects(KG.holdsPostAt))
    assert set(g.objects(None, KG.since)) == {Literal("2021-03", datatype=XSD.gYearMonth)}


def test_group_subject_carries_over_clauses():
    doc = run("甘南州代表团赴青岛考察\n4月2日,州委书记周德明率甘南州代表团赴青岛考察。\n"
              "代表团一行深入黄岛区、即墨区,先后到青岛澜拓海洋科技有限公司、青岛蓝湾智造产业园等地考察。")
    rel = relations(doc)
    assert ("周德明", "visited", "青岛澜拓海洋科技有限公司") in rel
    assert ("周德明", "visited", "青岛蓝湾智造产业园") in rel


def test_leader_named_without_a_family_name():
    doc = run("甘孜州代表团来蓉考察\n5月6日,甘孜州委副书记、州长扎西次仁率甘孜州党政代表团赴成都考察。扎西次仁表示,将深化合作。")
    rel = relations(doc)
    assert "扎西次仁" in entities(doc, "Person")
    assert ("扎西次仁", "ledDelegation", "<event>") in rel
    assert ("扎西次仁", "holdsPostAt", "甘孜州委") in rel or ("扎西次仁", "holdsPostAt", "甘孜藏族自治州委") in rel
    doc = run("市长表示,董事长介绍说,将加快项目建设。")
    assert not entities(doc, "Person")


def test_signers_on_behalf_of_two_bodies():
    doc = run("两市缔结友好城市\n5月8日,大理市与绍兴市缔结友好城市签约仪式在绍兴举行。"
              "大理市委副书记、市长段其昌和绍兴市委副书记、市长陶明远分别代表大理市人民政府、绍兴市人民政府签署友好城市协议书。")
    rel = relations(doc)
    assert ("大理市人民政府", "signedWith", "绍兴市人民政府") in rel or (
        "绍兴市人民政府", "signedWith", "大理市人民政府") in rel
    assert "大理市与绍兴市缔结友好城市签约仪式" in {e.label for e in doc.events.values()}
    assert ("段其昌", "attended", "<event>") in rel and ("陶明远", "attended", "<event>") in rel


def test_zone_name_gives_a_local_place():
    doc = run("宏远集团考察团来蓝湾洽谈合作\n3月4日,宏远航运集团有限公司董事长陈立新率企业考察团来蓝湾考察。"
              "蓝湾经济开发区管委会主任林方会见考察团一行。考察团一行先后到蓝湾国际集装箱码头、蓝湾综合物流园考察。")
    rel = relations(doc)
    assert "蓝湾" in entities(doc, "Place")
    assert ("陈立新", "visited", "蓝湾") in rel
    assert ("陈立新", "visited", "蓝湾国际集装箱码头") in rel
    doc = run("甲区考察团来访\n5月6日,市长王立率团到天元经济开发区考察。")  # the head is used only inside the name
    assert "天元" not in entities(doc, "Place")


def test_speakers_at_an_attended_meeting_and_members_of_the_group():
    doc = run("通辽市代表团赴大连考察\n9月3日,通辽市委书记韩振东率通辽市党政代表团赴大连考察。市委常委、副市长高远航等随团考察。\n"
              "当天下午,2024通辽·大连合作交流座谈会在大连举行。大连市委书记许晓光出席并讲话,韩振东介绍了通辽经济社会发展情况。")
    rel = relations(doc)
    attended = {(s, o) for s, p, o in rel if p == "attended"}
    assert ("韩振东", "<event>") in attended and ("许晓光", "<event>") in attended
    assert ("高远航", "<event>") in attended
    meeting = [e for e in doc.events.values() if e.label.endswith("座谈会")][0]
    assert any(r.subj.endswith("韩振东") and r.obj == meeting.key and r.pred == "attended" for r in doc.relations)
    doc = run("某区考察\n会上,甲中心揭牌成立。智库主席郑方远发言表示,将深化合作。")  # no one attends in the sentence
    assert not [r for r in doc.relations if r.pred == "attended"]


def test_bare_title_takes_the_body_of_its_sentence():
    doc = run("某市代表团考察\n市委书记程立新率团考察。代表团还考察了兰州瑞丰光学技术研究院,程立新与院长费明远座谈。"
              "在陇西智能装备有限公司,程立新与董事长郝春林交流。")
    rel = relations(doc)
    assert ("费明远", "holdsPostAt", "兰州瑞丰光学技术研究院") in rel
    assert ("郝春林", "holdsPostAt", "陇西智能装备有限公司") in rel


def test_body_of_a_one_character_county():
    doc = run("沛县考察团来访\n沛县县委书记邵立平率团赴昆山考察。")
    assert ("邵立平", "holdsPostAt", "沛县县委") in relations(doc)


def test_two_sites_joined_by_and_and_a_place_inside_a_name():
    doc = run("辽源代表团赴义乌\n市委书记孟庆阳率团赴金华市义乌市考察。在义乌,代表团实地察看了义乌国际商贸城和义乌综合保税区。孟庆阳表示感谢。")
    rel = relations(doc)
    assert ("孟庆阳", "visited", "义乌综合保税区") in rel
    assert not any("和" in e for e in entities(doc))
    assert "庆阳市" not in entities(doc, "Place")


def test_future_meeting_place_and_related_links():
    doc = run("两市合作会议召开\n2023年5月6日,2023两市合作会议在合肥举行。下一届会议将于2024年在芜湖举行。\n相关阅读\n· 合肥市与安庆市签署合作协议")
    rel = relations(doc)
    assert ("<event>", "locatedIn", "合肥市") in rel
    assert ("<event>", "locatedIn", "芜湖市") not in rel
    assert "安庆市" not in entities(doc)


def test_one_character_form_of_a_city_the_article_names():
    doc = run("扬州市代表团来锦州调研\n7月10日,扬州市委副书记、代市长钱立庆率扬州市代表团来锦调研。市委书记鲍立诚会见代表团一行。")
    rel = relations(doc)
    assert ("钱立庆", "visited", "锦州市") in rel
    assert ("鲍立诚", "holdsPostAt", "锦州市委") in rel


def test_more_ways_to_arrive_and_tour():
    doc = run("晋城市考察团来访\n3月4日,晋城市委副书记、市长蔡立明率晋城市考察团来固原市原州区对接协作工作。\n"
              "5月6日,协会理事长林振海率参访团一行40余人抵达长沙,参加经贸交流周。\n"
              "在长沙理工大学,代表团参观了学校光电实验平台。")
    rel = relations(doc)
    assert ("蔡立明", "visited", "原州区") in rel
    assert ("林振海", "visited", "长沙市") in rel
    assert ("蔡立明", "visited", "长沙理工大学") in rel


def test_posts_in_lists_brackets_and_former_bodies():
    doc = run("某地参访团来访\n由中部科技产业协会理事长林志远、荣誉理事长吴淑贞共同率领的参访团赴厦门参访。"
              "蓝启明(河池市委书记)、莫荣辉(河池市委副书记、市长)率河池市党政代表团赴东莞考察。"
              "贾鸿亮会见了原金华市人大常委会副主任黄伯文。台州市政府秘书长包俊生参加活动。市政府秘书长包立群陪同。")
    rel = relations(doc)
    assert ("吴淑贞", "holdsPostAt", "中部科技产业协会") in rel
    assert ("莫荣辉", "holdsPostAt", "河池市委") in rel
    assert not any(s == "黄伯文" and p == "holdsPostAt" for s, p, o in rel)
    assert ("包立群", "holdsPostAt", "台州市人民政府") in rel


def test_unveiled_short_name_and_plans_that_are_no_names():
    doc = run("两地合作座谈会\n卢志远在会见时表示,南沙地处粤港澳大湾区地理几何中心,双方将共建冷链分拨中心。"
              "座谈会上,“穗港创科合作服务中心”揭牌成立。市委书记卢志远、会长梁家明共同为中心揭牌。")
    rel = relations(doc)
    assert ("卢志远", "coUnveiled", "穗港创科合作服务中心") in rel
    assert not {"粤港澳大湾区地理几何中心", "共建冷链分拨中心", "冷链分拨中心"} & entities(doc, "Organization")


def test_visit_while_inspecting_and_unquoted_unveiled_park():
    doc = run("安顺市代表团赴苏州考察\n5月6日,安顺市委书记吴建国率安顺市党政代表团赴江苏省苏州市考察。"
              "吴建国在苏州汇川技术有限公司考察时指出,要加强合作。安顺市政协副主席郑红参加考察。"
              "吴建国与苏州市委书记张志强一同为安顺苏州协作产业园揭牌。")
    rel = relations(doc)
    assert ("吴建国", "visited", "苏州汇川技术有限公司") in rel
    assert ("郑红", "holdsPostAt", "安顺市政协") in rel
    assert ("张志强", "coUnveiled", "安顺苏州协作产业园") in rel


def test_meeting_opened_sentence_and_joined_hosts():
    doc = run("渝北区代表团赴成都\n4月17日,渝北区委书记邓晓明带队赴四川省成都市考察。"
              "18日上午召开的渝北区—成都高新区合作交流座谈会上,邓晓明、成都高新区党工委书记曾凡林分别介绍了两地发展情况。"
              "成都市委书记李国强会见了代表团一行。成都市委副书记、市长王立新,市委常委、秘书长陈方参加会见。"
              "邵一鸣一行实地察看了深渡镇九砂村和宁洱县勐先镇和平村。")
    rel = relations(doc)
    meeting = [e for e in doc.events.values() if e.label == "渝北区—成都高新区合作交流座谈会"]
    assert meeting
    assert any(r.pred == "attended" and r.obj == meeting[0].key and r.subj.endswith("曾凡林") for r in doc.relations)
    assert ("王立新", "metWith", "邓晓明") in rel and ("陈方", "metWith", "邓晓明") in rel
    assert {"深渡镇九砂村", "宁洱县勐先镇和平村"} <= entities(doc, "Place")


def test_location_of_a_body_named_by_its_suffix_word():
    doc = run("两县联席会议\n甲、乙共同为“新安江流域联合执法工作站”揭牌,工作站位于歙县深渡镇。"
              "随后举行了“台州科技成果转化中心”揭牌仪式。该中心将落户台州市椒江区,重点开展技术转移。")
    rel = relations(doc)
    assert ("台州科技成果转化中心", "locatedIn", "椒江区") in rel
    assert any(s == "新安江流域联合执法工作站" and p == "locatedIn" for s, p, o in rel)


def test_parks_named_after_a_district_and_leaders_with_only_lv():
    doc = run("x\n贵阳市市长马宁宇率队来深圳调研,先后走访了深圳华星科技有限公司、南山科技园。\n"
              "刘洪建率昆明市党政代表团赴上海考察。期间,代表团先后考察了上海张江高科技园区。")
    rel = relations(doc)
    assert ("马宁宇", "visited", "南山科技园") in rel
    assert ("刘洪建", "visited", "上海张江高科技园区") in rel


def test_leaders_named_by_the_led_group():
    for text in ("5月6日,安顺市党政代表团在市委书记吴立国的带领下赴苏州考察。", "以市委书记吴立国为团长的安顺市党政代表团赴苏州考察。"):
        assert ("吴立国", "ledDelegation", "<event>") in relations(run("安顺市代表团赴苏州考察\n" + text))


def test_site_that_starts_with_a_town():
    doc = run("河池市代表团赴东莞\n5月6日,河池市委书记蓝启文率河池市党政代表团赴广东省东莞市考察。"
              "代表团一行先后到东莞鼎晖电子科技有限公司和虎门镇粤桂协作消费帮扶馆考察。")
    assert ("蓝启文", "visited", "虎门镇粤桂协作消费帮扶馆") in relations(doc)


def test_trip_is_located_in_its_destination_not_in_each_district():
    doc = run("青浦区代表团赴普洱\n5月6日,青浦区委书记吴立静率青浦区党政代表团赴云南省普洱市考察。"
              "代表团一行先后到思茅区、宁洱县和澜沧县考察。")
    located = {o for s, p, o in relations(doc) if p == "locatedIn" and s == "<event>"}
    assert located == {"普洱市"}


def test_a_group_named_with_common_words_before_its_chairman_is_a_body():
    doc = run("在成都期间,王建国会见了蓝海集团董事长刘志远一行。随后会见了远航控股总经理邵明。")
    rel = relations(doc)
    assert ("刘志远", "holdsPostAt", "蓝海集团") in rel
    assert ("邵明", "holdsPostAt", "远航控股") in rel
    assert not any(b == "在成都期间" for _, p, b in rel)


def test_a_given_name_ending_in_he_before_punctuation_or_a_verb():
    assert read_name("孙景和,市委副书记", 0, 9) == "孙景和"
    assert read_name("孙景和出席并致辞", 0, 8) == "孙景和"
    assert read_name("孙景和一行", 0, 5) == "孙景和"
    assert read_name("王刚和李明出席", 0, 7) == "王刚"
    assert read_name("王刚和副市长", 0, 6) == "王刚"
    assert read_name("王刚与对方座谈", 0, 7) == "王刚"


def test_prefecture_standing_committee_chamber_of_commerce_and_calls_on_a_body():
    doc = run("伊犁州代表团赴苏州考察\n"
              "伊犁州党委常委、奎屯市委书记艾山江率团赴苏州考察。代表团拜会了苏州市人民政府,"
              "并在苏州长风智能研究院了解机器人研发情况。苏州市工商联主席葛文涛、苏州青商协进会会长陆明出席座谈会。")
    rel = relations(doc)
    assert ("艾山江", "holdsPostAt", "伊犁州党委") in rel
    assert ("葛文涛", "holdsPostAt", "苏州市工商联") in rel
    assert ("陆明", "holdsPostAt", "苏州青商协进会") in rel
    visited = {o for s, p, o in rel if p == "visited"}
    assert {"苏州市人民政府", "苏州长风智能研究院"} <= visited


def test_a_town_after_its_county_or_city_is_a_place():
    doc = run("中山市代表团赴毕节考察\n会上,中山市坦洲镇与纳雍县签订镇县结对帮扶协议。代表团还走访了坦洲镇驻纳雍工作站。"
              "全市各镇积极参与。")
    places = entities(doc, "Place")
    assert "坦洲镇" in places and "各镇" not in places and "全市各镇" not in places
    assert ("坦洲镇", "signedWith", "纳雍县") in relations(doc)


def test_a_department_after_a_standing_committee_title_is_that_committee_s():
    doc = run("台东参访团来漳州\n漳州市委常委、统战部部长黄立群会见了参访团一行。漳州市委常委、宣传部部长许文会参加会见。")
    rel = relations(doc)
    assert ("黄立群", "holdsPostAt", "漳州市委统战部") in rel
    assert ("许文会", "holdsPostAt", "漳州市委宣传部") in rel
    assert ("黄立群", "holdsPostAt", "漳州市委") in rel
    doc = run("臺東參訪團來廈門\n廈門市委常委、統戰部部長黃立群會見了參訪團一行。")
    dept = [e for e in doc.entities.values() if e.label == "厦门市委统战部"]
    assert dept and "廈門市委統戰部" in dept[0].originals  # the text's own script, kept as an alternative label


def test_a_name_without_family_name_may_have_he_second():
    from kg.pipeline.mentions.persons import _unsurnamed_name

    assert _unsurnamed_name("孟和巴雅尔会见代表团", 0, 10) == "孟和巴雅尔"
    assert _unsurnamed_name("王刚和李明会见代表团", 0, 10) is None


def test_a_descriptive_prefix_is_not_part_of_a_company_name():
    doc = run("德阳代表团赴嘉兴招商\n代表团一行来到台资企业嘉兴宏拓精密机械有限公司总部,公司董事长柯俊民介绍了企业情况。"
              "代表团还走进民营企业浙江禾川新材料集团有限公司,走访了重点企业和行业协会。")
    orgs = entities(doc, "Organization")
    assert {"嘉兴宏拓精密机械有限公司", "浙江禾川新材料集团有限公司"} <= orgs
    assert not [o for o in orgs if o.startswith(("台资", "民营")) or o == "行业协会"]
    rel = relations(doc)
    assert ("柯俊民", "holdsPostAt", "嘉兴宏拓精密机械有限公司") in rel
    doc = run("德阳代表团赴嘉兴招商\n德阳市委书记罗启明率队赴嘉兴市考察。代表团一行来到台资企业嘉兴宏拓精密机械有限公司总部,"
              "还走进民营企业浙江禾川新材料集团有限公司。")
    visited = {o for s, p, o in relations(doc) if p == "visited"}
    assert {"嘉兴宏拓精密机械有限公司", "浙江禾川新材料集团有限公司"} <= visited


def test_an_invitation_to_come_is_no_visit():
    doc = run("德阳代表团赴嘉兴招商\n德阳市旌阳区委书记罗启明率队赴嘉兴市考察。嘉兴德阳商会会长许志安表示,"
              "商会将组织会员企业赴旌阳考察。罗启明邀请企业家到旌阳考察。")
    rel = relations(doc)
    assert ("罗启明", "visited", "嘉兴市") in rel and ("<event>", "locatedIn", "嘉兴市") in rel
    assert not [r for r in rel if r[2] == "旌阳区" and r[1] in ("visited", "locatedIn")]
    doc = run("德阳代表团赴嘉兴招商\n应嘉兴市邀请,德阳市旌阳区委书记罗启明率队赴嘉兴市考察。")
    assert ("罗启明", "visited", "嘉兴市") in relations(doc)  # 应…邀请: invited, and went


def test_long_dotted_tibetan_and_compound_surname_names():
    assert read_name("热依拉·阿不都热合曼 通讯员", 0, 16) == "热依拉·阿不都热合曼"
    assert read_name("买买提·吐尔逊说", 0, 8) == "买买提·吐尔逊"
    assert read_name("努尔·白克说", 0, 6) == "努尔·白克"
    assert read_name("欧阳明汇报了工作", 0, 8) == "欧阳明"
    assert read_name("洪清远陪同", 0, 5) == "洪清远"
    doc = run("那曲客人来访\n总经理扎西才让向代表团一行介绍了企业情况,副县长次仁多吉陪同。")
    assert {"扎西才让", "次仁多吉"} <= entities(doc, "Person")


def test_a_site_and_a_company_joined_by_ji_are_two():
    doc = run("江门代表团赴港\n江门市委书记容志坚率代表团赴香港考察,先后参观香港创新科学园及港泓冷链物流有限公司。")
    visited = {o for s, p, o in relations(doc) if p == "visited"}
    assert "港泓冷链物流有限公司" in visited and not [v for v in visited if "及" in v]


def test_our_city_in_the_hosts_paper_is_the_host_city():
    doc = run("淮南市代表团来银川考察\n本报讯 5月8日,安徽省淮南市委书记钱伯年率淮南市党政代表团来我市考察。"
              "银川市委书记马正清会见代表团一行。代表团参观了银川经济技术开发区。")
    rel = relations(doc)
    assert ("钱伯年", "visited", "银川市") in rel
    city = next(e for e in doc.entities.values() if e.label == "银川市")
    assert "我市" not in city.aliases  # a pointer, not a name
    doc = run("两地交流\n本报讯 5月8日,淮南市委书记钱伯年会见来我市考察的客人。")
    assert not [r for r in relations(doc) if r[1] == "visited"]  # no other city: no guess


def test_posts_listed_with_commas_share_the_first_body():
    doc = run("座谈\n罗启明与嘉兴市德阳商会会长许志安,常务副会长蔡文军、杨晋川,秘书长母婷等座谈交流。")
    rel = relations(doc)
    for who in ("许志安", "蔡文军", "杨晋川", "母婷"):
        assert (who, "holdsPostAt", "嘉兴市德阳商会") in rel


def test_a_zone_s_party_working_committee_is_its_own_body():
    doc = run("客人来访\n宜宾临港经济技术开发区党工委书记、管委会主任韦德明陪同考察。宜宾临港经济技术开发区与来访企业签约。")
    rel = relations(doc)
    assert ("韦德明", "holdsPostAt", "宜宾临港经济技术开发区党工委") in rel  # as 区委书记 → 区委
    assert ("韦德明", "holdsPostAt", "宜宾临港经济技术开发区") in rel  # 管委会主任 → the zone


def test_a_host_briefing_the_visitors_meets_them():
    doc = run("德阳代表团赴嘉兴招商\n德阳市委书记罗启明率队赴嘉兴市考察。在宏拓精机,董事长柯俊民向罗启明一行介绍了企业情况。"
              "罗启明向企业介绍了德阳的营商环境。")
    rel = relations(doc)
    assert ("柯俊民", "metWith", "罗启明") in rel or ("罗启明", "metWith", "柯俊民") in rel
    assert len([r for r in rel if r[1] == "metWith"]) == 1


def test_an_aid_team_leader_is_a_post_and_schools_are_bodies():
    doc = run("许昌代表团赴伊吾\n许昌市委书记魏振宇率队赴伊吾县考察,先后来到伊吾县许昌中学和淖毛湖镇。"
              "许昌市援疆工作队领队、伊吾县委副书记司马骏汇报了援疆工作。")
    rel = relations(doc)
    assert ("魏振宇", "visited", "伊吾县许昌中学") in rel
    assert ("司马骏", "holdsPostAt", "许昌市援疆工作队") in rel and ("司马骏", "holdsPostAt", "伊吾县委") in rel
    assert [r for r in rel if r[1] == "ledDelegation"] == [("魏振宇", "ledDelegation", "<event>")]


def test_the_two_sides_of_a_named_event_are_not_one_body():
    doc = run("长治代表团赴武汉\n7日上午,长治市—华楚理工大学校地合作签约仪式在武汉举行。华楚理工大学校长江伯涛出席。"
              "双方共同为长治—华楚联合研发中心揭牌。")
    orgs, events = entities(doc, "Organization"), {e.label for e in doc.events.values()}
    assert "华楚理工大学" in orgs and not [o for o in orgs if o.startswith("长治市—")]
    assert "长治市—华楚理工大学校地合作签约仪式" in events
    assert "长治—华楚联合研发中心" in orgs  # a joint platform's name keeps both sides


def test_an_event_in_a_hotel_is_located_in_the_hotel_and_reporters_attend():
    doc = run("肇庆代表团访港\n当晚,肇庆—香港经贸合作交流会在香港维港汇景酒店举行。")
    assert ("<event>", "locatedIn", "香港维港汇景酒店") in relations(doc)
    doc = run("许昌代表团赴伊吾\n许昌市委书记魏振宇率队赴伊吾县考察,伊吾县委书记邵博文陪同。"
              "13日上午,许昌·伊吾对口支援工作座谈会在伊吾县召开。邵博文主持座谈会,魏振宇讲话,"
              "伊吾县委副书记司马骏汇报了援疆工作开展情况。")
    assert ("司马骏", "attended", "<event>") in relations(doc)


def test_an_item_with_no_headline_line_names_its_trip_from_the_text():
    doc = run("本报讯 5月8日,安徽省淮南市党政代表团赴宁夏银川市考察,淮南市委书记钱伯年率队。银川市委书记马正清会见代表团一行。")
    rel = relations(doc)
    assert ("钱伯年", "ledDelegation", "<event>") in rel and ("马正清", "metWith", "钱伯年") in rel
    assert doc.events["Event:main"].label == "安徽省淮南市党政代表团赴宁夏银川市考察"


def test_once_the_paper_is_the_hosts_every_our_county_is_the_host_county():
    doc = run("怀柔区代表团来我县考察\n本报讯 6月3日,北京市怀柔区委书记郑立平率队来我县考察。滦平县委书记孙启元会见代表团一行。"
              "怀柔区人民政府与我县签订合作框架协议。")
    rel = relations(doc)
    assert ("郑立平", "visited", "滦平县") in rel
    assert ("怀柔区人民政府", "signedWith", "滦平县") in rel or ("滦平县", "signedWith", "怀柔区人民政府") in rel
    doc = run("我市代表团赴滦平考察\n本报讯 6月3日,我市党政代表团赴滦平县考察。")
    assert not [m for m in doc.mentions if m.rule == "place.ours"]  # the visitors' paper: 我市 is not said


def test_a_company_s_short_name_drops_its_trade_word():
    doc = run("莆田代表团赴西宁\n莆田市委书记方永澄率队赴西宁市考察,先后来到青海柴达锂能科技有限公司和西宁南川工业园区。"
              "在柴达锂能,总经理索南才让向方永澄一行介绍了企业情况。")
    rel = relations(doc)
    assert ("索南才让", "holdsPostAt", "青海柴达锂能科技有限公司") in rel
    company = next(e for e in doc.entities.values() if e.label == "青海柴达锂能科技有限公司")
    assert "柴达锂能" in company.aliases
