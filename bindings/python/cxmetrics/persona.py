"""Personas (persona.h, spec §15): persona records from a customer table and a
segment per customer, personas from behaviour (NMF), their match against an
earlier set, and the Persona Perception Scale.

Every number, word and text is the C library's: this module converts the
table, sets the options and reads the records from the set's JSON (schema
cxmetrics.personas/1, spec §15.7), so a persona's fields here are the JSON's,
key for key.

    import cxmetrics as cx
    ps = cx.personas(df, id="customer_id", segment="segment", comment="comment", seed=7)
    ps[0].name, ps[0].identifiers[0]["value"], ps[0].identifiers[0]["lift"]
    ps.summary()                 # one row per persona (a DataFrame)
    ps.save_html("personas.html")
    ps                            # in a notebook: the persona cards

Tables: a pandas DataFrame or a dict of columns. Numeric columns (bool,
int, float) are numbers with NaN missing; other columns (object, str,
category) are categories with None / NaN as "" (missing); datetime columns
are ISO dates (YYYY-MM-DD). A DataFrame's named index is a column too.
"""

from typing import Any, Optional

import json
import math
import os

import numpy as np

from . import _convert as _c
from . import _table
from . import native
from ._results import JsonBacked

__all__ = ["Persona", "PersonaSet", "PersonaNames", "PersonaRules", "personas", "persona_match", "nmf",
           "NmfResult", "behaviour_personas", "pps", "cronbach_alpha", "linear_assignment",
           "PERSONA_MIN_N_DEFAULT"]

#: The fewest customers behind any persona, cell or quote shown (the C default).
PERSONA_MIN_N_DEFAULT = native.PERSONA_MIN_N_DEFAULT

_FORMAT = native.NAMES_PERSONA_FORMAT
_ROLE = native.NAMES_PERSONA_ROLE
# a drawn name and its key fit in these (the C function says when not)
_NAME_CAP, _KEY_CAP = 512, 256


# ---- tables -------------------------------------------------------------------------

def _column_values(x, name):
    index = getattr(x, "index", None)
    if index is not None and hasattr(x, "columns") and name not in x.columns and index.name == name:
        return index
    return x[name]


def _native_table(x):
    """A native table of the table argument x (see the module: numbers, categories, dates)."""
    if isinstance(x, PersonaSet):
        raise TypeError("a PersonaSet is not a customer table")
    if not _table.is_table(x):
        raise TypeError(f"the customers must be a DataFrame or a dict of columns, not {type(x).__name__}")
    h = native.table_new()
    names = _table.columns_of(x)
    index = getattr(x, "index", None)
    if index is not None and hasattr(x, "columns") and index.name is not None and str(index.name) not in names:
        names.insert(0, str(index.name))
    for name in names:
        col = _column_values(x, name)
        dtype = getattr(col, "dtype", None)
        if str(dtype) == "category":
            col = col.astype(object)
            dtype = col.dtype
        values = np.asarray(col)
        kind = values.dtype.kind
        if kind in "biuf":
            native.table_add_numbers(h, name, np.asarray(values, dtype=np.float64))
        elif kind == "M":
            days = values.astype("datetime64[D]")
            native.table_add_texts(h, name, ["" if np.isnat(d) else str(d) for d in days])
        else:
            native.table_add_texts(h, name, [_text(v) for v in values])
    return h


def _text(v):
    """A category's text: None, NaN and pandas' NA / NaT are "" (missing)."""
    if v is None:
        return ""
    if isinstance(v, float) and math.isnan(v):
        return ""
    if type(v).__name__ in ("NAType", "NaTType"):
        return ""
    return str(v)


# ---- names and rule tables ----------------------------------------------------------

