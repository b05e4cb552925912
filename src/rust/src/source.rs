//! The Rust source of the kernels, compiled into the library so that
//! `twin_source()` shows exactly the code that runs.

/// Every source file that contains a kernel, a binding or a loop that calls
/// R, by path.
const SOURCES: [(&str, &str); 7] = [
    (
        "kernels/activation.rs",
        include_str!("kernels/activation.rs"),
    ),
    ("kernels/batch.rs", include_str!("kernels/batch.rs")),
    ("kernels/loss.rs", include_str!("kernels/loss.rs")),
    ("kernels/real.rs", include_str!("kernels/real.rs")),
    ("kernels/sum.rs", include_str!("kernels/sum.rs")),
    ("gradient.rs", include_str!("gradient.rs")),
    ("lib.rs", include_str!("lib.rs")),
];

/// Returns the source of the function `name`, with its doc comment and
/// attributes, prefixed by a comment naming its file, or `None` if no file
/// defines a function of that name at the top level.
pub fn function_source(name: &str) -> Option<String> {
    SOURCES.iter().find_map(|(path, text)| {
        extract_function(text, name).map(|code| format!("// src/rust/src/{path}\n{code}"))
    })
}

/// Cuts the top-level function `name` out of `text`: from its doc comment
/// to the `}` that closes it at the start of a line.
fn extract_function(text: &str, name: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let is_signature = |line: &str| {
        let rest = line.strip_prefix("pub ").unwrap_or(line);
        rest.strip_prefix("fn ")
            .and_then(|rest| rest.strip_prefix(name))
            .is_some_and(|rest| rest.starts_with('(') || rest.starts_with('<'))
    };
    let signature = lines.iter().position(|line| is_signature(line))?;
    let mut start = signature;
    while start > 0 && (lines[start - 1].starts_with("///") || lines[start - 1].starts_with("#[")) {
        start -= 1;
    }
    let end = signature + lines[signature..].iter().position(|line| *line == "}")?;
    Some(lines[start..=end].join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_kernel_with_its_doc_comment() {
        let code = function_source("sigmoid_into").expect("sigmoid_into is defined");
        assert!(code.starts_with("// src/rust/src/kernels/activation.rs\n/// Computes the sigmoid"));
        assert!(code.contains("pub fn sigmoid_into<T: RealInput>("));
        assert!(code.ends_with("\n}"));
        assert!(!code.contains("pub fn relu_into"));
    }

    #[test]
    fn does_not_match_a_longer_name() {
        let code = function_source("sigmoid_grad_into").expect("defined");
        assert!(code.contains("pub fn sigmoid_grad_into"));
        assert!(function_source("sigmoid").is_none());
        assert!(function_source("no_such_function").is_none());
    }
}
