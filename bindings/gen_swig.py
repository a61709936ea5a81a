#!/usr/bin/python3
"""Derive the repetitive parts of the SWIG bindings from the C headers.

Input: the XML tree SWIG writes for bindings/api.i (`swig -xml`), i.e. the
public headers exactly as SWIG parses them. Output (into OUTDIR):

  cxmetrics_gen.i  language-neutral typemap applications, %included by the
                   core interface before the headers:
                   - every handle output other than `out` (`cxm_table
                     **thresholds`, a second result) onto the handle's
                     `T **out` typemap (CXM_HANDLE in core.i): one more
                     value returned;
                   - every (const T *name, size_t n_name) input pair onto the
                     language's CXM_IN_<KIND> pattern, every (T *name, size_t
                     n_name) caller-sized output pair onto CXM_OUT_<KIND>;
                   - every pointer-to-scalar output onto the language's
                     CXM_OUT_<SCALAR> typemap;
                   - CXM_RESULT(type, VERSION) for every versioned result
                     struct passed as `type *out`, and that typemap applied
                     to such a struct passed under another name
                     (`cxm_nmf_info *info`: one more value returned).
  ruby_gen.h       C code for the Ruby binding (Ruby has no `swig -threads`):
                   for every function that takes an array, a path or fit
                   options, a thunk that runs it without the GVL, and a macro
                   that sends every call of the function through it; and
                   the field list of each result struct.

The rules are the headers' conventions (docs/conventions.md): arrays are
(pointer, length) pairs, pointers to scalars are outputs, results are
versioned structs with a CXM_<TYPE>_VERSION macro. The script stops, naming
the declaration, where it cannot follow them (a result without its VERSION
macro, a parameter type it cannot write in C); a pair of an unknown element
type is left to SWIG's defaults, which the language files' tests would show.
"""

import collections
import os
import sys
import xml.etree.ElementTree as ET

# SWIG type encodings of array elements, and the kind names the languages use.
IN_KINDS = {
    "p.q(const).double": "DOUBLES",
    "p.q(const).uint8_t": "BYTES",
    "p.q(const).unsigned int": "UINTS",
    "p.q(const).uint32_t": "UINT32S",
    "p.q(const).p.q(const).char": "STRINGS",
}
OUT_KINDS = {
    "p.double": "DOUBLES",
    "p.unsigned int": "UINTS",
    "p.size_t": "SIZES",
    "p.uint32_t": "UINT32S",
    "p.unsigned char": "UCHARS",        # flags, one byte each (cxm_themes_match)
    "p.char": "CHARS",                  # a text buffer of cap bytes: a string out
}
SCALAR_OUTS = {
    "p.double": "DOUBLE",
    "p.size_t": "SIZE",
    "p.int": "INT",
    "p.unsigned int": "UINT",
    "p.p.char": "STRING",               # library string, freed with cxm_free
    "p.p.q(const).char": "BORROWED",    # borrowed string
}


def attrs(node):
    return {a.get("name"): a.get("value") for a in node.findall("./attributelist/attribute")}


def params(node):
    return [(attrs(p).get("type"), attrs(p).get("name"))
            for p in node.findall("./attributelist/parmlist/parm")]


def c_type(swig_type):
    """A SWIG type encoding ("p.q(const).double") as C ("const double *")."""
    parts = swig_type.split(".")
    base = parts[-1]
    text = base
    for part in reversed(parts[:-1]):
        if part == "p":
            text = text + " *"
        elif part == "q(const)":
            # right after a pointer it makes the pointer const ("char *const")
            text = text + "const" if text.endswith("*") else "const " + text
        elif part.startswith("a("):
            text = text + " *"  # an array parameter decays to a pointer
        else:
            sys.exit(f"gen_swig: cannot write the C type of {swig_type!r}")
    return text.replace("* *", "**").replace("*const *", "*const *")


