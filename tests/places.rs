//! Place resolution on short invented sentences: full division names anywhere in the country,
//! former names, villages of the national table only where the text places them, and the page's
//! home place for bodies written with a bare level word. None of these sentences come from a
//! gold page.

mod common;

use common::{extract, names};
use guanxi::extract::{DocumentExtraction, EntityClass, Subtype};

fn place<'a>(d: &'a DocumentExtraction, name: &str) -> Option<&'a guanxi::extract::Entity> {
    d.entities
        .iter()
        .find(|e| e.class == EntityClass::Place && (e.name == name || e.aliases.iter().any(|a| a == name)))
}

#[test]
fn a_county_named_in_full_is_a_place_whatever_province_the_page_is_about() {
    let d = extract("重庆市代表团到江西省鄱阳县考察,重庆市与鄱阳县签订协议。");
    let p = place(&d, "鄱阳县").unwrap_or_else(|| panic!("{:?}", names(&d, EntityClass::Place)));
    assert_eq!(p.code.as_deref(), Some("361128"));
}

#[test]
fn a_former_county_name_resolves_to_the_division_it_became() {
    let d = extract("调研组来到毕节市黔西县开展调研。");
    let p = place(&d, "黔西县").unwrap_or_else(|| panic!("{:?}", names(&d, EntityClass::Place)));
    assert_eq!(p.name, "黔西市");
    assert_eq!(p.code.as_deref(), Some("520581"));
    assert!(place(&d, "毕节市").is_some());
}

#[test]
fn a_village_after_its_township_comes_from_the_national_table() {
    let d = extract("工作组到黔西市雨朵镇小水井村走访农户。");
    let v = place(&d, "小水井村").unwrap_or_else(|| panic!("{:?}", names(&d, EntityClass::Place)));
    assert_eq!(v.subtype, Subtype::Village);
    assert!(
        v.code.as_deref().is_some_and(|c| c.starts_with("520581101")),
        "{:?}",
        v.code
    );
}

#[test]
fn a_village_name_alone_is_no_place_of_the_national_table() {
    // the table has hundreds of villages of this name: alone, it names none of them (the
    // tagger may still read a place there, but no division code is guessed)
    let d = extract("红旗村的西瓜今年丰收。");
    assert!(
        place(&d, "红旗村").is_none_or(|p| p.code.is_none()),
        "{:?}",
        place(&d, "红旗村")
    );
}

#[test]
fn a_village_before_a_village_cue_in_a_page_naming_its_county_is_a_place() {
    let d = extract("黔西市开展党建结对活动。\n\n小水井村党支部书记介绍了种植情况。");
    let v = place(&d, "小水井村").unwrap_or_else(|| panic!("{:?}", names(&d, EntityClass::Place)));
    assert!(
        v.code.as_deref().is_some_and(|c| c.starts_with("520581")),
        "{:?}",
        v.code
    );
}

#[test]
fn a_province_short_name_and_full_name_are_found() {
    let d = extract("四川与陕西省签署合作协议。");
    assert!(place(&d, "四川").is_some(), "{:?}", names(&d, EntityClass::Place));
    assert!(place(&d, "陕西省").is_some(), "{:?}", names(&d, EntityClass::Place));
}

#[test]
fn a_bare_city_committee_is_the_pages_home_city_not_the_city_a_caption_names() {
    let d = extract(
        "代表团赴外地考察\n\n2020-01-02 来源:吉林市人民政府网\n\n考察团参观温州市规划馆。\n\n市委书记王明远带队赴浙江考察。",
    );
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.iter().any(|o| o == "吉林市委"), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o == "温州市委"), "{orgs:?}");
}

#[test]
fn a_dateline_states_the_home_city() {
    let d = extract("某某新闻网广元4月20日讯 市委召开常委会议。\n\n会议研究了招商工作。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.iter().any(|o| o == "广元市委"), "{orgs:?}");
}

#[test]
fn a_bare_city_committee_with_no_city_known_gets_no_invented_city() {
    let d = extract("市委召开常委会议,研究部署招商工作。");
    let orgs = names(&d, EntityClass::Organization);
    assert!(orgs.iter().all(|o| !o.ends_with("市委") || o == "市委"), "{orgs:?}");
}

#[test]
fn a_county_short_name_that_is_an_ordinary_word_where_it_stands_is_no_place() {
    // 资源县 is a county of Guangxi; in a Guangxi page 资源与环境 is still resources
    let d = extract("广西壮族自治区河池市召开会议。研究院在生物与医药、资源与环境等领域开展研究。");
    assert!(place(&d, "资源县").is_none(), "{:?}", names(&d, EntityClass::Place));
    assert!(place(&d, "河池市").is_some());
}

#[test]
fn a_delegation_that_comes_to_a_zone_is_no_part_of_the_zones_name() {
    let d = extract("9月16日,宜都市党政代表团来宜昌经开区考察。");
    let places = names(&d, EntityClass::Place);
    assert!(!places.iter().any(|p| p.contains("代表团")), "{places:?}");
}

#[test]
fn the_place_opening_a_media_name_is_named_too() {
    let d = extract("甘肃日报讯(记者 王明)3月5日,省委召开会议。");
    assert!(place(&d, "甘肃省").is_some(), "{:?}", names(&d, EntityClass::Place));
    // a company only carries its place's name
    let d = extract("甘肃瑞华新材料有限公司投产。");
    assert!(place(&d, "甘肃省").is_none(), "{:?}", names(&d, EntityClass::Place));
}

#[test]
fn a_tagged_township_and_village_are_two_places_not_one() {
    let d = extract("他来到桃溪镇陶村调研。");
    let places = names(&d, EntityClass::Place);
    assert!(!places.iter().any(|p| p == "桃溪镇陶村"), "{places:?}");
    assert!(place(&d, "陶村").is_some(), "{places:?}");
}

#[test]
fn a_short_city_name_alone_on_its_page_is_a_place_when_the_tagger_is_sure_of_it() {
    // nothing else on the page names the province; the rules doubt a three-character 市 name
    for (text, city) in [("大同市召开会议。", "大同市"), ("西宁市召开会议。", "西宁市")] {
        let d = extract(text);
        assert!(place(&d, city).is_some(), "{text}: {:?}", names(&d, EntityClass::Place));
    }
    // an accident of the text stays no place
    let d = extract("形成以产业聚人气、兴城市的发展氛围。");
    assert!(place(&d, "兴城市").is_none(), "{:?}", names(&d, EntityClass::Place));
}

#[test]
fn a_park_after_a_company_is_the_companys_park_not_part_of_its_name() {
    let d = extract("听取了江苏恒通机械集团有限公司徐州高端装备产业园的建设情况介绍。");
    assert!(
        names(&d, EntityClass::Organization).contains(&"江苏恒通机械集团有限公司".to_owned()),
        "{:?}",
        names(&d, EntityClass::Organization)
    );
    let places = names(&d, EntityClass::Place);
    assert!(places.iter().all(|p| !p.contains("有限公司")), "{places:?}");
}
