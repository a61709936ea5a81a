#!/usr/bin/python3
"""Check the doc comment of every public declaration (conventions C14).

Usage: check_docs.py INCLUDE_DIR...     (suite `headers` of meson test)
       check_docs.py --self-test

Reads every *.h under each INCLUDE_DIR (recursively: include/cxmetrics/*.h,
sys/alloc.h, experimental.h and any header added later) and finds each
declaration that starts with CXM_API, outside comments, strings and
preprocessor lines. The comment right above a declaration - a Doxygen
comment (slash, two stars) that ends on the line before it or on the same
line, with nothing but blanks in between - is its doc comment, and it must
hold the three fixed labels, each once and each followed by some text:

    Errors:         "none", or the codes (EMPTY, BAD_ARG, ... with or
                    without CXM_E), or "as cxm_other_function ...";
    Ownership:      who frees what, or "nothing allocated";
    Thread safety:  pure, read-only on the handle, modifies the handle, ...

A one-line comment may hold all three ("Errors: none. Ownership: static
string. Thread safety: pure."). Every code named after "Errors:" must be one
of the CXM_ERRORS table of errors.h (an unknown upper-case word there fails:
a misspelt code reads as a code to the reader but names nothing), and a
function named by "as cxm_x" must be a declared one.

What a function writes for its caller must be documented too (issue 14,
item 4: the output capacities), from the parameter list:

  * an output array - a pointer to a non-const double, float, size_t, int,
    unsigned, uint8_t / unsigned char, uint32_t, (u)int32/64_t or char,
    followed by its size_t length (conventions: "(T *out, size_t n_out)") -
    needs an @param line (its own or its length's) that states its capacity:
    "LEN >= ..." / "LEN = ..." (not "= 0", which only says NULL is allowed),
    "at least", "capacity", "room for", "receives LEN" or "LEN values"
    (entries, elements, bytes, scores, indices, rows);
  * a versioned result (T *out where CXM_T_INIT exists) needs an @param line
    saying that out->version must be set (the words "version" or "_INIT"):
    the version is the capacity of a struct, the fields the library may write;
  * a pointer to a pointer the function writes (T **out, const char **name)
    needs the comment to say what it holds on failure ("on failure",
    "on error", "unchanged", "untouched"), and 'Ownership:' to name the
    function that frees what it returns (cxm_table_free, cxm_free, ...), or
    for a const T ** to say that it is "borrowed" or "static".

  * an input array (a pointer to const of one of those types, or a
    const char *const * list, followed by its length) is named in the comment,
    itself or by its length, in an @param line or in the text, unless the
    comment says "Arguments as cxm_other".

Pointers to a single value (int *agree) need no @param line of their own.

Prints one line per problem - header:line: function: what is missing - and a
summary; exits 0 when every declaration is documented, 1 otherwise, 2 on a
usage error or when no declaration is found at all (a parser gone wrong must
not pass). Standard library only; one pass per header, well under a second.
"""
import os
import re
import sys

LABELS = ("Errors:", "Ownership:", "Thread safety:")

# What ends the text of a label: another label or a Doxygen command.
_ENDS = r"(?=(?<![\w-])(?:Errors:|Ownership:|Thread safety:)|[@\\](?:param|return|note)\b|$)"
LABEL_TEXT = {label: re.compile(r"(?<![\w-])" + re.escape(label) + r"(.*?)" + _ENDS, re.S)
              for label in LABELS}

# Upper-case words that may appear in an Errors: text without being codes.
NOT_CODES = {"NULL", "NUL", "CSV", "JSON", "ISO", "UTF", "RFC", "OS", "API", "FILE",
             "LINE", "COLUMN", "TEXT", "NUMBER", "DAY", "NPS", "CSAT", "CES", "CLV",
             "RFM", "SD", "SE", "AOV", "MAU", "CI", "BOM",
             # model names: "not a BG/BB fit"
             "BG", "BB", "NBD", "MBG", "GG", "SBG"}

