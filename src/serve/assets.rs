//! The explorer page, embedded in the binary (plain HTML, CSS and JavaScript: no CDN, nothing
//! fetched at run time), and the README's example queries for its SPARQL box, read from the
//! README itself so the two never drift apart.

use super::http::Reply;
use serde_json::{Value, json};

const INDEX: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/style.css");
const README: &str = include_str!("../../README.md");

/// A static asset, or `None` for paths the workers answer.
pub fn serve(path: &str) -> Option<Reply> {
    let (kind, body) = match path {
        "/" | "/index.html" => ("text/html; charset=utf-8", INDEX),
        "/app.js" => ("text/javascript; charset=utf-8", SCRIPT),
        "/style.css" => ("text/css; charset=utf-8", STYLE),
        "/favicon.ico" => return Some(Reply::text(204, "")),
        _ => return None,
    };
    Some(Reply::new(200, kind, body).header("Cache-Control", "no-cache").header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
    ))
}

/// The README's `guanxi query` examples: `{title, query}`, in README order. A title is the bold
/// lead of the paragraph before the example.
pub fn examples() -> Vec<Value> {
    let mut out = Vec::new();
    let mut title = String::new();
    for line in README.lines() {
        if let Some(rest) = line.strip_prefix("**")
            && let Some(end) = rest.find("**")
        {
            title = rest[..end].trim_end_matches(['.', ':', '，', '：']).to_owned();
        }
        if let Some(q) = line
            .strip_prefix("<!-- run: guanxi query '")
            .and_then(|r| r.strip_suffix("' -->"))
        {
            out.push(json!({ "title": title, "query": q }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn readme_examples_are_found_with_titles() {
        let ex = super::examples();
        assert!(ex.len() >= 5, "{ex:?}");
        assert!(ex.iter().all(|e| !e["title"].as_str().unwrap_or("").is_empty()));
        assert!(
            ex.iter()
                .any(|e| e["query"].as_str().unwrap_or("").contains("第一书记"))
        );
    }
}
