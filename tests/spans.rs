//! Span grammars of organizations and programs, on invented sentences: registered company names
//! (place + brand + trade + legal form), programs bounded as names and never as clauses, quoted
//! models joined by +.

mod common;

use common::{extract, names};
use guanxi::extract::EntityClass;

#[test]
fn a_registered_name_keeps_its_place_and_its_whole_brand() {
    let d = extract("总投资5亿元的县政府与成都市华盛五洲木业有限公司签订新型板材生产项目。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.contains(&"成都市华盛五洲木业有限公司".to_owned()), "{orgs:?}");
}

#[test]
fn the_brand_before_a_bracketed_place_is_part_of_the_name() {
    let d = extract("组织发动华科显示电子(中国)有限公司、华科显示(深圳)有限公司等企业参加活动。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.contains(&"华科显示(深圳)有限公司".to_owned()), "{orgs:?}");
    assert!(orgs.contains(&"华科显示电子(中国)有限公司".to_owned()), "{orgs:?}");
}

#[test]
fn a_group_before_its_subsidiary_is_part_of_the_subsidiarys_name() {
    let d = extract("远大集团汉中化学有限责任公司、秦岭集团安康矿业有限责任公司等企业代表出席。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.contains(&"远大集团汉中化学有限责任公司".to_owned()), "{orgs:?}");
}

#[test]
fn a_new_word_after_a_preposition_keeps_its_first_character() {
    let d = extract("活动在豪达文化传媒股份有限公司举行。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.contains(&"豪达文化传媒股份有限公司".to_owned()), "{orgs:?}");
}

#[test]
fn a_signing_verb_introduces_a_project_by_its_full_name() {
    let d = extract("总投资5亿元的县政府与成都市华盛五洲木业有限公司签订新型板材生产项目。");
    let programs = names(&d, EntityClass::Program);
    assert!(programs.contains(&"新型板材生产项目".to_owned()), "{programs:?}");
}

#[test]
fn quoted_parts_joined_by_plus_before_a_way_of_working_are_a_model() {
    let d = extract("该镇探索“合作社+农户+电商”经营模式,推行“夜校+田间”培训方式。他说“苹果+香蕉”很好吃。");
    let programs = names(&d, EntityClass::Program);
    assert!(programs.contains(&"合作社+农户+电商".to_owned()), "{programs:?}");
    assert!(programs.contains(&"夜校+田间".to_owned()), "{programs:?}");
    assert!(!programs.iter().any(|p| p.contains("香蕉")), "{programs:?}");
    // joined to its kind by 的 it names the model too (the guidelines' annotators read
    // “A+B+C”的运作模式 as a program)
    let d = extract("村里探索“院校+农户”的合作模式。");
    assert_eq!(names(&d, EntityClass::Program), vec!["院校+农户".to_owned()]);
}

#[test]
fn a_clause_with_a_persons_action_verb_is_no_event() {
    let d = extract("县政协副主席王明远应邀参加会议。");
    let programs = names(&d, EntityClass::Program);
    assert!(!programs.iter().any(|p| p.contains("应邀")), "{programs:?}");
}

#[test]
fn a_conjunction_after_a_programs_attribute_starts_the_next_name() {
    let d = extract("会议要求,贯彻落实全国宣传工作会议精神和全国统战工作座谈会精神。");
    let programs = names(&d, EntityClass::Program);
    assert!(programs.contains(&"全国宣传工作会议".to_owned()), "{programs:?}");
    assert!(programs.contains(&"全国统战工作座谈会".to_owned()), "{programs:?}");
    assert!(!programs.iter().any(|p| p.contains("精神")), "{programs:?}");
}

#[test]
fn a_cue_followed_by_a_count_names_a_kind() {
    let d = extract("今年该县启动保障和改善民生项目15个。");
    let programs = names(&d, EntityClass::Program);
    assert!(!programs.iter().any(|p| p.ends_with("民生项目")), "{programs:?}");
}

#[test]
fn a_meeting_of_a_whole_jurisdiction_is_named_by_its_scope() {
    let d = extract("全市商务系统招商工作经验交流会在城南召开。");
    let programs = names(&d, EntityClass::Program);
    assert!(
        programs.contains(&"全市商务系统招商工作经验交流会".to_owned()),
        "{programs:?}"
    );
}

#[test]
fn a_list_marker_opens_no_name() {
    let d = extract("(一)基金规模。本基金总规模10亿元。");
    let programs = names(&d, EntityClass::Program);
    assert!(!programs.iter().any(|p| p.starts_with('(')), "{programs:?}");
}

#[test]
fn datelines_and_source_lines_name_the_outlet() {
    let d = extract(
        "来源: 江城晨网-江城日报原创\n\n江城在线6月3日讯(记者 张明)昨天,会议召开。\n\n【远山网江北讯】近日,会议召开。\n\n本报讯 会议召开。\n",
    );
    let orgs = names(&d, EntityClass::Organization);
    for outlet in ["江城晨网", "江城日报", "江城在线", "远山网"] {
        assert!(orgs.contains(&outlet.to_owned()), "{outlet} in {orgs:?}");
    }
    assert!(!orgs.iter().any(|o| o.contains("本报")), "{orgs:?}");
}

#[test]
fn a_title_and_a_name_before_a_body_are_no_part_of_it() {
    let d = extract("5月3日,区委书记赵宁远到江南大学新材料研究院调研。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(!orgs.iter().any(|o| o.contains("书记")), "{orgs:?}");
}

#[test]
fn a_short_bracketed_word_stays_in_a_project_introduced_by_its_verb() {
    let d = extract("县政府与华远建材有限公司签订年产5万件(套)新型建材生产项目。");
    let programs = names(&d, EntityClass::Program);
    assert!(
        programs.iter().any(|p| p.contains("(套)") && p.ends_with("生产项目")),
        "{programs:?}"
    );
}

#[test]
fn a_committee_and_its_government_are_two_bodies() {
    let d = extract("记者了解到,隆回县党委政府积极打造电商服务中心。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(!orgs.iter().any(|o| o.ends_with("党委政府")), "{orgs:?}");
    assert!(orgs.contains(&"隆回县党委".to_owned()), "{orgs:?}");
}
