//! Recognizer behaviour on short invented sentences: each test pins one mechanism (a context, a
//! grammar, a data table) so a change that breaks it names itself. None of these names come from
//! the seeds.

use guanxi::extract::{DocumentExtraction, EntityClass, Extractor, RelationKind};
use guanxi::text::Document;
use std::sync::OnceLock;

fn extract(text: &str) -> DocumentExtraction {
    static EX: OnceLock<Extractor> = OnceLock::new();
    let ex = EX.get_or_init(|| Extractor::new().unwrap());
    ex.extract(&Document::from_text("t.txt", text))
}

fn names(d: &DocumentExtraction, class: EntityClass) -> Vec<String> {
    d.entities
        .iter()
        .filter(|e| e.class == class)
        .map(|e| e.name.clone())
        .collect()
}

fn has(d: &DocumentExtraction, class: EntityClass, name: &str) -> bool {
    d.entities.iter().any(|e| e.class == class && e.name == name)
}

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
