//! Conformance runner (Rust side) for `tests/conformance/driver.py`.
//!
//! Reads cases from stdin, one per line: `ID<TAB>FUNCTION<TAB>ARG…`, where a
//! float argument is its IEEE-754 bit pattern as 16 hex digits prefixed with
//! `f:` and a text argument is prefixed with `s:` (or is `x:` and the hex of
//! its UTF-8 bytes, when it holds a tab, CR or LF). Writes one line per
//! case: `ID<TAB>ok<TAB>f:BITS`, `ID<TAB>ok<TAB>s:TEXT` (`x:HEX` for a text
//! with a tab, CR or LF) or `ID<TAB>err<TAB>KIND`.

mod dispatch;

use std::io::{BufRead, BufWriter, Write};

use dispatch::{evaluate, Arg, Outcome};

fn parse_arg(s: &str) -> Arg {
    if let Some(hex) = s.strip_prefix("f:") {
        Arg::Float(f64::from_bits(
            u64::from_str_radix(hex, 16).expect("hex float"),
        ))
    } else if let Some(t) = s.strip_prefix("s:") {
        Arg::Text(t.to_owned())
    } else if let Some(hex) = s.strip_prefix("x:") {
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex text"))
            .collect();
        Arg::Text(String::from_utf8(bytes).expect("UTF-8 text"))
    } else {
        panic!("bad argument {s:?}")
    }
}

fn main() {
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        let id = parts.next().expect("id");
        let function = parts.next().expect("function");
        let args: Vec<Arg> = parts.map(parse_arg).collect();
        let result = match evaluate(function, &args) {
            Outcome::Float(v) => format!("ok\tf:{:016x}", v.to_bits()),
            Outcome::Text(t) if t.contains(['\t', '\r', '\n']) => {
                let hex: String = t.bytes().map(|b| format!("{b:02x}")).collect();
                format!("ok\tx:{hex}")
            }
            Outcome::Text(t) => format!("ok\ts:{t}"),
            Outcome::Error(kind) => format!("err\t{kind}"),
        };
        writeln!(out, "{id}\t{result}").expect("stdout");
    }
}
