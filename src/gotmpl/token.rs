//! The tokens of Go's text/template lexer (`text/template/parse/lex.go`, Go 1.19).

/// A token: its kind and its byte range in the template text.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: Tok,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Text,
    LeftDelim,
    RightDelim,
    /// A run of spaces inside an action: it separates arguments.
    Space,
    /// `:=`
    Declare,
    /// `=`
    Assign,
    Pipe,
    LeftParen,
    RightParen,
    /// `"..."`, quotes included.
    String,
    /// `` `...` ``, quotes included.
    RawString,
    /// `'x'`, quotes included.
    CharConst,
    Number,
    /// `1+2i`
    Complex,
    Bool,
    /// `$`, `$x`
    Variable,
    /// `.Name`
    Field,
    Identifier,
    /// Any other printable ASCII character inside an action, such as `,`.
    Char,
    Keyword(Keyword),
    Eof,
    /// The lexer stops at its first error.
    Error(crate::gotmpl::ErrorKind),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyword {
    Dot,
    Block,
    Break,
    Continue,
    Define,
    Else,
    End,
    If,
    Nil,
    Range,
    Template,
    With,
}

impl Keyword {
    pub fn from_word(word: &str) -> Option<Keyword> {
        Some(match word {
            "block" => Keyword::Block,
            "break" => Keyword::Break,
            "continue" => Keyword::Continue,
            "define" => Keyword::Define,
            "else" => Keyword::Else,
            "end" => Keyword::End,
            "if" => Keyword::If,
            "nil" => Keyword::Nil,
            "range" => Keyword::Range,
            "template" => Keyword::Template,
            "with" => Keyword::With,
            _ => return None,
        })
    }
}