class PersonaNames:
    """A names table keyed by gender x birth decade x country (spec §15.3).
    PersonaNames() is the built-in one; from_json / from_file read yours."""

    def __init__(self, _handle: Any = None) -> None:
        self._h = _handle if _handle is not None else native.persona_names_builtin()

    @classmethod
    def from_json(cls, text: Any) -> Any:
        """Raises ParseError (the byte offset of text that is not JSON; the
        entry and key of a wrong shape), OutOfRange, EmptyInput."""
        return cls(native.persona_names_from_json(text))

    @classmethod
    def from_file(cls, path: Any) -> Any:
        return cls(native.persona_names_from_file(os.fspath(path)))

    def __len__(self):
        return native.persona_names_count(self._h)

    def draw(self, gender: Any = None, birth_year: Any = None, country: Any = None, seed: Any = 0,
             stream: Any = 0) -> Any:
        """(name, key): name number (seed, stream) of the entry that fits best
        (key "female/1980/US", "*" for any)."""
        year = math.nan if birth_year is None else float(birth_year)
        return tuple(native.persona_names_draw(_NAME_CAP, _KEY_CAP, self._h, gender or "", year, country or "",
                                               int(seed), int(stream)))

    def __repr__(self):
        return f"PersonaNames({len(self)} entries)"


class PersonaRules:
    """Goal / problem / solution rules over a persona's profile (spec §15.4)."""

    def __init__(self, _handle: Any) -> None:
        self._h = _handle

    @classmethod
    def from_json(cls, text: Any) -> Any:
        """Raises ParseError (the byte offset; the rule and key of a wrong shape), EmptyInput."""
        return cls(native.persona_rules_from_json(text))

    @classmethod
    def from_file(cls, path: Any) -> Any:
        return cls(native.persona_rules_from_file(os.fspath(path)))

    def __len__(self):
        return native.persona_rules_count(self._h)

    def __repr__(self):
        return f"PersonaRules({len(self)} rules)"


def _names_of(names):
    if names is None or isinstance(names, PersonaNames):
        return names
    if isinstance(names, (str, os.PathLike)):
        return PersonaNames.from_file(names)
    raise TypeError("names must be a PersonaNames or a JSON file")


def _rules_of(rules):
    if rules is None or isinstance(rules, PersonaRules):
        return rules
    if isinstance(rules, (str, os.PathLike)):
        return PersonaRules.from_file(rules)
    raise TypeError("rules must be a PersonaRules or a JSON file")


# ---- persona sets -------------------------------------------------------------------

class Persona:
    """One persona: its JSON object's fields as attributes (p.name, p.size,
    p.identifiers, ...; spec §15.7), to_dict(), to_json() and, in a
    notebook, its card (_repr_html_)."""

    def __init__(self, owner: Any, index: Any, record: Any) -> None:
        self._set = owner
        self._i = index
        self._d = record

    def __getattr__(self, key):
        d = self.__dict__.get("_d")
        if d is not None and key in d:
            return d[key]
        raise AttributeError(key)

    def __getitem__(self, key):
        return self._d[key]

    def keys(self) -> Any:
        """The persona's JSON keys, in the schema's order."""
        return self._d.keys()

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._d))

    def to_dict(self) -> Any:
        """The persona's JSON object as a dict (a copy; NaN is None)."""
        return json.loads(self.to_json())

    def to_json(self) -> Any:
        """The persona's JSON object, as the library writes it."""
        if self._set is None:  # read from JSON: the record is the library's object
            return json.dumps(self._d, allow_nan=False)
        return native.persona_render(self._set._h, self._i, native.PERSONA_JSON)

    @classmethod
    def from_dict(cls, d: Any) -> "Persona":
        """The Persona of a to_dict(): every field as before (attributes,
        [key], keys()). A persona lives in its set: to_markdown() and the
        card (the C library's) raise InvalidArgument; PersonaSet.from_dict
        reads a whole set back with them. Raises InvalidArgument for a dict
        without a str "id", naming the value."""
        if not isinstance(d, dict):
            raise _c.bad_arg(f"Persona.from_dict needs a dict, not {type(d).__name__}")
        if not isinstance(d.get("id"), str):
            raise _c.bad_arg(f"Persona.from_dict: key 'id' holds {d.get('id')!r:.80}, not a persona id (str)")
        return cls(None, None, json.loads(json.dumps(d, allow_nan=False)))  # a deep copy, plain JSON

    @classmethod
    def from_json(cls, text: Any) -> "Persona":
        """The Persona of to_json() text. Raises ParseError (line, column), InvalidArgument."""
        from ._results import _loads
        return cls.from_dict(_loads(text, "Persona"))

    def __eq__(self, other: object) -> bool:
        # equal when their JSON objects are (the library writes NaN as null)
        if not isinstance(other, Persona):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def _render(self, what, fmt):
        if self._set is None:
            raise _c.bad_arg(f"Persona.{what}: this persona was read from JSON; the library renders "
                             "a persona of its set (PersonaSet.from_json reads a set back)")
        return native.persona_render(self._set._h, self._i, fmt)

    def to_markdown(self) -> Any:
        """The persona's Markdown section, as the library writes it."""
        return self._render("to_markdown", native.PERSONA_MARKDOWN)

    def _repr_html_(self):
        return self._render("_repr_html_", native.PERSONA_HTML)

    def __repr__(self):
        if self._d.get("suppressed"):
            return f"<Persona {self._d.get('id')} (segment {self._d.get('segment')!r}, suppressed)>"
        return (f"<Persona {self._d.get('id')} {self._d.get('name')!r} (segment {self._d.get('segment')!r}, "
                f"{self._d.get('size'):g} customers)>")