class Api:
    def __init__(self, root):
        self.functions = []  # (name, return type, [(type, name)])
        self.structs = {}    # name -> [(type, field)]
        self.constants = set()
        for cd in root.iter("cdecl"):
            a = attrs(cd)
            if a.get("kind") == "function" and a.get("name", "").startswith("cxm_"):
                self.functions.append((a["name"], a.get("type"), params(cd)))
        for cl in root.iter("class"):
            a = attrs(cl)
            fields = [(attrs(f).get("type"), attrs(f).get("name")) for f in cl.iter("cdecl")
                      if attrs(f).get("kind") == "variable"]
            self.structs[a.get("name")] = fields
        for c in root.iter("constant"):
            self.constants.add(attrs(c).get("name"))

    def result_types(self, named_out=True):
        """Versioned structs passed as `T *out` (named_out False: as `T *other`),
        with their VERSION macro."""
        found = {}
        for _, _, ps in self.functions:
            for t, n in ps:
                if (n == "out") == named_out and n and t and t.startswith("p.cxm_") and t.count(".") == 1:
                    struct = t[2:]
                    fields = self.structs.get(struct)
                    if fields and fields[0] == ("unsigned int", "version"):
                        macro = "CXM_" + struct[4:].upper() + "_VERSION"
                        if macro not in self.constants:
                            sys.exit(f"gen_swig: {struct} has no {macro}")
                        found[struct] = macro
        return found


def pairs(ps):
    """(index, kind table) of every (pointer, size_t) pair in a parameter list."""
    i = 0
    while i + 1 < len(ps):
        (t, n), (t2, n2) = ps[i], ps[i + 1]
        if t2 == "size_t" and (t in IN_KINDS or t in OUT_KINDS):
            yield i
            i += 2
        else:
            i += 1


def gen_interface(api):
    ins, outs, scalars = (collections.defaultdict(set) for _ in range(3))
    for fname, _, ps in api.functions:
        in_pair = set()
        for i in pairs(ps):
            (t, n), (_, n2) = ps[i], ps[i + 1]
            table = IN_KINDS if t in IN_KINDS else OUT_KINDS
            (ins if t in IN_KINDS else outs)[table[t]].add((c_type(t), n, n2))
            in_pair.update((i, i + 1))
        for i, (t, n) in enumerate(ps):
            if i not in in_pair and t in SCALAR_OUTS and n:
                scalars[SCALAR_OUTS[t]].add((c_type(t), n))
    lines = ["/* Generated by bindings/gen_swig.py from the public headers: do not edit. */", ""]
    for label, table, names in (("IN", ins, IN_KINDS), ("OUT", outs, OUT_KINDS)):
        for kind in sorted(table):
            ctype = c_type(next(k for k, v in names.items() if v == kind))
            lines.append(f"%apply ({ctype}CXM_{label}_{kind}, size_t CXM_{label}_N) {{")
            lines += [f"\t({t}{a}, size_t {b})," for t, a, b in sorted(table[kind])]
            lines[-1] = lines[-1].rstrip(",")
            lines += ["};", ""]
    for kind in sorted(scalars):
        ctype = c_type(next(k for k, v in SCALAR_OUTS.items() if v == kind))
        targets = ", ".join(f"{t}{n}" for t, n in sorted(scalars[kind]))
        lines += [f"%apply {ctype}CXM_OUT_{kind} {{ {targets} }};"]
    # second handle outputs (T **name, T an opaque cxm_ type): as T **out
    handles = collections.defaultdict(set)
    for _, _, ps in api.functions:
        for t, n in ps:
            if n and n != "out" and t and t.startswith("p.p.cxm_") and t.count(".") == 2:
                handles[t[4:]].add(n)
    for h in sorted(handles):
        targets = ", ".join(f"{h} **{n}" for n in sorted(handles[h]))
        lines += [f"%apply {h} **out {{ {targets} }};"]
    lines.append("")
    results = api.result_types()
    for struct, macro in sorted(results.items()):
        lines.append(f"CXM_RESULT({struct}, {macro})")
    # a result struct under another name (cxm_nmf_info *info): as `T *out`
    others = collections.defaultdict(set)
    for _, _, ps in api.functions:
        for t, n in ps:
            if n != "out" and t and t[2:] in api.result_types(named_out=False):
                others[t[2:]].add(n)
    for struct in sorted(others):
        if struct not in results:
            macro = api.result_types(named_out=False)[struct]
            lines.append(f"CXM_RESULT({struct}, {macro})")
        targets = ", ".join(f"{struct} *{n}" for n in sorted(others[struct]))
        lines.append(f"%apply {struct} *out {{ {targets} }};")
    return "\n".join(lines) + "\n"