# The codes of the self-test's headers (the real ones come from errors.h).
FALLBACK_CODES = {"EMPTY", "TOO_FEW", "OUT_OF_RANGE", "NON_INTEGER", "NAN", "BAD_WEIGHTS",
                  "BAD_ARG", "INCONSISTENT", "DOMAIN", "NOMEM", "VERSION", "IO", "PARSE",
                  "CANCELLED"}

# One lexical item of C: a comment, a string or character literal, an
# identifier or number, or one other character. Whitespace is skipped between
# items; tokens() marks the items of preprocessor directives.
_TOKEN = re.compile(r"""
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<word>[A-Za-z_][A-Za-z_0-9]*|[0-9][A-Za-z_0-9.]*)
  | (?P<punct>\S)
""", re.S | re.X)
_SPACE = re.compile(r"\s*")


def tokens(text):
    """(kind, text, start, end) of every item; kind 'pp' for directive parts."""
    out = []
    pos, n = 0, len(text)
    in_pp = False  # inside a directive, up to its end of line (not one after '\\')
    while True:
        end = _SPACE.match(text, pos).end()
        if in_pp:
            for nl in (k for k in range(pos, end) if text[k] == "\n"):
                if text[nl - 1] != "\\" and text[nl - 2:nl] != "\\\r":
                    in_pp = False
                    break
        pos = end
        if pos >= n:
            return out
        m = _TOKEN.match(text, pos)
        kind = m.lastgroup
        if kind == "punct" and m.group() == "#" and not in_pp:
            in_pp = not text[text.rfind("\n", 0, pos) + 1:pos].strip()
        if in_pp and kind != "comment":
            kind = "pp"
        out.append((kind, m.group(), m.start(), m.end()))
        pos = m.end()


def comment_text(comment):
    """A block comment's text without its delimiters and leading stars, one line."""
    body = comment[3:-2] if comment.startswith("/**") else comment[2:-2]
    lines = [re.sub(r"^\s*\*(?!/)\s?", "", line) for line in body.split("\n")]
    return " ".join(" ".join(lines).split())


def declarations(text):
    """(line, name, doc comment or None, problem or None) of each CXM_API declaration."""
    toks = tokens(text)
    found = []
    i = 0
    while i < len(toks):
        kind, word, start, _ = toks[i]
        if kind != "word" or word != "CXM_API":
            i += 1
            continue
        line = text.count("\n", 0, start) + 1
        # the declaration: up to ';' outside parentheses and brackets
        depth, j, name, problem = 0, i + 1, None, None
        prev_word = None
        popen = pclose = None  # the parameter list: toks[popen + 1:pclose]
        while j < len(toks):
            k, t = toks[j][0], toks[j][1]
            if k == "comment":
                j += 1
                continue
            if k == "pp":
                problem = "a preprocessor line inside the declaration"
                break
            if t in "([":
                if t == "(" and depth == 0 and name is None:
                    name = prev_word
                    popen = j
                depth += 1
            elif t in ")]":
                depth -= 1
                if t == ")" and depth == 0 and popen is not None and pclose is None:
                    pclose = j
            elif t == "{" and depth == 0:
                problem = "a definition (body) in a public header"
                break
            elif t == ";" and depth == 0:
                break
            if k == "word":
                prev_word = t
            j += 1
        else:
            problem = problem or "no ';' ends the declaration"
        if name is None:  # an object, not a function
            name = prev_word or "?"
        doc = None
        if i > 0 and toks[i - 1][0] == "comment":
            ctext, cend = toks[i - 1][1], toks[i - 1][3]
            gap = text[cend:start]
            if (not gap.strip() and gap.count("\n") <= 1 and ctext.startswith("/**")
                    and not ctext.startswith("/**<")):
                doc = ctext
        params = []
        if popen is not None and pclose is not None:
            params = parameters([t for t in toks[popen + 1:pclose] if t[0] != "comment"])
        found.append((line, name, doc, problem, params))
        i = j + 1
    return found


