//! Recognizer behaviour on short invented sentences: each test pins one mechanism (a context, a
//! grammar, a data table) so a change that breaks it names itself. None of these names come from
//! the seeds.

mod common;

use common::{extract, has, names};
use guanxi::extract::{DocumentExtraction, EntityClass, RelationKind};

#[test]
fn a_function_word_after_a_title_starts_no_name() {
    let d = extract("会议邀请了8名农业专家和部分企业代表参加座谈。");
    assert!(
        names(&d, EntityClass::Person).is_empty(),
        "{:?}",
        names(&d, EntityClass::Person)
    );
    // 何 is a surname more often than a word
    let d = extract("本报记者 何晓东\n正文。");
    assert!(
        has(&d, EntityClass::Person, "何晓东"),
        "{:?}",
        names(&d, EntityClass::Person)
    );
}

#[test]
fn an_adverb_before_an_action_verb_is_no_name() {
    let d = extract("报告鲜明地提出了下一步的工作方向。");
    assert!(
        names(&d, EntityClass::Person).is_empty(),
        "{:?}",
        names(&d, EntityClass::Person)
    );
}

#[test]
fn names_listed_after_a_title_or_coordinated_with_a_name_are_names() {
    let d = extract("新华社记者周建明、孙立伟报道。");
    assert!(has(&d, EntityClass::Person, "周建明"));
    assert!(
        has(&d, EntityClass::Person, "孙立伟"),
        "{:?}",
        names(&d, EntityClass::Person)
    );
}

#[test]
fn a_name_filling_its_slot_keeps_a_given_name_that_is_a_verb() {
    // 守卫 and 建中 are dictionary verbs, but nothing is left before the comma for them to be
    let d = extract("县政协主席李守卫,县委常委、副县长周建中,县委委员孙立伟出席会议。");
    for name in ["李守卫", "周建中", "孙立伟"] {
        assert!(
            has(&d, EntityClass::Person, name),
            "{name}: {:?}",
            names(&d, EntityClass::Person)
        );
    }
    // where the name is followed by more text, the verb stays a verb (李强|调研)
    let d = extract("县委书记李强调研了产业园。");
    assert!(
        has(&d, EntityClass::Person, "李强"),
        "{:?}",
        names(&d, EntityClass::Person)
    );
    // and a rare surname is the adverb it spells (全|覆盖)
    let d = extract("2000余名党员全覆盖。");
    assert!(
        names(&d, EntityClass::Person).is_empty(),
        "{:?}",
        names(&d, EntityClass::Person)
    );
}

#[test]
fn dotted_transliterated_names_are_one_person() {
    let d = extract("秘书长安东尼奥·古特雷斯说，各方应当保持克制。");
    assert!(
        has(&d, EntityClass::Person, "安东尼奥·古特雷斯"),
        "{:?}",
        names(&d, EntityClass::Person)
    );
}

#[test]
fn a_program_verb_introduces_a_full_name_holding_verbs() {
    let d = extract("市经信委将实施中小企业数字化转型赋能引领计划,推动产业升级。");
    assert!(
        has(&d, EntityClass::Program, "中小企业数字化转型赋能引领计划"),
        "{:?}",
        names(&d, EntityClass::Program)
    );
}

#[test]
fn a_clause_after_a_list_separator_is_no_event() {
    let d = extract("区政协副主席、党组成员王立新出席会议并讲话。");
    assert!(
        names(&d, EntityClass::Program).is_empty(),
        "{:?}",
        names(&d, EntityClass::Program)
    );
    assert!(has(&d, EntityClass::Person, "王立新"));
}

#[test]
fn party_departments_are_part_of_their_committee() {
    let d = extract("綦江区委组织部、区委宣传部联合开展培训。");
    assert!(has(&d, EntityClass::Organization, "綦江区委"));
    assert!(
        d.relations
            .iter()
            .any(|r| r.kind == RelationKind::PartOf && r.head == "綦江区委组织部" && r.tail == "綦江区委")
    );
}

#[test]
fn national_and_international_bodies_stand_alone() {
    let d = extract("外交部发言人表示，中方支持联合国和世界卫生组织发挥作用。");
    for name in ["外交部", "联合国", "世界卫生组织"] {
        assert!(
            has(&d, EntityClass::Organization, name),
            "{name}: {:?}",
            names(&d, EntityClass::Organization)
        );
    }
}

#[test]
fn city_short_forms_count_unless_they_are_ordinary_words() {
    let d = extract("代表团先后前往石家庄、大连和合肥考察。");
    for name in ["石家庄市", "大连市", "合肥市"] {
        assert!(
            has(&d, EntityClass::Place, name),
            "{name}: {:?}",
            names(&d, EntityClass::Place)
        );
    }
    let d = extract("今年日照充足，瓜果丰收。");
    assert!(
        names(&d, EntityClass::Place).is_empty(),
        "{:?}",
        names(&d, EntityClass::Place)
    );
}

#[test]
fn china_and_world_regions_are_places_but_not_as_attributes() {
    let d = extract("中国与东南亚国家的贸易持续增长。");
    assert!(has(&d, EntityClass::Place, "中国"));
    assert!(
        has(&d, EntityClass::Place, "东南亚"),
        "{:?}",
        names(&d, EntityClass::Place)
    );
    let d = extract("坚持走中国式现代化道路。");
    assert!(!has(&d, EntityClass::Place, "中国"));
}

fn related(d: &DocumentExtraction, head: &str, kind: RelationKind, tail: &str) -> bool {
    d.relations
        .iter()
        .any(|r| r.kind == kind && r.head == head && r.tail == tail)
}

