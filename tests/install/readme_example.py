#!/usr/bin/python3
"""The README's own examples and commands for the install checks, so that the README
cannot drift from what tests/install/*.sh run (issue 14, item 8).

  readme_example.py example README SECTION LANG DIR [N]
      writes the N-th (default 1st) LANG example of SECTION to DIR/example.{c,py,rb} and the
      ```text block that follows it (its output, as tests/docs/check_readme.py compares it)
      to DIR/expected.txt
  readme_example.py commands README SECTION
      prints the lines of SECTION's ```sh blocks, each without its trailing "# comment"

SECTION is a heading's text without the #s ("Five minutes in C, Python and Ruby", or a
prefix of it, "C: the library"); the section runs to the next heading of the same or a
higher level, so it includes its subsections. An example is what check_readme.py (suite
docs) calls one: a ```c / ```python / ```ruby block followed by a ```text block.
Exits 1, naming the README, the section and what is missing, when there is none.
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs"))
from check_readme import BLOCK, examples  # noqa: E402  (one definition of "an example")

HEADING = re.compile(r"^(#{1,6}) (.*)$", re.M)
EXTENSION = {"c": "c", "python": "py", "ruby": "rb"}


def section(text, title):
    """The text of the first section whose heading starts with title, or None."""
    # Headings inside fenced blocks (a shell comment "# ...") are not headings.
    fences = [(m.start(), m.end()) for m in BLOCK.finditer(text)]
    headings = [m for m in HEADING.finditer(text)
                if not any(a <= m.start() < b for a, b in fences)]
    for i, m in enumerate(headings):
        if m.group(2).strip().startswith(title):
            level = len(m.group(1))
            end = next((h.start() for h in headings[i + 1:] if len(h.group(1)) <= level), len(text))
            return text[m.end():end]
    return None


def shell_lines(body):
    """The lines of the ```sh blocks, comments after a command dropped."""
    lines = []
    for m in BLOCK.finditer(body):
        if m.group(1) not in ("sh", "bash", "shell"):
            continue
        for line in m.group(2).splitlines():
            # a " #" outside quotes starts a comment; the README's commands quote no "#"
            line = re.sub(r"\s+#.*$", "", line).rstrip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def main(argv):
    if len(argv) < 4 or argv[1] not in ("example", "commands"):
        print(__doc__, file=sys.stderr)
        return 2
    readme, title = argv[2], argv[3]
    with open(readme, encoding="utf-8") as f:
        body = section(f.read(), title)
    if body is None:
        print(f"{readme}: no section headed {title!r}", file=sys.stderr)
        return 1
    if argv[1] == "commands":
        lines = shell_lines(body)
        if not lines:
            print(f"{readme}: section {title!r} shows no ```sh commands", file=sys.stderr)
            return 1
        print("\n".join(lines))
        return 0
    lang, out = argv[4], argv[5]
    n = int(argv[6]) if len(argv) > 6 else 1
    found = [(code, output) for l, code, output in examples(body) if l == lang]
    if len(found) < n:
        print(f"{readme}: section {title!r} has {len(found)} {lang} example(s) followed by their "
              f"```text output; example {n} was asked for", file=sys.stderr)
        return 1
    code, output = found[n - 1]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "example." + EXTENSION[lang]), "w", encoding="utf-8") as f:
        f.write(code)
    with open(os.path.join(out, "expected.txt"), "w", encoding="utf-8") as f:
        f.write(output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