def parameters(toks):
    """Each parameter as a dict: name, type (its words without const), stars,
    writes (the function may write through it), const_data (const T **), brackets.
    Function pointers, '...' and (void) are left out."""
    out, cur, depth = [], [], 0
    for _, t, _, _ in toks + [("punct", ",", 0, 0)]:
        if t == "," and depth == 0:
            words = [w for w in cur if re.match(r"[A-Za-z_]", w)]
            if "(" in cur or not words or cur == ["void"] or "." in cur:
                out.append(None)
            else:
                name = words[-1]
                type_words = tuple(w for w in words[:-1])
                star_at = [k for k, w in enumerate(cur) if w == "*"]
                # does the function write through the pointer? For T *p, unless
                # T is const; for T *q *p (q: const or not), unless q is const.
                if not star_at:
                    writes = False
                elif len(star_at) == 1:
                    writes = "const" not in cur[:star_at[0]]
                else:
                    writes = "const" not in cur[star_at[-2] + 1:star_at[-1]]
                out.append({"name": name, "type": tuple(w for w in type_words if w != "const"),
                            "stars": len(star_at), "writes": writes, "brackets": "[" in cur,
                            "const_data": bool(star_at) and "const" in cur[:star_at[0]]})
            cur = []
            continue
        if t in "([":
            depth += 1
        elif t in ")]":
            depth -= 1
        cur.append(t)
    return [x for x in out if x is not None]


def error_codes(headers):
    """The codes of the CXM_ERRORS table of errors.h, or None without one."""
    for path, text in headers:
        if os.path.basename(path) == "errors.h":
            codes = set(re.findall(r"^\s*X\(\s*([A-Z_]+)\s*,", text, re.M))
            if codes:
                return codes
    return None


def check_errors_text(body, codes, functions):
    """What is wrong with the text after 'Errors:', or None."""
    if not body:
        return "'Errors:' says nothing"
    problems = []
    named = False
    for word in re.findall(r"\b(?:CXM_E)?[A-Z][A-Z0-9_]{1,}\b", body):
        bare = word[5:] if word.startswith("CXM_E") and word[5:] in codes else word
        if bare in codes:
            named = True
        elif word.startswith("CXM_") and not word.startswith("CXM_E"):
            pass  # a constant: CXM_NAN_ERROR, CXM_FORMAT_JSON, ...
        elif word not in NOT_CODES:
            problems.append(f"'Errors:' names {word}, which is not a code of CXM_ERRORS")
    for other in re.findall(r"\bas (cxm_\w+)", body):
        if other not in functions:
            problems.append(f"'Errors:' refers to {other}, which no header declares")
        named = True
    if not named and not re.match(r"none\b", body, re.I):
        problems.append("'Errors:' names no code (write the codes, or 'none')")
    return "; ".join(problems) or None


# The element types of arrays (pointer + size_t length), read or filled.
ELEMENTS = {("double",), ("float",), ("size_t",), ("int",), ("unsigned",), ("unsigned", "int"),
            ("uint8_t",), ("unsigned", "char"), ("uint32_t",), ("int32_t",), ("uint64_t",),
            ("int64_t",), ("char",)}

_PARAM = re.compile(r"[@\\]param(?:\[[a-z, ]*\])?\s+(\w+)(.*?)"
                    r"(?=[@\\](?:param|return|returns|note)\b|(?<![\w-])(?:Errors:|Ownership:|Thread safety:)|$)",
                    re.S)


def param_docs(text):
    """{name: its @param text} of a doc comment's text."""
    return {m.group(1): " ".join(m.group(2).split()) for m in _PARAM.finditer(text)}


def states_capacity(doc, length):
    """Whether an @param text says how much room the caller gives / what is written."""
    n = re.escape(length)
    return bool(re.search(r"\b(?:capacity|at least|room for)\b", doc, re.I)
                or re.search(rf"\b{n}\s*(?:>=|==?|<=)\s*(?!0\b)\S", doc)
                or re.search(rf"\b(?:receives|writes|fills)\s+(?:the\s+|exactly\s+)?{n}\b", doc)
                or re.search(rf"\b{n}\s+(?:entries|values|elements|bytes|scores|indices|"
                             r"numbers|items|rows)\b", doc))