#[test]
fn a_subsidiary_after_qixia_is_part_of_its_owner_and_acts_in_its_clause() {
    let d = extract("重庆市铜梁区消息。中国电子科技集团公司旗下海康智联，牵手铜梁区共建智能制造基地。");
    assert!(
        has(&d, EntityClass::Organization, "海康智联"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
    assert!(related(&d, "海康智联", RelationKind::PartOf, "中国电子科技集团公司"));
    assert!(
        related(&d, "海康智联", RelationKind::PartnersWith, "铜梁区")
            || related(&d, "铜梁区", RelationKind::PartnersWith, "海康智联"),
        "{:?}",
        d.relations
            .iter()
            .map(|r| (&r.head, r.kind, &r.tail))
            .collect::<Vec<_>>()
    );
}

#[test]
fn posts_given_by_a_verb() {
    let d = extract("会上成立了新能源汽车产业链党委，区发展改革委主任李建平兼任新能源汽车产业链党委书记。");
    assert!(related(&d, "李建平", RelationKind::HoldsPost, "新能源汽车产业链党委"));
    let d = extract("新成立的联合党委书记由开发区管委会副主任周海涛兼任。");
    assert!(d.entities.iter().any(|e| e.name == "周海涛"));
}

#[test]
fn a_bare_company_before_a_title_is_the_company_just_named() {
    let d = extract("在重庆川维新材料有限公司生产车间，公司总经理赵志刚介绍了新产线。");
    assert!(related(&d, "赵志刚", RelationKind::HoldsPost, "重庆川维新材料有限公司"));
}

#[test]
fn a_brand_and_trade_is_a_company_and_its_place_is_no_location() {
    let d = extract("新区与万州化工及渝丰智能签约。");
    assert!(
        has(&d, EntityClass::Organization, "万州化工"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
    assert!(
        !has(&d, EntityClass::Place, "万州区"),
        "{:?}",
        names(&d, EntityClass::Place)
    );
}

#[test]
fn facility_names_hide_the_places_they_start_with() {
    let d = extract("活动在北京市举办。试点在西城华府小区启动。");
    assert!(
        !has(&d, EntityClass::Place, "西城区"),
        "{:?}",
        names(&d, EntityClass::Place)
    );
}

#[test]
fn examples_listed_before_deng_are_each_named() {
    let d = extract("园区组织开展“技能比武”“创新擂台”等活动。");
    assert!(
        has(&d, EntityClass::Program, "技能比武"),
        "{:?}",
        names(&d, EntityClass::Program)
    );
    assert!(has(&d, EntityClass::Program, "创新擂台"));
}

#[test]
fn a_count_after_the_last_item_closes_a_list_of_places() {
    // invented village names that read as persons when coordinated alone
    let d = extract("该村距镇政府20公里,下辖李庄、王岗、张湾3个自然村。");
    for v in ["李庄", "王岗", "张湾"] {
        assert!(
            has(&d, EntityClass::Place, v),
            "{v}: {:?}",
            names(&d, EntityClass::Place)
        );
    }
    assert!(
        names(&d, EntityClass::Person).is_empty(),
        "{:?}",
        names(&d, EntityClass::Person)
    );
    // a count of descriptions is no list of names (实施…三大工程)
    let d = extract("实施科技赋能产业、人才引育提升、区域协同发展三大工程。");
    assert!(
        !has(&d, EntityClass::Program, "科技赋能产业"),
        "{:?}",
        names(&d, EntityClass::Program)
    );
}

#[test]
fn a_country_before_a_company_is_where_the_company_is_from() {
    // the tagger reads 荷兰飞利浦 as one body: the country splits off
    let d = extract("开发区引进了荷兰飞利浦等知名企业。");
    assert!(
        has(&d, EntityClass::Place, "荷兰"),
        "{:?}",
        names(&d, EntityClass::Place)
    );
    assert!(
        has(&d, EntityClass::Organization, "飞利浦") && !has(&d, EntityClass::Organization, "荷兰飞利浦"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
    assert!(related(&d, "飞利浦", RelationKind::LocatedIn, "荷兰"));
    // a company the lexicon knows, written after its country
    let d = extract("其中不乏美国惠普、日本松下等一批知名外企。");
    assert!(related(&d, "松下", RelationKind::LocatedIn, "日本"));
    assert!(related(&d, "惠普", RelationKind::LocatedIn, "美国"));
    // a name ending like a body is the country's body, not a company (…足协, …女队)
    let d = extract("决赛中，韩国女队以三比一战胜对手，中国足协发来贺电。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(!orgs.iter().any(|o| o == "女队" || o == "足协"), "{orgs:?}");
}

#[test]
fn a_committee_written_before_its_secretary_is_a_body() {
    let d = extract("石柱县中益乡党委书记谭明表示，将继续推进产业发展。");
    assert!(
        related(&d, "谭明", RelationKind::HoldsPost, "中益乡党委"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
}

#[test]
fn a_body_named_again_without_its_zone_is_the_same_body() {
    let d = extract("宜宾三江新区智能终端产业链党委近日成立。智能终端产业链党委将推动链上企业合作。");
    let bodies: Vec<_> = d
        .entities
        .iter()
        .filter(|e| e.class == EntityClass::Organization)
        .collect();
    assert_eq!(bodies.len(), 1, "{:?}", names(&d, EntityClass::Organization));
    assert_eq!(bodies[0].mentions.len(), 2);
}

#[test]
fn a_kind_description_before_a_legal_name_is_not_part_of_it() {
    let d = extract("綦江区属国有企业重庆綦发实业集团有限公司出资2亿元。");
    assert!(
        has(&d, EntityClass::Organization, "重庆綦发实业集团有限公司"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
}

#[test]
fn zones_lie_only_in_larger_zones_with_a_distinctive_stem() {
    let d = extract("此外，滨江数字产业园亦是滨江新区重点打造的创新平台。武汉高新区和武汉经开区签约。");
    assert!(related(&d, "滨江数字产业园", RelationKind::PartOf, "滨江新区"));
    // same scale, or a stem that is only a place name: no nesting either way
    for (a, b) in [("武汉高新区", "武汉经开区"), ("武汉经开区", "武汉高新区")] {
        assert!(!related(&d, a, RelationKind::PartOf, b), "{a} part_of {b}");
    }
}

#[test]
fn a_region_covering_part_of_a_province_takes_only_its_cities() {
    let d = extract("成都都市圈和重庆都市圈分别以成都和重庆为极核，广安融入重庆都市圈。");
    assert!(related(&d, "成都市", RelationKind::PartOf, "成都都市圈"));
    assert!(!related(&d, "成都市", RelationKind::PartOf, "重庆都市圈"));
    assert!(!related(&d, "四川省", RelationKind::PartOf, "重庆都市圈"));
}

#[test]
fn a_zone_named_after_a_two_province_region_is_a_zone() {
    let d = extract("渝黔高山新区是两省共建的省级新区。");
    assert!(
        has(&d, EntityClass::Place, "渝黔高山新区"),
        "{:?}",
        names(&d, EntityClass::Place)
    );
}

#[test]
fn a_bare_management_committee_after_a_zone_body_is_that_zones() {
    let d = extract("据滨江新区党工委副书记、管委会常务副主任王永年介绍，管委会主任由区委常委李霁兼任。");
    assert!(related(&d, "王永年", RelationKind::HoldsPost, "滨江新区管委会"));
    assert!(related(&d, "王永年", RelationKind::HoldsPost, "滨江新区党工委"));
    assert!(related(&d, "李霁", RelationKind::HoldsPost, "滨江新区管委会"));
}

#[test]
fn the_head_of_a_government_holds_the_post_at_the_place() {
    let d = extract("江津区委副书记、区长陈明远出席签约仪式。");
    assert!(related(&d, "陈明远", RelationKind::HoldsPost, "江津区"));
    assert!(related(&d, "陈明远", RelationKind::HoldsPost, "江津区委"));
    let title_at = |tail: &str| {
        d.relations
            .iter()
            .find(|r| r.head == "陈明远" && r.tail == tail)
            .and_then(|r| r.title.clone())
    };
    assert_eq!(title_at("江津区").as_deref(), Some("区长"));
    assert_eq!(title_at("江津区委").as_deref(), Some("副书记"));
}

#[test]
fn a_fund_set_up_funded_entrusted_and_investing() {
    let d = extract(
        "为支持企业发展，江津区还设立了规模3亿元的江津智能装备产业发展基金，由江津区国有资产经营有限公司出资，\
         委托重庆远山资本管理有限公司管理。目前，该基金已投资重庆联锐机械有限公司等4家企业。",
    );
    let fund = "江津智能装备产业发展基金";
    assert!(
        has(&d, EntityClass::Program, fund),
        "{:?}",
        names(&d, EntityClass::Program)
    );
    assert!(related(&d, "江津区国有资产经营有限公司", RelationKind::Funds, fund));
    assert!(related(&d, "重庆远山资本管理有限公司", RelationKind::Manages, fund));
    assert!(!related(&d, "江津区国有资产经营有限公司", RelationKind::Manages, fund));
    assert!(related(&d, fund, RelationKind::Funds, "重庆联锐机械有限公司"));
    assert!(has(&d, EntityClass::Organization, "重庆联锐机械有限公司"));
}

#[test]
fn building_what_one_invests_in_funds_it() {
    let d = extract(
        "重庆安澜精密科技有限公司将在璧山高新区投资6亿元，建设安澜精密传感器生产基地项目。\
         对新建的数据中心项目给予补助。",
    );
    let project = "安澜精密传感器生产基地项目";
    assert!(
        has(&d, EntityClass::Program, project),
        "{:?}",
        names(&d, EntityClass::Program)
    );
    assert!(related(&d, "重庆安澜精密科技有限公司", RelationKind::Funds, project));
    assert!(!related(
        &d,
        "重庆安澜精密科技有限公司",
        RelationKind::Implements,
        project
    ));
    assert!(has(&d, EntityClass::Place, "璧山高新区"));
    // a kind of project after 新建的 is no name
    assert!(!has(&d, EntityClass::Program, "数据中心项目"));
}

#[test]
fn a_body_is_in_the_innermost_place_its_name_opens_with() {
    let d = extract("杭州市西湖区文化产业链党委成立。西湖区村民王阿明说。");
    assert!(related(
        &d,
        "杭州市西湖区文化产业链党委",
        RelationKind::LocatedIn,
        "西湖区"
    ));
    assert!(!related(
        &d,
        "杭州市西湖区文化产业链党委",
        RelationKind::LocatedIn,
        "杭州市"
    ));
    // a villager is a person, not a post
    assert!(
        !d.relations
            .iter()
            .any(|r| r.head == "王阿明" && r.kind == RelationKind::HoldsPost)
    );
}

#[test]
fn the_learned_tagger_finds_names_no_context_rule_reaches() {
    // no title, no speech verb, no honorific: only the statistical tagger reads these as names
    let d = extract("韩立波本人先后5次被评为先进个人。");
    assert!(
        has(&d, EntityClass::Person, "韩立波"),
        "{:?}",
        names(&d, EntityClass::Person)
    );
    let d = extract("会上，秦雪梅的一番话让在场的人很受触动。");
    assert!(
        has(&d, EntityClass::Person, "秦雪梅"),
        "{:?}",
        names(&d, EntityClass::Person)
    );
    // a transliterated name with a middle dot stays whole
    let d = extract("英国副首相约翰·普雷斯利说，合作前景广阔。");
    assert!(
        has(&d, EntityClass::Person, "约翰·普雷斯利"),
        "{:?}",
        names(&d, EntityClass::Person)
    );
}

#[test]
fn a_preposition_before_a_common_noun_is_no_surname() {
    // 向 is a surname, but 向|市民 is a preposition and a noun
    let d = extract("他向市民说，工程将于近期完工。");
    assert!(
        names(&d, EntityClass::Person).is_empty(),
        "{:?}",
        names(&d, EntityClass::Person)
    );
}

#[test]
fn bare_zone_bodies_take_the_zone_named_in_their_clause() {
    // a verb between the zone and the body is the predicate, not part of the body's name
    let d = extract("重庆荣昌高新区建立健全管委会职能部门，优化服务。");
    assert!(
        has(&d, EntityClass::Organization, "重庆荣昌高新区管委会"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
    // 党工委 written bare after the zone's 管委会 is the zone's party working committee
    let d = extract("荣昌高新区管委会副主任、党工委委员李晓川出席会议。");
    assert!(
        has(&d, EntityClass::Organization, "荣昌高新区党工委"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
}

#[test]
fn a_county_short_name_before_a_zone_suffix_needs_its_province() {
    // 会同 is a county of Hunan and the verb "together with"
    let d = extract("党群工作部要会同高新区组织部门强化监督。重庆市江津区参加。");
    assert!(
        !names(&d, EntityClass::Place).iter().any(|n| n.starts_with("会同")),
        "{:?}",
        names(&d, EntityClass::Place)
    );
}

fn relations(d: &DocumentExtraction) -> Vec<String> {
    d.relations
        .iter()
        .map(|r| format!("{} {:?} {}", r.head, r.kind, r.tail))
        .collect()
}

#[test]
fn a_demonstrative_district_is_the_district_named_before() {
    let d =
        extract("重庆市铜梁区大力推进数字政府建设。此外，该区还创新举办“数智铜梁”网络安全宣传周，推动线上线下联动。");
    assert!(
        d.relations
            .iter()
            .any(|r| r.kind == RelationKind::Implements && r.head == "铜梁区" && r.tail.contains("宣传周")),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn a_sentence_opening_in_a_place_locates_its_projects() {
    let d =
        extract("11月3日，在重庆市綦江区工业园区地块，工人们来来往往，总投资约3亿元的恒锐精工轴承项目正在抓紧建设。");
    assert!(
        d.relations
            .iter()
            .any(|r| r.kind == RelationKind::LocatedIn && r.head == "恒锐精工轴承项目" && r.tail.contains("綦江")),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn a_noun_phrase_clause_is_the_topic_of_the_next() {
    let d = extract("多家企业竞相入渝——提供工业软件整体解决方案的华岳数科集团，将区域总部放在重庆市璧山区。");
    assert!(
        related(&d, "华岳数科集团", RelationKind::LocatedIn, "璧山区"),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn a_known_zone_is_never_cut_by_the_walk_s_reach() {
    // fourteen characters between the outer zone and 产业园: the walk must not stop inside 两江新区
    let d = extract("该项目将入驻两江新区鱼复智能网联新能源汽车产业园。");
    assert!(
        has(&d, EntityClass::Place, "鱼复智能网联新能源汽车产业园"),
        "{:?}",
        names(&d, EntityClass::Place)
    );
}

#[test]
fn the_copula_before_a_body_is_not_part_of_its_name() {
    let d = extract("这也是西南政法大学服务地方发展的又一举措。");
    assert!(
        has(&d, EntityClass::Organization, "西南政法大学"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
}

#[test]
fn kinds_are_not_program_names() {
    // a list of kinds sharing a cue, a quoted cue noun, a modal and a verb before a cue
    let d = extract("该区设立和引进天使基金、创投基金、股权投资基金等资本，组织开展36项“专项行动”，要有计划、有部署。");
    assert!(
        names(&d, EntityClass::Program).is_empty(),
        "{:?}",
        names(&d, EntityClass::Program)
    );
    // a list is a list of names when one of its items is introduced as one
    let d = extract("璧山区将聚力实施产业转型升级攻坚提升行动、招商引智攻坚提升行动。");
    assert!(
        has(&d, EntityClass::Program, "招商引智攻坚提升行动"),
        "{:?}",
        names(&d, EntityClass::Program)
    );
}

#[test]
fn rank_words_and_levels_do_not_open_a_body_s_name() {
    let d = extract("该校积极筹建国家级缙云蚕桑保种实验室，推动区级层面科技创新服务联盟建设。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.iter().any(|n| n == "缙云蚕桑保种实验室"), "{orgs:?}");
    assert!(orgs.iter().any(|n| n == "科技创新服务联盟"), "{orgs:?}");
}

#[test]
fn a_short_place_written_in_full_elsewhere_opens_a_body_s_name() {
    // 大同 is also "great harmony"; with 大同市 in the text it is the city
    let d = extract("山西省大同市浑源县举行揭牌仪式，这是继大同黄花产业发展研究院之后的又一家研究院。");
    assert!(
        has(&d, EntityClass::Organization, "大同黄花产业发展研究院"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
}

#[test]
fn a_body_headed_by_a_bare_zone_word_belongs_to_the_zone_named() {
    let d = extract("璧山高新区管委会表示，高新区政务服务中心将延长办理时间，璧山高新区党群工作部牵头推进。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.iter().any(|n| n == "璧山高新区政务服务中心"), "{orgs:?}");
    assert!(orgs.iter().any(|n| n == "璧山高新区党群工作部"), "{orgs:?}");
}

#[test]
fn a_park_named_by_its_industry_is_a_kind_unless_quoted_or_qualified() {
    let d = extract("全市相继建设了一批网络安全产业园区。");
    assert!(
        names(&d, EntityClass::Place).is_empty(),
        "{:?}",
        names(&d, EntityClass::Place)
    );
    let d = extract(
        "由两地联合申报的“国家数据安全产业园区（成渝）”获批复。随着国家数据安全产业园（成渝）的获批，产业将加快发展。",
    );
    let places = names(&d, EntityClass::Place);
    let parks: Vec<&String> = places.iter().filter(|n| n.contains("产业园")).collect();
    assert_eq!(parks.len(), 1, "{places:?}");
    assert!(parks[0].starts_with("国家数据安全产业园"), "{places:?}");
}

#[test]
fn zone_suffixes_end_words_and_zones_name_the_zones_they_open_with() {
    // jieba alone reads 软件|谷为; the suffix is a word of its own
    let d = extract("打造了以宁波软件园、大东江软件谷为重点的产业集聚区。");
    assert!(
        has(&d, EntityClass::Place, "大东江软件谷"),
        "{:?}",
        names(&d, EntityClass::Place)
    );
    // a zone inside a zone written as one name: both are named, the smaller part of the larger
    let d = extract("宁波高新区作为甬江科创区数创港的核心载体。");
    assert!(
        has(&d, EntityClass::Place, "甬江科创区"),
        "{:?}",
        names(&d, EntityClass::Place)
    );
    assert!(
        related(&d, "甬江科创区数创港", RelationKind::PartOf, "甬江科创区"),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn bodies_and_teams_named_after_a_country() {
    let d = extract("美国财政部官员表示，多家美国公司受到影响，中国女队和巴西队晋级。");
    let orgs = names(&d, EntityClass::Organization);
    for name in ["美国财政部", "中国女队", "巴西队"] {
        assert!(orgs.iter().any(|n| n == name), "{name}: {orgs:?}");
    }
    // a country and a kind are no name
    assert!(!orgs.iter().any(|n| n == "美国公司"), "{orgs:?}");
}

#[test]
fn standard_short_names_of_national_institutions() {
    let d = extract("北大和清华的学者出席会议，美国国会随后表决。");
    let orgs = names(&d, EntityClass::Organization);
    for name in ["北京大学", "清华大学", "美国国会"] {
        assert!(orgs.iter().any(|n| n == name), "{name}: {orgs:?}");
    }
}

#[test]
fn industry_chain_committees_and_their_short_forms() {
    // an industry and 产业链党委 name a body without a place
    let d = extract("刘晓军担任丝绸产业链党委第一书记。");
    assert!(
        has(&d, EntityClass::Organization, "丝绸产业链党委"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
    // written once after a city and a district, then without them: one body
    let d = extract("绍兴市柯桥区纺织产业链党委成立。纺织产业链党委将定期召开联席会议。");
    let chains: Vec<String> = names(&d, EntityClass::Organization)
        .into_iter()
        .filter(|n| n.contains("产业链党委"))
        .collect();
    assert_eq!(chains, vec!["绍兴市柯桥区纺织产业链党委".to_owned()]);
}

#[test]
fn a_place_before_a_known_company_is_part_of_its_name() {
    let d = extract("10月12日，黔江区与重庆三峡银行签署战略合作协议。");
    assert!(
        !d.relations.iter().any(|r| r.head == "重庆市" || r.tail == "重庆市"),
        "{:?}",
        relations(&d)
    );
    assert!(
        related(&d, "三峡银行", RelationKind::PartnersWith, "黔江区"),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn a_headline_before_a_report_is_its_own_sentence_and_funds_take_program_names() {
    let d = extract(
        "武隆区选派第一书记助力乡村振兴\n本报讯（记者 吴一凡）记者从武隆区委组织部获悉，今年该区选派30名干部到村任职。\n武隆区还设立了500万元的乡村振兴种子基金，委托重庆武隆国有资产经营有限公司运营管理。",
    );
    // the headline's 选派 does not reach the body the report quotes as its source
    assert!(
        !d.relations
            .iter()
            .any(|r| r.kind == RelationKind::DispatchedTo && r.tail.contains("组织部")),
        "{:?}",
        relations(&d)
    );
    assert!(
        has(&d, EntityClass::Program, "乡村振兴种子基金"),
        "{:?}",
        names(&d, EntityClass::Program)
    );
    assert!(
        related(
            &d,
            "重庆武隆国有资产经营有限公司",
            RelationKind::Manages,
            "乡村振兴种子基金"
        ),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn signing_parties_and_names_that_are_place_words() {
    let d = extract(
        "11月18日，铜梁区人民政府与四川九洲电器集团有限责任公司在铜梁签署战略合作协议。四川九洲电器集团有限责任公司党委书记、董事长柳江出席签约仪式。",
    );
    // where they sign is no party
    assert!(
        !d.relations
            .iter()
            .any(|r| r.kind == RelationKind::PartnersWith && (r.head == "铜梁区" || r.tail == "铜梁区")),
        "{:?}",
        relations(&d)
    );
    // 柳江 is also a district's name; after a post title the tagger is sure it is a person
    assert!(
        related(&d, "柳江", RelationKind::HoldsPost, "四川九洲电器集团有限责任公司"),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn two_posts_at_one_body_keep_both_titles() {
    let d = extract("重庆市铜梁区召开大会。市委常委、市委秘书长罗明远出席。");
    let post = d
        .relations
        .iter()
        .find(|r| r.kind == RelationKind::HoldsPost && r.head == "罗明远")
        .unwrap_or_else(|| panic!("{:?}", relations(&d)));
    assert_eq!(post.title.as_deref(), Some("常委、秘书长"), "{:?}", relations(&d));
}

#[test]
fn a_department_listed_after_a_committee_post_is_that_committee_s() {
    let d = extract("荣昌区委常委、组织部部长陈志远出席会议。");
    assert!(
        related(&d, "陈志远", RelationKind::HoldsPost, "荣昌区委组织部"),
        "{:?}",
        relations(&d)
    );
    assert!(
        related(&d, "陈志远", RelationKind::HoldsPost, "荣昌区委"),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn a_headline_s_company_form_is_the_company() {
    let d = extract("璧山区与四川九洲集团签约\n本报讯 四川九洲电器集团有限责任公司与璧山区签署协议。");
    let companies: Vec<String> = names(&d, EntityClass::Organization)
        .into_iter()
        .filter(|n| n.contains("九洲"))
        .collect();
    assert_eq!(companies, vec!["四川九洲电器集团有限责任公司".to_owned()]);
}

#[test]
fn a_verb_inside_the_walked_words_starts_a_document_or_meeting_name() {
    // the left walk passes 认真 and 贯彻落实; the name starts after the verb that introduces it
    let d = extract("各单位认真贯彻落实民营企业党建工作条例，落实全省民营企业党的建设工作会议精神。");
    let programs = names(&d, EntityClass::Program);
    assert!(has(&d, EntityClass::Program, "民营企业党建工作条例"), "{programs:?}");
    // 精神 is the meeting's, so 会议 still ends the name
    assert!(
        has(&d, EntityClass::Program, "全省民营企业党的建设工作会议"),
        "{programs:?}"
    );
}

#[test]
fn another_form_of_a_national_program_is_the_same_entity() {
    let d = extract("该县今年向32个村选派驻村第一书记。第一书记们走访农户120户。");
    let programs = names(&d, EntityClass::Program);
    assert_eq!(programs, vec!["第一书记".to_owned()], "{programs:?}");
}

#[test]
fn a_fund_that_declares_its_short_name_is_a_name() {
    // 帮扶 is a verb inside the name; the declaration makes the whole phrase after 的 the name
    let d = extract(
        "六家区属国企联合出资，设立规模2亿元的江岸区民营经济纾困帮扶基金（以下简称纾困基金），由江岸区金融控股公司管理。纾困基金首批投放5000万元。",
    );
    let programs = names(&d, EntityClass::Program);
    assert!(
        has(&d, EntityClass::Program, "江岸区民营经济纾困帮扶基金"),
        "{programs:?}"
    );
    assert_eq!(programs.len(), 1, "{programs:?}");
}

#[test]
fn a_program_named_again_without_its_place_is_the_same_program() {
    let d = extract(
        "渝黔两地联手设立先进材料产业协同发展基金\n本报讯 重庆市与贵州省签署协议，联合发起设立渝黔先进材料产业协同发展基金。",
    );
    let programs = names(&d, EntityClass::Program);
    assert_eq!(
        programs,
        vec!["渝黔先进材料产业协同发展基金".to_owned()],
        "{programs:?}"
    );
}

#[test]
fn departments_in_general_and_counted_bodies_are_kinds() {
    // 人社部门 are the HR departments of the two places, not the national ministry
    let d = extract("两地人社部门联合举办招聘会。全省已挂牌成立12个产业技术研究院。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.is_empty(), "{orgs:?}");
}

#[test]
fn zhonggong_before_a_committee_is_part_of_the_mention() {
    let d = extract("这里曾是中共米脂县委旧址。米脂县委书记到村调研。");
    let e = d
        .entities
        .iter()
        .find(|e| e.class == EntityClass::Organization && e.name == "米脂县委")
        .unwrap_or_else(|| panic!("{:?}", names(&d, EntityClass::Organization)));
    assert!(e.mentions.iter().any(|m| m.text == "中共米脂县委"), "{:?}", e.mentions);
    // a post and a verb are no village name (米脂县|委书记到|村)
    assert!(
        names(&d, EntityClass::Place).iter().all(|p| !p.ends_with('村')),
        "{:?}",
        names(&d, EntityClass::Place)
    );
}

#[test]
fn a_body_to_be_built_is_a_goal_and_a_latin_led_word_is_no_company() {
    let d = extract("该区将建设区域冷链物流中心，打造国家重要现代服务业中心。职工在e国网平台上办理业务。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.is_empty(), "{orgs:?}");
}

#[test]
fn roads_named_after_places_and_counted_parks_are_no_places() {
    let d = extract("新线较渝黔高速缩短里程30公里。该区将打造一批特色软件产业园。");
    let places = names(&d, EntityClass::Place);
    assert!(places.is_empty(), "{places:?}");
    // a landmark building that opens with a city's name is no mention of the city
    let d = extract("3家企业党支部在深圳中心大厦联合开展主题党日。");
    assert!(
        !has(&d, EntityClass::Place, "深圳市"),
        "{:?}",
        names(&d, EntityClass::Place)
    );
}

#[test]
fn a_quoted_name_with_a_body_suffix_is_a_body() {
    let d = extract("市妇联组建“巾帼宣讲团”“银发讲师团”深入社区宣讲。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(has(&d, EntityClass::Organization, "巾帼宣讲团"), "{orgs:?}");
    assert!(has(&d, EntityClass::Organization, "银发讲师团"), "{orgs:?}");
}

#[test]
fn a_lecture_hall_series_is_a_program() {
    let d = extract("街道开办“邻里大讲堂”，邀请专家讲解政策。");
    assert!(
        has(&d, EntityClass::Program, "邻里大讲堂"),
        "{:?}",
        names(&d, EntityClass::Program)
    );
}

#[test]
fn two_meetings_joined_by_ji_are_one_event() {
    let d = extract("全县经济工作会议暨招商引资推进会昨天在县城举行。");
    let programs = names(&d, EntityClass::Program);
    assert!(
        has(&d, EntityClass::Program, "全县经济工作会议暨招商引资推进会"),
        "{programs:?}"
    );
}

#[test]
fn a_short_name_declared_inside_an_event_name_stays_in_it() {
    let d = extract("高新区召开新材料产业(以下简称新材)发展大会。会上，8个新材产业项目签约。");
    let programs = names(&d, EntityClass::Program);
    assert!(has(&d, EntityClass::Program, "新材料产业发展大会"), "{programs:?}");
    // counted projects are a kind, not a name
    assert!(!programs.iter().any(|p| p.ends_with("产业项目")), "{programs:?}");
}

#[test]
fn a_system_named_after_a_post_keeps_its_leading_body() {
    let d = extract("各厂严格落实党委领导下的厂长负责制，也完善了董事会领导下的总经理负责制。");
    let programs = names(&d, EntityClass::Program);
    assert!(has(&d, EntityClass::Program, "党委领导下的厂长负责制"), "{programs:?}");
    // one character apart, two systems
    assert!(
        has(&d, EntityClass::Program, "董事会领导下的总经理负责制"),
        "{programs:?}"
    );
}

#[test]
fn a_counted_program_named_by_count_and_head_is_the_same_program() {
    let d = extract("全市实施五大乡村振兴提质行动。五大行动覆盖所有乡镇。");
    let programs: Vec<_> = d.entities.iter().filter(|e| e.class == EntityClass::Program).collect();
    assert_eq!(programs.len(), 1, "{:?}", names(&d, EntityClass::Program));
    assert!(programs[0].mentions.iter().any(|m| m.text == "五大行动"));
}

#[test]
fn a_program_with_its_year_is_the_program_and_a_meeting_about_projects_names_none() {
    let d = extract("惠农发展基金(以下简称惠农基金)由县财政出资。公司启动了2023年惠农基金第二批项目评审会。");
    let programs = names(&d, EntityClass::Program);
    assert_eq!(programs, vec!["惠农发展基金".to_string()], "{programs:?}");
}

#[test]
fn a_national_program_in_a_document_title_is_named_too() {
    let d = extract("县委组织部制定《河长制考核管理办法》，推动工作落实。");
    let programs = names(&d, EntityClass::Program);
    assert!(has(&d, EntityClass::Program, "河长制考核管理办法"), "{programs:?}");
    assert!(has(&d, EntityClass::Program, "河长制"), "{programs:?}");
}

#[test]
fn measures_named_by_purpose_and_count_are_a_document() {
    let d = extract("县里出台了支持返乡青年创业、促进乡村就业的十二条措施，当月实施。");
    let programs = names(&d, EntityClass::Program);
    assert!(
        has(&d, EntityClass::Program, "支持返乡青年创业、促进乡村就业的十二条措施"),
        "{programs:?}"
    );
}

#[test]
fn a_first_edition_event_keeps_shouji_and_its_results_are_no_part_of_it() {
    let d = extract("由省文旅厅主办的首届乡村摄影优秀作品征集活动结果揭晓。");
    let programs = names(&d, EntityClass::Program);
    assert!(
        has(&d, EntityClass::Program, "首届乡村摄影优秀作品征集活动"),
        "{programs:?}"
    );
}

#[test]
fn a_quoted_name_in_two_parts_joined_by_a_dot_is_a_brand() {
    let d = extract("新区依托“江城夜市·美食嘉年华”结果，优化营商环境。");
    let programs = names(&d, EntityClass::Program);
    assert!(has(&d, EntityClass::Program, "江城夜市·美食嘉年华"), "{programs:?}");
}

#[test]
fn numbered_halves_quoted_one_after_the_other_are_one_slogan() {
    let d = extract("会议强调，要锚定“两城”“三区”建设目标，发布“展、演、赛”活动日历。");
    let programs = names(&d, EntityClass::Program);
    assert!(has(&d, EntityClass::Program, "“两城”“三区”"), "{programs:?}");
    // one character each: kinds of activities, no name
    assert!(!programs.iter().any(|p| p.contains("展、演")), "{programs:?}");
}

#[test]
fn every_item_of_a_list_of_events_the_verb_introduces_is_named() {
    let d = extract("新区举办青年创新创业论坛、新材料产业人才对接交流会等20场活动。");
    let programs = names(&d, EntityClass::Program);
    assert!(
        has(&d, EntityClass::Program, "新材料产业人才对接交流会"),
        "{programs:?}"
    );
}

#[test]
fn a_loan_product_a_bank_grants_is_a_program_and_a_list_of_companies_stays_companies() {
    let d = extract("银行累计为300家企业发放科技成长信用贷款5亿元。");
    let programs = names(&d, EntityClass::Program);
    assert!(has(&d, EntityClass::Program, "科技成长信用贷款"), "{programs:?}");
    let d = extract("蓝湾时代、恒通化工、天启新材料等智能工厂项目入选全省名单。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(has(&d, EntityClass::Organization, "蓝湾时代"), "{orgs:?}");
}

#[test]
fn a_campaign_month_before_its_publicity_events_is_the_name() {
    let d = extract("各校扎实开展青少年阅读与写作能力提升月宣传活动，扩大覆盖面。");
    let programs = names(&d, EntityClass::Program);
    assert!(
        has(&d, EntityClass::Program, "青少年阅读与写作能力提升月"),
        "{programs:?}"
    );
}

#[test]
fn quoted_brands_listed_after_their_companies_are_each_named() {
    let d =
        extract("近年来，县里精心打造金桥物业“邻里守望”、川达精工“科创+党员先锋岗”等6个非公党建品牌，促进作用发挥。");
    let programs = names(&d, EntityClass::Program);
    assert!(has(&d, EntityClass::Program, "邻里守望"), "{programs:?}");
    assert!(has(&d, EntityClass::Program, "科创+党员先锋岗"), "{programs:?}");
}

#[test]
fn a_surname_before_a_form_of_address_is_the_documents_person_of_that_surname() {
    let d = extract("县委书记张明华来到村里。张书记说，要抓好产业。");
    let persons: Vec<_> = d.entities.iter().filter(|e| e.class == EntityClass::Person).collect();
    assert_eq!(persons.len(), 1, "{:?}", names(&d, EntityClass::Person));
    assert!(
        persons[0].mentions.iter().any(|m| m.text == "张"),
        "{:?}",
        persons[0].mentions
    );
    // with no full name, the address names the person; a member of a body is no address
    let d = extract("汤局长说，骨干培养成党员，胡老也来了。");
    let persons = names(&d, EntityClass::Person);
    assert!(has(&d, EntityClass::Person, "汤局长"), "{persons:?}");
    assert!(has(&d, EntityClass::Person, "胡老"), "{persons:?}");
    assert_eq!(persons.len(), 2, "{persons:?}");
}

#[test]
fn a_journalist_between_title_and_baodao_is_a_name_even_when_jieba_knows_the_word() {
    let d = extract("本报柏林5月25日电记者江建国报道：德国队获得冠军。");
    assert!(
        has(&d, EntityClass::Person, "江建国"),
        "{:?}",
        names(&d, EntityClass::Person)
    );
}

#[test]
fn campuses_and_bank_branches_are_sub_units_of_their_body() {
    let d = extract("区里依托西北农林大学榆林校区、陕西秦农农村商业银行米脂支行等力量推进合作。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(has(&d, EntityClass::Organization, "西北农林大学榆林校区"), "{orgs:?}");
    assert!(
        has(&d, EntityClass::Organization, "陕西秦农农村商业银行米脂支行"),
        "{orgs:?}"
    );
}

#[test]
fn a_noun_jieba_files_as_a_numeral_stays_in_a_company_name() {
    let d = extract("在她的推动下，重庆华铭汽车零部件有限公司与职业学院签订合作协议。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(
        has(&d, EntityClass::Organization, "重庆华铭汽车零部件有限公司"),
        "{orgs:?}"
    );
}

#[test]
fn a_clause_opening_with_an_unknown_name_names_its_project() {
    let d = extract("园区与浙江锐骐传动股份有限公司签约，锐骐高端重载齿轮箱智能制造项目正式落户园区。");
    let programs = names(&d, EntityClass::Program);
    assert!(
        has(&d, EntityClass::Program, "锐骐高端重载齿轮箱智能制造项目"),
        "{programs:?}"
    );
}

#[test]
fn a_listed_item_ending_like_its_sibling_bodies_is_a_body() {
    let d = extract("会上，四川大学、重庆大学、电子科技大学等单位共同发起成立联盟。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(has(&d, EntityClass::Organization, "电子科技大学"), "{orgs:?}");
}

#[test]
fn a_dotted_foreign_name_takes_back_the_characters_jieba_glued_to_its_neighbours() {
    let d = extract("会见了来访的芬兰农林部长卡里·维斯特宁。");
    let persons = names(&d, EntityClass::Person);
    assert!(has(&d, EntityClass::Person, "卡里·维斯特宁"), "{persons:?}");
    let d = extract("该所高级研究员玛丽莎·科斯塔斯说，前景可观。");
    let persons = names(&d, EntityClass::Person);
    assert!(has(&d, EntityClass::Person, "玛丽莎·科斯塔斯"), "{persons:?}");
}

#[test]
fn a_name_read_without_context_that_ends_in_a_settlement_word_is_no_person() {
    let d = extract("前刘卜村的一个村民自办了一个工厂。");
    let persons = names(&d, EntityClass::Person);
    assert!(persons.is_empty(), "{persons:?}");
}

#[test]
fn a_clause_opening_with_zuowei_names_no_subject_and_manner_words_leave_it_elided() {
    let d = extract("作为重庆电子信息产业的重要区域，璧山区提出要实施电子信息产业链主企业培育计划，优化产业布局。");
    assert!(
        related(&d, "璧山区", RelationKind::Implements, "电子信息产业链主企业培育计划"),
        "{:?}",
        relations(&d)
    );
    let d = extract("再出发，宜宾三江新区目标清晰：全面打造新区现代化建设“升级版”，聚力实施五大攻坚提升行动。");
    assert!(
        related(&d, "宜宾三江新区", RelationKind::Implements, "五大攻坚提升行动"),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn projects_a_district_signs_are_located_in_it_and_gaiqu_finds_the_district_in_a_body_name() {
    let d = extract(
        "榆林市加快发展。12月19日，在米脂高新区东区地块，工人们来来往往。米脂县委全力以赴抓好收官工作。目前，该县今年成功签约华锐、远澜等项目共计30个。",
    );
    assert!(
        related(&d, "远澜", RelationKind::LocatedIn, "米脂县"),
        "{:?}",
        relations(&d)
    );
    // the district keeps its place in the hierarchy whichever mention names it
    assert!(
        related(&d, "米脂县", RelationKind::PartOf, "榆林市"),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn a_provincial_department_with_a_joined_field_is_one_body() {
    let d = extract("陕西省召开座谈会。省工业和信息化厅副厅长王明介绍了情况。");
    assert!(
        has(&d, EntityClass::Organization, "陕西省工业和信息化厅"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
}

#[test]
fn a_quoted_slogan_joined_to_its_kind_by_de_or_named_a_goal_is_a_program() {
    let d = extract("白云县积极探索“园区+企业+农户”的创新发展模式,加快实现“三年倍增”目标。");
    let programs = names(&d, EntityClass::Program);
    assert!(has(&d, EntityClass::Program, "园区+企业+农户"), "{programs:?}");
    assert!(has(&d, EntityClass::Program, "三年倍增"), "{programs:?}");
}

#[test]
fn a_county_head_holds_the_post_in_the_county_government_the_page_names() {
    let d = extract(
        "武义县地处浙江中部。8月2日,武义县人民政府召开常务会议。武义县委副书记、县长李明华主持会议,副县长赵国庆参加会议。",
    );
    assert!(
        related(&d, "李明华", RelationKind::HoldsPost, "武义县人民政府"),
        "{:?}",
        d.relations
    );
    assert!(related(&d, "李明华", RelationKind::HoldsPost, "武义县委"));
    assert!(related(&d, "赵国庆", RelationKind::HoldsPost, "武义县人民政府"));
    // no government named: the head holds the post at the place
    let d = extract("浙江省武义县。8月2日,武义县委副书记、县长李明华来到王宅镇调研。");
    assert!(
        related(&d, "李明华", RelationKind::HoldsPost, "武义县"),
        "{:?}",
        d.relations
    );
}

#[test]
fn a_name_after_a_title_ends_where_the_tagger_ends_it() {
    // 率 (leads) starts the next word: the name is two characters
    let d = extract("市委副书记、市长王刚率宜都市党政代表团来考察。");
    assert!(
        has(&d, EntityClass::Person, "王刚"),
        "{:?}",
        names(&d, EntityClass::Person)
    );
}

#[test]
fn a_body_jieba_knows_whole_is_not_extended_left_by_an_ordinary_word() {
    let d = extract("省委书记非常关心浙江大学的学科建设。");
    assert_eq!(
        names(&d, EntityClass::Organization)
            .into_iter()
            .filter(|n| n.contains("大学"))
            .collect::<Vec<_>>(),
        vec!["浙江大学".to_owned()]
    );
}

#[test]
fn a_department_written_bare_after_its_committees_titles_is_that_committees() {
    let d = extract("武义县委常委、组织部长李明华出席活动。武义县委常委、秘书长、宣传部部长赵国庆主持。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(has(&d, EntityClass::Organization, "武义县委组织部"), "{orgs:?}");
    assert!(has(&d, EntityClass::Organization, "武义县委宣传部"), "{orgs:?}");
}

#[test]
fn a_title_after_a_listed_name_is_a_post_in_the_same_body() {
    let d = extract("青峰控股集团有限公司总经理李明华、副总经理赵国庆参加调研。");
    assert!(
        related(&d, "赵国庆", RelationKind::HoldsPost, "青峰控股集团有限公司"),
        "{:?}",
        d.relations
    );
}

#[test]
fn a_body_keeping_a_team_somewhere_is_dispatched_there() {
    let d = extract("浙江省武义县。浙江日报社驻王宅镇帮扶工作队接过接力棒。");
    assert!(
        related(&d, "浙江日报社", RelationKind::DispatchedTo, "王宅镇"),
        "{:?}",
        d.relations
    );
}

#[test]
fn items_of_a_project_list_that_end_like_projects_are_projects_and_located_where_introduced() {
    let d = extract(
        "东湖经开区积极招商，成功引进了松柏光伏发电项目、青禾绿色食品产业园二期、云帆数据基地等一批投资规模大、带动能力强的重大项目。",
    );
    for name in ["松柏光伏发电项目", "青禾绿色食品产业园二期", "云帆数据基地"] {
        assert!(
            has(&d, EntityClass::Program, name),
            "{name}: {:?}",
            names(&d, EntityClass::Program)
        );
    }
    assert!(
        related(&d, "青禾绿色食品产业园二期", RelationKind::LocatedIn, "东湖经开区"),
        "{:?}",
        relations(&d)
    );
    // a plain noun phrase before 等 with no project head is no list item
    let d = extract("他们参观了生产车间、展示大厅等重大项目现场。");
    assert!(
        names(&d, EntityClass::Program).is_empty(),
        "{:?}",
        names(&d, EntityClass::Program)
    );
}

#[test]
fn an_autonomous_region_committee_is_the_autonomous_region_the_page_names() {
    // a province named more often does not complete 自治区党委: only an autonomous region can
    let d = extract(
        "西藏自治区与湖南省签署合作协议。湖南省委、湖南省政府高度重视。自治区党委书记王建华会见了湖南省企业家。",
    );
    assert!(
        has(&d, EntityClass::Organization, "西藏自治区党委"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
    assert!(
        related(&d, "王建华", RelationKind::HoldsPost, "西藏自治区党委"),
        "{:?}",
        relations(&d)
    );
    assert!(!has(&d, EntityClass::Organization, "湖南省党委"));
}

#[test]
fn a_name_read_from_its_shape_yields_to_the_company_the_page_names_so() {
    // the tagger reads 江小白 before 旗下 as a person; the page names the company 江小白酒业
    let d = extract("前不久，区里宣布对江小白旗下酒庄进行投资。江小白酒业将进一步做大。");
    assert!(
        names(&d, EntityClass::Person).is_empty(),
        "{:?}",
        names(&d, EntityClass::Person)
    );
}

#[test]
fn a_township_head_read_into_its_committee_holds_the_head_post_at_the_township_once() {
    let d = extract(
        "浙江省乐清市柳市镇举行签约仪式。柳市镇党委副书记、镇长王建华主持。会后，柳市镇党委副书记、镇长王建华接受采访。",
    );
    let post = |tail: &str| {
        d.relations
            .iter()
            .find(|r| r.kind == RelationKind::HoldsPost && r.head == "王建华" && r.tail == tail)
            .and_then(|r| r.title.clone())
    };
    assert_eq!(post("柳市镇").as_deref(), Some("镇长"), "{:?}", relations(&d));
    assert_eq!(post("柳市镇党委").as_deref(), Some("副书记"), "{:?}", relations(&d));
}

#[test]
fn officials_sign_for_the_place_whose_government_they_head_with_partners_listed_by_commas() {
    let d = extract(
        "温州市举办推介会，温州市多家企业参加。乐清市委常委、副市长王建华，副市长李明分别与东海新材料有限公司,南山科技有限公司,北辰集团签订合作协议。",
    );
    // the 副市长 after 乐清市委常委 is 乐清's, not the city the page names more often
    assert!(
        related(&d, "李明", RelationKind::HoldsPost, "乐清市"),
        "{:?}",
        relations(&d)
    );
    for company in ["东海新材料有限公司", "南山科技有限公司", "北辰集团"] {
        let partners = d.relations.iter().any(|r| {
            r.kind == RelationKind::PartnersWith
                && ((r.head == "乐清市" && r.tail == company) || (r.head == company && r.tail == "乐清市"))
        });
        assert!(partners, "{company}: {:?}", relations(&d));
    }
}

#[test]
fn a_team_stationed_by_a_body_is_named_with_it_and_the_body_sends_it_where_it_goes() {
    let d = extract(
        "湖南青山出版集团有限公司选派干部组队。湖南青山出版集团有限公司驻村帮扶工作队到安化县江南镇木溪口村开展驻村帮扶。",
    );
    let team = "湖南青山出版集团有限公司驻村帮扶工作队";
    assert!(
        has(&d, EntityClass::Organization, team),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
    assert!(
        related(&d, "湖南青山出版集团有限公司", RelationKind::DispatchedTo, "木溪口村"),
        "{:?}",
        relations(&d)
    );
    assert!(
        related(&d, team, RelationKind::LocatedIn, "木溪口村"),
        "{:?}",
        relations(&d)
    );
    // only the innermost of the places written together is where the team goes
    assert!(!related(
        &d,
        "湖南青山出版集团有限公司",
        RelationKind::DispatchedTo,
        "安化县"
    ));
}

#[test]
fn a_team_named_with_its_places_names_them_and_is_in_the_innermost() {
    let d = extract("湖南日报社选派干部。湖南日报社驻安化县仙溪镇大溪村帮扶工作队队员王建华已经是个老队员了。");
    let team = "湖南日报社驻安化县仙溪镇大溪村帮扶工作队";
    assert!(
        has(&d, EntityClass::Organization, team),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
    for place in ["安化县", "仙溪镇", "大溪村"] {
        assert!(
            has(&d, EntityClass::Place, place),
            "{place}: {:?}",
            names(&d, EntityClass::Place)
        );
    }
    assert!(
        related(&d, team, RelationKind::LocatedIn, "大溪村"),
        "{:?}",
        relations(&d)
    );
    assert!(
        related(&d, "湖南日报社", RelationKind::DispatchedTo, "大溪村"),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn the_members_of_a_stationed_team_go_where_it_is() {
    let d = extract("湖南日报社选派干部。湖南日报社驻安化县仙溪镇大溪村帮扶工作队队长李明说，要做好帮扶。");
    assert!(
        related(
            &d,
            "李明",
            RelationKind::HoldsPost,
            "湖南日报社驻安化县仙溪镇大溪村帮扶工作队"
        ),
        "{:?}",
        relations(&d)
    );
    assert!(
        related(&d, "李明", RelationKind::DispatchedTo, "大溪村"),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn a_county_of_one_character_keeps_its_level_word_twice_in_its_committee() {
    let d = extract("温县县委副书记张三出席。北京市丰台区区委书记李四讲话。");
    for body in ["温县县委", "丰台区委"] {
        assert!(
            has(&d, EntityClass::Organization, body),
            "{body}: {:?}",
            names(&d, EntityClass::Organization)
        );
    }
    assert!(
        related(&d, "张三", RelationKind::HoldsPost, "温县县委"),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn an_event_named_after_the_body_that_holds_it_names_the_body_which_runs_it() {
    let d = extract("会议传达学习了全国工商联民营经济工作座谈会精神。");
    assert!(
        has(&d, EntityClass::Organization, "全国工商联"),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
    assert!(
        related(
            &d,
            "全国工商联",
            RelationKind::Implements,
            "全国工商联民营经济工作座谈会"
        ),
        "{:?}",
        relations(&d)
    );
}

#[test]
fn a_delegation_goes_with_its_leader_and_for_the_body_that_formed_it() {
    let d = extract("9月3日,江北区组成由区委书记周海涛带队的招商考察团赴苏州开展对接活动。");
    assert!(
        related(&d, "江北区", RelationKind::DispatchedTo, "苏州市"),
        "{:?}",
        d.relations
    );
    assert!(related(&d, "周海涛", RelationKind::DispatchedTo, "苏州市"));
    // the delegation's generic name says nobody's: the travellers stand for it
    assert!(
        !d.relations
            .iter()
            .any(|r| r.head == "招商考察团" && r.kind == RelationKind::DispatchedTo),
        "{:?}",
        d.relations
    );
}

#[test]
fn a_field_of_activity_after_a_name_is_no_company() {
    // 发展 and 建设 name what a place or a plan develops, not a company's trade
    let d = extract("全力支持安吉发展,推动“港口建设、园区建设”,并与红杉投资签约。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(
        !orgs.iter().any(|o| o.ends_with("发展") || o.ends_with("建设")),
        "{orgs:?}"
    );
    // other trades still make brand names
    assert!(orgs.contains(&"红杉投资".to_owned()), "{orgs:?}");
}