# Options of model fits (many passes over the data: CXM_RB_FIT_WORK).
FIT_OPTS = ("p.q(const).cxm_clv_fit_opts", "p.q(const).cxm_cluster_opts")
TABLE = "p.q(const).cxm_table"
# an event log (issue 13): funnels, paths and cohorts run over every event of it
EVENTS = "p.q(const).cxm_events"


def heavy(ps):
    """Worth running without the GVL: arrays, files, tables and model fits."""
    return (any(ps[i][0] in IN_KINDS for i in pairs(ps)) or
            any(n == "path" for _, n in ps) or
            any(t in FIT_OPTS or t in (TABLE, EVENTS) for t, _ in ps))


def field(t, i):
    ctype = c_type(t)
    return f"{ctype}{'' if ctype.endswith('*') else ' '}a{i}"


def gen_ruby(api):
    out = ["/* Generated by bindings/gen_swig.py from the public headers: do not edit.",
           " * Every call of these functions goes through cxm_rb_run (bindings/ruby/gvl.i). */",
           ""]
    for fname, rtype, ps in api.functions:
        if rtype != "cxm_status" or not heavy(ps):
            continue
        strings = [i for i, (t, _) in enumerate(ps) if t == "p.q(const).char"]
        fields = " ".join(field(t, i) + ";" for i, (t, _) in enumerate(ps))
        args = ", ".join(f"a->a{i}" for i in range(len(ps)))
        body = [f"\tstruct cxm_rb_args_{fname} a;",
                "\t" + " ".join(f"a.a{i} = a{i};" for i in range(len(ps))),
                "\ta.rc = CXM_ENOMEM;"]
        if any(n == "path" for _, n in ps):
            body.append("\tcxm_rb_work = CXM_RB_NOGVL_MIN; /* a file: always worth it */")
        # a table counts its rows (no typemap converted them)
        for i, (t, _) in enumerate(ps):
            if t == TABLE:
                body.append(f"\tcxm_rb_work += cxm_table_rows(a{i});")
            elif t == EVENTS:
                body.append(f"\tcxm_rb_work += cxm_events_count(a{i});")
        if any(t in FIT_OPTS for t, _ in ps):
            body.append("\tcxm_rb_work = cxm_rb_work > (size_t)-1 / CXM_RB_FIT_WORK ? (size_t)-1"
                        " : cxm_rb_work * CXM_RB_FIT_WORK; /* many passes */")
        # C strings point into Ruby Strings, which other threads may change
        # once the GVL is released: the call gets copies
        for i in strings:
            body.append(f"\tif (a{i} && !(a.a{i} = cxm_rb_strdup(a{i})))")
            body.append("\t\tgoto done;")
        body.append(f"\tcxm_rb_run(cxm_rb_thunk_{fname}, &a);")
        if strings:
            body.append("done:")
            body += [f"\tfree((void *)a.a{i});" for i in strings]
        body.append("\treturn a.rc;")
        out += [
            f"struct cxm_rb_args_{fname} {{ {fields} cxm_status rc; }};",
            f"static void *cxm_rb_thunk_{fname}(void *p)",
            "{",
            f"\tstruct cxm_rb_args_{fname} *a = (struct cxm_rb_args_{fname} *)p;",
            f"\ta->rc = ({fname})({args});",
            "\treturn NULL;",
            "}",
            f"static inline cxm_status cxm_rb_nogvl_{fname}({', '.join(field(t, i) for i, (t, _) in enumerate(ps))})",
            "{",
        ] + body + [
            "}",
            f"#define {fname}(...) cxm_rb_nogvl_{fname}(__VA_ARGS__)",
            "",
        ]
    out.append("/* The fields of each result struct, version left out (Native::RESULT_FIELDS). */")
    out.append("#define CXM_RB_RESULT_FIELDS(X) \\")
    results = sorted(set(api.result_types()) | set(api.result_types(named_out=False)))
    for k, struct in enumerate(results):
        names = ", ".join(f'"{f}"' for _, f in api.structs[struct][1:])
        more = " \\" if k + 1 < len(results) else ""
        out.append(f"\tX({struct[4:]}, {names}){more}")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_swig.py API.xml OUTDIR")
    api = Api(ET.parse(sys.argv[1]).getroot())
    with open(os.path.join(sys.argv[2], "cxmetrics_gen.i"), "w") as f:
        f.write(gen_interface(api))
    with open(os.path.join(sys.argv[2], "ruby_gen.h"), "w") as f:
        f.write(gen_ruby(api))


if __name__ == "__main__":
    main()