def versioned_structs(headers):
    """cxm_x for each CXM_X_INIT macro: the versioned result structs (first field
    version, which tells the library how many fields the caller's struct has)."""
    return {"cxm_" + m.lower() for _, text in headers
            for m in re.findall(r"#\s*define\s+CXM_(\w+)_INIT\b", text)}


def check_params(text, params, versioned):
    """What the comment does not say about the arrays and results a function writes."""
    out = []
    docs = param_docs(text)
    found = LABEL_TEXT["Ownership:"].search(text)
    ownership = found.group(1) if found else ""
    for k, p in enumerate(params):
        following = params[k + 1] if k + 1 < len(params) else None
        length = (following["name"] if following and following["type"] == ("size_t",)
                  and following["stars"] == 0 else None)
        name = p["name"]
        if p["stars"] == 1 and length and p["writes"] and p["type"] in ELEMENTS:
            # an array the function fills: its own @param line (or its length's)
            # says how many entries are written and how much room is needed
            if name not in docs and length not in docs:
                out.append(f"the output array {name} has no @param line")
            elif not states_capacity(docs.get(name, "") + " " + docs.get(length, ""), length):
                out.append(f"the output array {name} does not state its capacity "
                           f"('{length} >= ...', 'at least', 'capacity', 'room for' or "
                           f"'receives {length} values')")
        elif (length and not p["writes"] and p["stars"] >= 1 and p["type"] in ELEMENTS
              and not re.search(r"\b[Aa]rguments as cxm_\w+", text)):
            # an input array: named somewhere in the comment, itself or its length
            # (what it holds, how long it is), unless the arguments are another
            # function's ("Arguments as cxm_wilson")
            if not re.search(rf"(?<![\w.>-])(?:{re.escape(name)}|{re.escape(length)})(?!\w)", text):
                out.append(f"the array {name} ({length} entries) is not described "
                           f"(an @param line, or its name in the text)")
        elif p["stars"] == 1 and p["writes"] and len(p["type"]) == 1 and p["type"][0] in versioned:
            # a versioned result: its capacity is the version the caller sets
            if not re.search(r"\bversion\b|_INIT\b", docs.get(name, "")):
                out.append(f"the result {name} has no @param line saying that {name}->version "
                           f"must be set (CXM_..._INIT)")
        elif p["stars"] >= 2 and p["writes"] and not p["brackets"]:
            # a result handed back through *name: what it holds on failure, and who frees it
            if not re.search(r"\bon (?:failure|error)\b|\bunchanged\b|\buntouched\b", text):
                out.append(f"does not say what *{name} is on failure (e.g. 'NULL on failure')")
            if p["const_data"]:
                if not re.search(r"\bborrowed\b|\bstatic\b", ownership):
                    out.append(f"'Ownership:' does not say that *{name} is borrowed (or static)")
            elif not re.search(r"\bcxm_\w*free\b", ownership):
                out.append(f"'Ownership:' does not name the function that frees *{name}")
    return out


def check(headers, shown, codes):
    """Problems, as printable lines, and the number of declarations checked."""
    decls = [(path, line, name, doc, problem, params)
             for path, text in headers for line, name, doc, problem, params in declarations(text)]
    functions = {name for _, _, name, _, _, _ in decls}
    versioned = versioned_structs(headers)
    out = []
    for path, line, name, doc, problem, params in decls:
        where = f"{shown(path)}:{line}: {name}"
        if problem:
            out.append(f"{where}: {problem}")
        if doc is None:
            out.append(f"{where}: no doc comment (/** ... */ right above the declaration)")
            continue
        text = comment_text(doc)
        missing = [label for label in LABELS
                   if not LABEL_TEXT[label].search(text)]
        if missing:
            out.append(f"{where}: missing " + ", ".join(f"'{m}'" for m in missing))
        for label in LABELS:
            matches = LABEL_TEXT[label].findall(text)
            if len(matches) > 1:
                out.append(f"{where}: '{label}' appears {len(matches)} times")
            if not matches:
                continue
            body = matches[0].strip(" .;,")
            if label == "Errors:":
                bad = check_errors_text(body, codes, functions)
                if bad:
                    out.append(f"{where}: {bad}")
            elif not body:
                out.append(f"{where}: '{label}' says nothing")
        out += [f"{where}: {p}" for p in check_params(text, params, versioned)]
    return out, len(decls)


