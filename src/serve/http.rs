//! The HTTP plumbing of `guanxi serve`, kept apart from what the endpoints mean: replies, query
//! strings and forms, `Accept` negotiation, bounded request bodies, and the tiny client
//! `guanxi ingest` uses to hand documents to a running server.

use std::io::{Read, Write};
use std::time::Duration;

/// A response before it is written.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// A plain-text message (errors name what went wrong and what to do).
    pub fn text(status: u16, message: impl Into<String>) -> Self {
        let mut m = message.into();
        if !m.ends_with('\n') {
            m.push('\n');
        }
        Self::new(status, "text/plain; charset=utf-8", m)
    }

    pub fn json(status: u16, value: &serde_json::Value) -> Self {
        Self::new(status, "application/json; charset=utf-8", value.to_string())
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Into a tiny_http response.
    pub fn into_response(self) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
        let mut r = tiny_http::Response::from_data(self.body).with_status_code(self.status);
        for (k, v) in self.headers {
            if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                r.add_header(h);
            }
        }
        r
    }
}

/// Decodes `%XX` escapes and, in forms, `+` as a space; invalid UTF-8 is replaced.
pub fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query-string value.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `a=1&b=2` pairs, decoded, in order (names may repeat: `named-graph-uri`).
pub fn parse_pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k, true), percent_decode(v, true)),
            None => (percent_decode(p, true), String::new()),
        })
        .collect()
}

/// The first value of a parameter.
pub fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// A request's path and decoded query pairs.
pub fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    match url.split_once('?') {
        Some((p, q)) => (percent_decode(p, false), parse_pairs(q)),
        None => (percent_decode(url, false), Vec::new()),
    }
}

/// A header's value (first occurrence, case-insensitive name).
pub fn header(req: &tiny_http::Request, name: &str) -> Option<String> {
    req.headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str().to_owned())
}

/// The media type of a `Content-Type` header, lower-cased, without parameters.
pub fn media_type(value: &str) -> String {
    value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// Reads a request body of at most `limit` bytes; `Err(true)` when it is larger (413),
/// `Err(false)` on a read error.
pub fn read_body(req: &mut tiny_http::Request, limit: usize) -> Result<Vec<u8>, bool> {
    if req.body_length().is_some_and(|n| n > limit) {
        return Err(true);
    }
    let mut body = Vec::new();
    let read = req
        .as_reader()
        .take(limit as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|_| false)?;
    if read > limit {
        return Err(true);
    }
    Ok(body)
}

/// Chooses among `offers` (media type, value), in our order of preference, the one the `Accept`
/// header rates highest; no header or `*/*` takes the first. `None`: nothing offered is
/// acceptable (406).
pub fn negotiate<T: Copy>(accept: Option<&str>, offers: &[(&str, T)]) -> Option<T> {
    let accept = accept.map(str::trim).filter(|a| !a.is_empty());
    let Some(accept) = accept else {
        return offers.first().map(|o| o.1);
    };
    // (type, subtype, q)
    let ranges: Vec<(String, String, f32)> = accept
        .split(',')
        .filter_map(|r| {
            let mut parts = r.split(';');
            let mt = parts.next()?.trim().to_ascii_lowercase();
            let (t, s) = mt.split_once('/')?;
            let mut q = 1.0;
            for p in parts {
                if let Some(v) = p.trim().strip_prefix("q=") {
                    q = v.trim().parse().unwrap_or(0.0);
                }
            }
            Some((t.to_owned(), s.to_owned(), q))
        })
        .collect();
    let mut best: Option<(f32, T)> = None;
    for (mt, value) in offers {
        let (t, s) = mt.split_once('/').unwrap_or((mt, ""));
        // the most specific range that matches decides the quality
        let q = ranges
            .iter()
            .filter_map(|(rt, rs, q)| {
                let specificity = match (rt.as_str(), rs.as_str()) {
                    (a, b) if a == t && b == s => 3,
                    (a, "*") if a == t => 2,
                    ("*", "*") => 1,
                    _ => return None,
                };
                Some((specificity, *q))
            })
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|x| x.1);
        if let Some(q) = q
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, *value));
        }
    }
    best.map(|b| b.1)
}

/// A response read by [`post`].
pub struct ClientResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

/// POSTs `body` to `http://{addr}{path}` and reads the whole response (HTTP/1.1, one request
/// per connection). Enough for `guanxi ingest` talking to its own server on this machine.
pub fn post(
    addr: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    timeout: Duration,
) -> std::io::Result<ClientResponse> {
    let mut s = std::net::TcpStream::connect(addr)?;
    s.set_read_timeout(Some(timeout))?;
    s.set_write_timeout(Some(timeout))?;
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())?;
    s.write_all(body)?;
    s.flush()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "malformed HTTP response");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(bad)?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(bad)?;
    let mut body = raw[split + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    Ok(ClientResponse { status, body })
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&b[..eol])
            .ok()
            .and_then(|h| usize::from_str_radix(h.split(';').next().unwrap_or("").trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 || eol + 2 + size > b.len() {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[(eol + 4 + size).min(b.len())..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_forms_and_urls() {
        assert_eq!(percent_decode("a+b%20c%E6%B6%AA", true), "a b c涪");
        assert_eq!(percent_decode("100%", false), "100%");
        assert_eq!(percent_decode("%zz", false), "%zz");
        let (p, q) = split_url("/sparql?query=SELECT%20*&x=1&named-graph-uri=a&named-graph-uri=b");
        assert_eq!(p, "/sparql");
        assert_eq!(param(&q, "query"), Some("SELECT *"));
        assert_eq!(q.iter().filter(|(k, _)| k == "named-graph-uri").count(), 2);
        assert_eq!(percent_decode(&percent_encode("涪陵 a&b"), false), "涪陵 a&b");
    }

    #[test]
    fn negotiates_by_quality_and_specificity() {
        let offers = [
            ("application/sparql-results+json", 1),
            ("text/csv", 2),
            ("text/tab-separated-values", 3),
        ];
        assert_eq!(negotiate(None, &offers), Some(1));
        assert_eq!(negotiate(Some("*/*"), &offers), Some(1));
        assert_eq!(negotiate(Some("text/csv"), &offers), Some(2));
        assert_eq!(negotiate(Some("text/*;q=0.5, text/csv;q=0.1"), &offers), Some(3));
        assert_eq!(negotiate(Some("application/json, */*;q=0.1"), &offers), Some(1));
        assert_eq!(negotiate(Some("image/png"), &offers), None);
        assert_eq!(negotiate(Some("text/csv;q=0"), &offers[1..2]), None);
    }
}