class PersonaSet(JsonBacked):
    """Personas with their provenance: a sequence of Persona (by index, or
    by id: ps["P2"]), written as JSON, Markdown or one HTML page of cards."""

    def __init__(self, _handle: Any) -> None:
        self._h = _handle
        self._doc = json.loads(native.persona_set_render(self._h, native.PERSONA_JSON, None))
        self._personas = [Persona(self, i, p) for i, p in enumerate(self._doc["personas"])]

    @classmethod
    def from_json(cls, text: Any) -> Any:
        """A set from its JSON (schema cxmetrics.personas/1). Raises ParseError
        (the byte offset, or the path of a missing or wrong field), VersionMismatch."""
        return cls(native.persona_set_from_json(text))

    @classmethod
    def from_file(cls, path: Any) -> Any:
        return cls(native.persona_set_from_file(os.fspath(path)))

    def __len__(self):
        return len(self._personas)

    def __iter__(self):
        return iter(self._personas)

    def __getitem__(self, key):
        if isinstance(key, str):
            for p in self._personas:
                if p.id == key:
                    return p
            raise KeyError(key)
        return self._personas[key]

    @property
    def provenance(self) -> Any:
        """The set's provenance (a dict: method, k, seed, min_n, ...)."""
        return json.loads(json.dumps(self._doc["provenance"]))

    @property
    def schema(self) -> Any:
        return self._doc["schema"]

    def to_dict(self) -> Any:
        """The whole set as the JSON's dict (a copy; NaN is None)."""
        return json.loads(self.to_json())

    def to_json(self) -> Any:
        """The set's JSON (spec §15.7), as the library writes it: from_json
        reads it back and writing that again gives the same text."""
        return native.persona_set_render(self._h, native.PERSONA_JSON, None)

    def render(self, format: str = "json", title: Optional[str] = None) -> Any:
        """The set as "json", "markdown" ("md") or "html" (title heads the page)."""
        return native.persona_set_render(self._h, _c.option(format, _FORMAT), title)

    def to_markdown(self) -> Any:
        """The set as Markdown: the provenance, then a section per persona."""
        return self.render("markdown")

    def to_html(self, title: Optional[str] = None) -> Any:
        """One self-contained HTML page of persona cards (inline CSS and SVG, no scripts)."""
        return self.render("html", title)

    def save_html(self, path: Any, title: Optional[str] = None) -> Any:
        """Write to_html(title) to the file at path (UTF-8)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_html(title))

    def summary(self, as_frame: Optional[bool] = None) -> Any:
        """One row per persona: id, segment, name, gender, age_band, location,
        career, age, size, share, revenue_share, suppressed."""
        return _plain(_table.frame(native.persona_set_summary(self._h), as_frame))

    def identifiers(self, as_frame: Optional[bool] = None) -> Any:
        """Every persona's identifiers in rank order: persona, attribute, value,
        share, population_share, lift, difference, std_difference, p_value, q_value."""
        return _plain(_table.frame(native.persona_set_identifiers(self._h), as_frame))

    def _repr_html_(self):
        return "\n".join(p._repr_html_() for p in self._personas)

    def __repr__(self):
        return f"<PersonaSet {len(self)} personas, method {self._doc['provenance'].get('method')!r}>"


def _plain(df):
    """A DataFrame with a 0..n-1 index (the first text column is data)."""
    return df.reset_index() if hasattr(df, "reset_index") else df


def _options(min_n=None, seed=0, fdr=None, identifiers=None, reference_year=None, names=None, rules=None,
             quotes=None, quote_chars=None, blocklist=(), scales=None, source=None, k_max=None, threads=None,
             auto_roles=True, roles=None, progress=None):
    """A native cxm_persona_opts and the tables it borrows (kept alive with it)."""
    o = native.persona_opts_new()
    keep = []
    for role, cols in (roles or {}).items():
        code = _c.option(role, _ROLE)
        for col in ([cols] if isinstance(cols, str) else list(cols)):
            native.persona_opts_set_role(o, code, str(col))
    native.persona_opts_set_auto_roles(o, 1 if auto_roles else 0)
    if min_n is not None:
        native.persona_opts_set_min_n(o, int(min_n))
    native.persona_opts_set_seed(o, int(seed))
    if fdr is not None:
        native.persona_opts_set_fdr(o, float(fdr))
    if identifiers is not None:
        native.persona_opts_set_identifiers(o, int(identifiers))
    if reference_year is not None:
        native.persona_opts_set_reference_year(o, int(reference_year))
    n = _names_of(names)
    if n is not None:
        native.persona_opts_set_names(o, n._h)
        keep.append(n)
    r = _rules_of(rules)
    if r is not None:
        native.persona_opts_set_rules(o, r._h)
        keep.append(r)
    if quotes is not None or quote_chars is not None or blocklist:
        lo, hi = quote_chars if quote_chars is not None else (native.PERSONA_QUOTE_MIN_DEFAULT,
                                                               native.PERSONA_QUOTE_MAX_DEFAULT)
        count = native.PERSONA_QUOTES_DEFAULT if quotes is None else int(quotes)
        native.persona_opts_set_quotes(o, count, int(lo), int(hi), [str(w) for w in blocklist])
    if scales is not None:
        s = {"csat": (1, 5), "ces": (1, 7), "score": (1, 5)}
        for k, v in scales.items():
            if k not in s:
                raise TypeError(f"scales has csat, ces and score, not {k!r}")
            s[k] = (int(v[0]), int(v[-1]))
        native.persona_opts_set_scales(o, s["csat"][0], s["csat"][1], s["ces"][0], s["ces"][1],
                                       s["score"][0], s["score"][1])
    if source is not None:
        method, k, measure, quality = (tuple(source) + (0, None, math.nan))[:4]
        native.persona_opts_set_source(o, str(method), int(k), measure, float(quality))
    if k_max is not None:
        native.persona_opts_set_k_max(o, int(k_max))
    if threads is not None:
        native.persona_opts_set_threads(o, int(threads))
    if progress is not None:
        native.persona_opts_set_progress(o, progress)
    return o, keep


def personas(customers: Any, id: Any = None, segment: Any = None, gender: Any = None, age: Any = None,
             birth_year: Any = None, location: Any = None, country: Any = None, career: Any = None,
             comment: Any = None, amount: Any = None, clv: Any = None, nps: Any = None, csat: Any = None,
             ces: Any = None, rfm_segment: Any = None, date: Any = None, scores: Any = (),
             ignore: Any = (), *, auto_roles: bool = True, names: Any = None, rules: Any = None,
             min_n: Any = None, seed: Any = 0, fdr: Any = None, identifiers: Any = None,
             reference_year: Any = None, quotes: Any = None, quote_chars: Any = None, blocklist: Any = (),
             scales: Any = None, source: Any = None, k_max: Any = None, threads: Any = None,
             progress: Any = None) -> Any:
    """One persona per segment of a customer table (spec §15.2), as a PersonaSet.

    customers: a DataFrame or dict of columns, one row per customer. The
    keyword roles name columns (id=, segment=, gender=, age= or birth_year=,
    location=, country=, career=, comment=, amount=, clv=, nps=, csat=, ces=,
    rfm_segment=, date=; scores= and ignore= take several); without them
    columns are recognised by common names (auto_roles=False: not). Every
    other column is an attribute. Without a segment column the library
    segments the customers itself (k-prototypes, k = 2..k_max by silhouette).
    names: a PersonaNames or a JSON file (default: built in); rules: a
    PersonaRules or a JSON file; min_n (default 10), seed, fdr (0.05),
    identifiers (8 per persona), reference_year (default: this year),
    quotes (3) of quote_chars (20, 280) characters without the blocklist's
    words, scales {"csat": (1, 5), "ces": (1, 7), "score": (1, 5)},
    source (method, k, quality_measure, quality) for the provenance.
    progress: None or callable(step, total, value) called after each fit of
    the automatic segmentation (k tried so far of all; value NaN); a true
    return value or an exception stops the build (Cancelled, or that exception).
    Raises InvalidArgument (a role's column missing or of the wrong type),
    EmptyInput, Inconsistent (a customer twice), OutOfRange / NanInput
    (naming row, column and value), TooFew (fewer than 2 x min_n customers).
    """
    roles = {"id": id, "segment": segment, "gender": gender, "age": age, "birth_year": birth_year,
             "location": location, "country": country, "career": career, "comment": comment,
             "amount": amount, "clv": clv, "nps": nps, "csat": csat, "ces": ces, "rfm_segment": rfm_segment,
             "date": date, "score": list(scores), "ignore": list(ignore)}
    roles = {k: v for k, v in roles.items() if v is not None and v != []}
    o, keep = _options(min_n, seed, fdr, identifiers, reference_year, names, rules, quotes, quote_chars,
                       blocklist, scales, source, k_max, threads, auto_roles, roles, progress)
    h = native.persona_build(_native_table(customers), o)
    del keep
    return PersonaSet(h)


def persona_match(previous: Any, current: Any, as_frame: Optional[bool] = None) -> Any:
    """Pair the personas of `current` with those of `previous` (spec §15.9):
    one row per current persona, then per gone one: persona, name, previous,
    previous_name, status ("matched", "new", "gone"), distance, size_change,
    share_change, changes."""
    return _plain(_table.frame(native.persona_match(previous._h, current._h), as_frame))


# ---- personas from behaviour -----------------------------------------------------------

class NmfResult:
    """W (rows x k), H (k x cols), iterations, converged, error (||X - WH||_F),
    relative_error (error / ||X||_F)."""

    def __init__(self, w: Any, h: Any, info: Any) -> None:
        self.w, self.h = w, h
        self.iterations = int(info.iterations)
        self.converged = bool(info.converged)
        self.error = float(info.error)
        self.relative_error = float(info.relative_error)

    def __repr__(self):
        return (f"NmfResult(w={self.w.shape}, h={self.h.shape}, iterations={self.iterations}, "
                f"converged={self.converged}, error={self.error!r})")


def nmf(X: Any, k: Any, method: str = "mu", seed: Any = 0, w: Any = None, h: Any = None,
        max_iter: Any = None, tol: Any = None) -> "NmfResult":
    """Non-negative matrix factorisation X ~ W H (spec §15.8). method "mu"
    (Lee & Seung, as scikit-learn's solver="mu") or "hals" ("cd"); w and h
    start the fit when both are given (as scikit-learn's init="custom"),
    else they come from the seed. Returns an NmfResult."""
    x = np.ascontiguousarray(np.asarray(X, dtype=np.float64))
    if x.ndim != 2:
        raise ValueError("X must be 2-D (rows x columns)")
    rows, cols = x.shape
    k = int(k)
    given = w is not None and h is not None
    if (w is None) != (h is None):
        raise TypeError("give both w and h, or neither")
    w0 = np.array(w, dtype=np.float64, order="C").ravel() if given else np.zeros(rows * k)
    h0 = np.array(h, dtype=np.float64, order="C").ravel() if given else np.zeros(k * cols)
    out = native.nmf_fit(w0, h0, x.ravel(), cols, k, _c.option(method, native.NAMES_NMF_METHOD),
                         1 if given else 0, int(seed),
                         native.NMF_MAX_ITERATIONS_DEFAULT if max_iter is None else int(max_iter),
                         native.NMF_TOL_DEFAULT if tol is None else float(tol))
    info = out[-1] if isinstance(out, (list, tuple)) else out
    return NmfResult(w0.reshape(rows, k), h0.reshape(k, cols), info)


def behaviour_personas(interactions: Any, k: Any, top: Any = 5, method: str = "mu", *, names: Any = None,
                       min_n: Any = None, seed: Any = 0, as_frame: Optional[bool] = None) -> Any:
    """Personas from a groups x items interactions table (spec §15.8, APG):
    text columns describe each group, number columns count its interactions
    with each item. Returns (PersonaSet, weights: one row per group, a
    column per persona)."""
    o, keep = _options(min_n=min_n, seed=seed, names=names)
    s, w = native.persona_from_behaviour(_native_table(interactions), int(k), int(top),
                                         _c.option(method, native.NAMES_NMF_METHOD), o)
    del keep
    return PersonaSet(s), _table.frame(w, as_frame)


# ---- Persona Perception Scale, reliability, assignment ------------------------------

def pps(answers: Any, scale: Any = (1, 7), as_frame: Optional[bool] = None) -> Any:
    """Persona Perception Scale scores (spec §15.10): a column per item named
    by its construct ("credibility_1", "empathy_2_r" reverse-keyed). Returns
    (constructs: construct, items, respondents, mean, sd, alpha, alpha_lower,
    alpha_upper; respondents: a column per construct)."""
    lo, hi = int(scale[0]), int(scale[-1])
    out, resp = native.pps_score(_native_table(answers), lo, hi)
    return _plain(_table.frame(out, as_frame)), _table.frame(resp, as_frame)


def cronbach_alpha(items: Any) -> Any:
    """Cronbach's alpha of a respondents x items matrix (complete rows)."""
    x = np.ascontiguousarray(np.asarray(items, dtype=np.float64))
    if x.ndim != 2:
        raise ValueError("items must be 2-D (respondents x items)")
    return native.cronbach_alpha(x.ravel(), x.shape[1])


def linear_assignment(cost: Any) -> Any:
    """The assignment of rows to columns of a cost matrix with the least total
    cost (as scipy.optimize.linear_sum_assignment). Returns (assignment: per
    row its column, -1 when unassigned; total)."""
    c = np.ascontiguousarray(np.asarray(cost, dtype=np.float64))
    if c.ndim != 2:
        raise ValueError("cost must be 2-D")
    a, total = native.linear_assignment(c.shape[0], c.ravel(), c.shape[1])
    a = np.asarray(a, dtype=np.uint64)
    out = np.where(a == np.iinfo(np.uint64).max, -1, a.astype(np.int64))
    return out, total