def read_headers(roots):
    headers = []
    for root in roots:
        if os.path.isfile(root):
            paths = [root]
        else:
            paths = []
            for folder, dirs, files in os.walk(root):
                dirs.sort()
                paths += [os.path.join(folder, f) for f in sorted(files) if f.endswith(".h")]
        for path in paths:
            with open(path, encoding="utf-8") as f:
                headers.append((path, f.read()))
    return headers


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    if argv[1] == "--self-test":
        return self_test()
    roots = argv[1:]
    for root in roots:
        if not os.path.exists(root):
            print(f"{root}: no such file or directory", file=sys.stderr)
            return 2
    base = os.path.dirname(os.path.abspath(roots[0]).rstrip(os.sep))

    def shown(path):
        return os.path.relpath(os.path.abspath(path), base)

    headers = read_headers(roots)
    codes = error_codes(headers)
    if codes is None:
        print("no errors.h with the CXM_ERRORS table among the headers: cannot check 'Errors:'")
        return 2
    problems, count = check(headers, shown, codes)
    for p in problems:
        print(p)
    if count == 0:
        print(f"no CXM_API declaration found in {len(headers)} headers: nothing checked")
        return 2
    print(f"{count} CXM_API declarations in {len(headers)} headers, {len(problems)} problems")
    return 1 if problems else 0


# ---- self-test: the checker must catch what it is for ------------------------

_GOOD = '''
#define CXM_API
#define X(a) a /* CXM_API in a comment is not a declaration */
#define CXM__DECLARE(name) \\
	CXM_API int name(void); /* nor in a directive's continuation line */
/** Errors: none. Ownership: static string. Thread safety: pure. */
CXM_API const char *cxm_a(int code);
/**
 * Several lines.
 * @param out  out.
 * Errors: BAD_ARG (NULL), CXM_ENOMEM; CXM_NAN_ERROR is a constant.
 * Ownership: *out is the caller's; free it with cxm_free. NULL on failure.
 * Thread
 * safety: pure.
 */
CXM_API int cxm_b(char **out,
                  const char *s /* a comment inside */);
/** Errors: as cxm_b. Ownership: nothing allocated. Thread safety: pure. */ CXM_API int cxm_c(void);
const char *s = "CXM_API int cxm_not(void);";
#define CXM_R_INIT { 1u }
/**
 * Outputs have an @param line, with their capacity; inputs are named.
 * @param out     result; out->version must be set (CXM_R_INIT).
 * @param a       receives n_a values.
 * @param b       n_b >= n.
 * @param c       room for K values, or NULL with n_c = 0.
 * @param text    written NUL-terminated, at most cap bytes with the NUL.
 * @param name    borrowed.
 * @param x       n values; ids: n_ids names.
 * Errors: BAD_ARG. Ownership: *name borrowed from the table, unchanged on failure.
 * Thread safety: pure.
 */
CXM_API int cxm_d(cxm_r *out, double *a, size_t n_a, unsigned int *b, size_t n_b,
                  size_t *c, size_t n_c, char *text, size_t cap, const char **name,
                  const double *x, size_t n, const char *const *ids, size_t n_ids,
                  int *scalar, cxm_handle *h, size_t k, void (*fn)(void *, size_t), ...);
'''

