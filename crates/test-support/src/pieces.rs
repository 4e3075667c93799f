//! Fragments of hostile input that generated strings are built from: HTML, Markdown, URL and
//! Unicode tricks. Shared by the structured fuzz target and the property tests (`#[path]`).

/// Each is short; generators join several, with plain text and arbitrary characters between.
pub const PIECES: &[&str] = &[
    // HTML that must stay text
    "<script>xss()</script>", "<script", "</script>", "<img src=x onerror=xss()>", "<svg onload=xss()>",
    "<svg><script>xss()</script></svg>", "<math><mtext><table><mglyph><style><img src=x onerror=xss()>",
    "<iframe src=javascript:xss()>", "<a href=\"javascript:xss()\">", "<style>", "<!--", "-->", "<![CDATA[", "]]>",
    "<base href=//evil.example/>", "<meta http-equiv=refresh content=0;url=javascript:xss()>", "<form>", "<div>",
    "<p>", "</p>", "<b>", "</b>", "<", ">", "\"", "'", "`", "&", "&amp;", "&lt;", "&#60;", "&#x3C;", "&colon;",
    "&#58;", "&#x3a;", "&Tab;", "&NewLine;", "&nbsp;", "=", " onmouseover=xss() ", " style=\"x:expression(xss())\" ",
    "\" onfocus=\"xss()\" autofocus x=\"", "' onclick='xss()' x='", "/>", "</textarea>", "</title>", "<plaintext>",
    // URLs and scheme tricks
    "javascript:xss()", "JaVaScRiPt:", "java\tscript:", "java\nscript:", "\u{0}javascript:", " javascript:",
    "javascript&colon;", "javascript%3Axss()", "java%73cript:", "vbscript:", "data:text/html,<script>xss()</script>",
    "data:", "blob:", "file:", "mailto:", "https://", "http://", "//", "\\\\", "\\", "/", "?", "#", ":", "%", "%3a",
    "%0a", "%zz", "https://example.com/a", "/relative", "https:evil", "https://@evil", "https://:1",
    "\u{200B}", "\u{202E}", "\u{FEFF}", "\u{00AD}", "\u{2028}", "\u{85}", "\u{A0}", "\u{3000}", "ｊａｖａｓｃｒｉｐｔ:",
    // Markdown
    "[", "]", "(", ")", "](", "![", "[x](javascript:xss())", "[x](https://example.com \"t\")", "![a](/i.png)",
    "![a](javascript:xss())", "<javascript:xss()>", "<https://example.com>", "<a@example.com>", "[r]: javascript:xss()\n",
    "[r]", "[r]: /ok \"t\"\n", "*", "**", "_", "__", "~~", "~", "^", "`", "```", "~~~", "    ", "\t", "\n", "\n\n",
    "\r\n", "\r", "# ", "## ", "> ", "- ", "+ ", "* ", "1. ", "1) ", "---", "===", "--", "***", "___", "| a | b |\n|---|---|\n",
    "|", ":--", "[^1]", "$x$", "\\*", "\\", "  \n", "<div>\n", "<!-- c -->", "<?php ?>", "<![CDATA[x]]>",
    // Text that must survive
    "café", "日本語", "עברית", "😀", "e\u{301}", " ", "  ", "a", "Z", "0", "x", ",", ";", "@", ".",
];

/// Plain words for the text between pieces.
pub const WORDS: &[&str] = &["the", "press", "ink", "News", "run", "Editor's", "note", "a", "1", "two"];

/// URLs a valid article uses, so that generated articles are often valid.
pub const GOOD_URLS: &[&str] = &[
    "https://example.com/a", "http://example.com/", "/relative/path.jpg", "page?x=a:b", "//cdn.example.com/x.png",
    "mailto:desk@example.com", "https://example.com/caf%C3%A9", "#anchor", "?q=1",
];