_BAD = {
    "no doc comment": "/** Errors: none. Ownership: x. Thread safety: pure. */\n\nCXM_API int cxm_f(void);",
    "missing 'Ownership:'": "/** Errors: none. Thread safety: pure. */\nCXM_API int cxm_f(void);",
    "missing 'Errors:'": "/** Ownership: x. Thread safety: pure. */\nCXM_API int cxm_f(void);",
    "missing 'Thread safety:'": "/** Errors: none. Ownership: x. */\nCXM_API int cxm_f(void);",
    "not a code": "/** Errors: NOMEN. Ownership: x. Thread safety: pure. */\nCXM_API int cxm_f(void);",
    "names no code": "/** Errors: sometimes. Ownership: x. Thread safety: pure. */\nCXM_API int cxm_f(void);",
    "says nothing": "/** Errors: none. Ownership: x. Thread safety: */\nCXM_API int cxm_f(void);",
    "which no header declares": "/** Errors: as cxm_g. Ownership: x. Thread safety: pure. */\nCXM_API int cxm_f(void);",
    "appears 2 times": "/** Errors: none. Errors: EMPTY. Ownership: x. Thread safety: pure. */\nCXM_API int cxm_f(void);",
    "no doc comment (": "/* Errors: none. Ownership: x. Thread safety: pure. */\nCXM_API int cxm_f(void);",
    "a definition": "/** Errors: none. Ownership: x. Thread safety: pure. */\nCXM_API int cxm_f(void) { return 0; }",
    # what a function writes: arrays with their capacity, results with their
    # version, handles with what they hold on failure
    "the output array out has no @param line":
        "/** Errors: none. Ownership: x. Thread safety: pure. */\nCXM_API int cxm_f(double *out, size_t n_out);",
    "the output array out does not state its capacity":
        "/** @param out the values.\n * Errors: none. Ownership: x. Thread safety: pure. */\n"
        "CXM_API int cxm_f(unsigned int *out, size_t n_out);",
    "the output array upper does not state": "/** @param upper receives the K upper edges, or NULL"
        " with n_upper = 0.\n * Errors: none. Ownership: x. Thread safety: pure. */\n"
        "CXM_API int cxm_f(double *upper, size_t n_upper, const double *x, size_t n);",
    "saying that out->version must be set": "#define CXM_R_INIT { 1u }\n"
        "/** @param out the result.\n * Errors: none. Ownership: x. Thread safety: pure. */\n"
        "CXM_API int cxm_f(cxm_r *out, const double *x, size_t n);",
    "does not say what *out is on failure": "/** Errors: NOMEM. Ownership: *out is the caller's"
        " (cxm_x_free). Thread safety: pure. */\nCXM_API int cxm_f(cxm_x **out);",
    "the array x (n entries) is not described": "/** Sums. Errors: none. Ownership: none. Thread"
        " safety: pure. */\nCXM_API int cxm_f(double *out, const double *x, size_t n);",
    "the array ids (n_ids entries) is not described": "/** @param n_idsx no. Errors: none."
        " Ownership: x. Thread safety: pure. */\n"
        "CXM_API int cxm_f(const char *const *ids, size_t n_ids);",
    "does not name the function that frees *out": "/** Errors: NOMEM. Ownership: *out is the"
        " caller's, NULL on failure. Thread safety: pure. */\nCXM_API int cxm_f(cxm_x **out);",
    "does not say that *name is borrowed": "/** Errors: BAD_ARG. Ownership: *name is the"
        " table's (cxm_x_free), NULL on failure. Thread safety: pure. */\n"
        "CXM_API int cxm_f(const char **name, const cxm_x *x);",
}


def self_test():
    failures = 0
    problems, count = check([("good.h", _GOOD)], str, FALLBACK_CODES)
    if problems or count != 4:
        print(f"self-test: the good header gives {count} declarations (4 expected) and {problems}")
        failures += 1
    for expected, text in _BAD.items():
        problems, count = check([("bad.h", text)], str, FALLBACK_CODES)
        if count != 1 or not any(expected in p and "bad.h:" in p and "cxm_f" in p for p in problems):
            print(f"self-test: expected a problem '{expected}' for {text!r}, got {problems}")
            failures += 1
    print(f"self-test: {1 + len(_BAD) - failures} of {1 + len(_BAD)} cases pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
