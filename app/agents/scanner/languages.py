"""Which language a file is written in, from its name alone or, for extension-less scripts, from
its ``#!`` line. Names follow GitHub Linguist so that numbers look familiar."""

from __future__ import annotations

import re

# Extensions are matched lower-cased and without the dot. Ambiguous ones (``.h``, ``.m``,
# ``.pl``) take the most common meaning: guessing from content would cost a second look.
_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "Python": ("py", "pyi", "pyw", "pyx", "pxd", "pxi"),
    "JavaScript": ("js", "mjs", "cjs", "jsx"),
    "TypeScript": ("ts", "tsx", "mts", "cts"),
    "Go": ("go",),
    "Rust": ("rs",),
    "Java": ("java",),
    "Kotlin": ("kt", "kts"),
    "Scala": ("scala", "sc"),
    "Groovy": ("groovy", "gradle", "gvy"),
    "C": ("c", "h"),
    "C++": ("cc", "cpp", "cxx", "c++", "hh", "hpp", "hxx", "h++", "ipp", "tpp", "inl"),
    "C#": ("cs", "csx"),
    "F#": ("fs", "fsi", "fsx"),
    "Visual Basic .NET": ("vb",),
    "Objective-C": ("m",),
    "Objective-C++": ("mm",),
    "Swift": ("swift",),
    "Dart": ("dart",),
    "Ruby": ("rb", "rake", "gemspec", "ru", "erb"),
    "PHP": ("php", "phtml"),
    "Perl": ("pl", "pm", "t"),
    "Lua": ("lua",),
    "R": ("r",),
    "Julia": ("jl",),
    "Haskell": ("hs", "lhs"),
    "OCaml": ("ml", "mli"),
    "Elixir": ("ex", "exs"),
    "Erlang": ("erl", "hrl"),
    "Clojure": ("clj", "cljs", "cljc", "edn"),
    "Zig": ("zig",),
    "Nim": ("nim",),
    "Crystal": ("cr",),
    "D": ("d",),
    "Fortran": ("f", "f90", "f95", "f03", "for"),
    "Assembly": ("s", "asm"),
    "CUDA": ("cu", "cuh"),
    "Shell": ("sh", "bash", "zsh", "ksh"),
    "Fish": ("fish",),
    "PowerShell": ("ps1", "psm1", "psd1"),
    "Batchfile": ("bat", "cmd"),
    "Solidity": ("sol",),
    "Vue": ("vue",),
    "Svelte": ("svelte",),
    "HTML": ("html", "htm", "xhtml"),
    "CSS": ("css",),
    "SCSS": ("scss",),
    "Sass": ("sass",),
    "Less": ("less",),
    "SQL": ("sql",),
    "GraphQL": ("graphql", "gql"),
    "Protocol Buffer": ("proto",),
    "Thrift": ("thrift",),
    "HCL": ("tf", "tfvars", "hcl"),
    "Nix": ("nix",),
    "Jinja": ("j2", "jinja", "jinja2"),
    "Jupyter Notebook": ("ipynb",),
    "Markdown": ("md", "markdown", "mdx"),
    "reStructuredText": ("rst",),
    "AsciiDoc": ("adoc", "asciidoc"),
    "TeX": ("tex", "sty", "cls"),
    "JSON": ("json", "jsonc", "json5"),
    "YAML": ("yml", "yaml"),
    "TOML": ("toml",),
    "XML": ("xml", "xsd", "xsl", "xslt", "plist", "csproj", "fsproj", "vbproj", "props"),
    "INI": ("ini", "cfg"),
    "Dockerfile": ("dockerfile",),
    "Makefile": ("mk", "mak"),
    "CMake": ("cmake",),
    "Starlark": ("bzl", "star"),
}

# Whole file names that say the language although the extension does not.
_FILENAMES: dict[str, str] = {
    "Makefile": "Makefile",
    "makefile": "Makefile",
    "GNUmakefile": "Makefile",
    "Dockerfile": "Dockerfile",
    "Containerfile": "Dockerfile",
    "Gemfile": "Ruby",
    "Rakefile": "Ruby",
    "Guardfile": "Ruby",
    "Podfile": "Ruby",
    "Fastfile": "Ruby",
    "Vagrantfile": "Ruby",
    "Brewfile": "Ruby",
    "Capfile": "Ruby",
    "Jenkinsfile": "Groovy",
    "CMakeLists.txt": "CMake",
    "BUILD": "Starlark",
    "BUILD.bazel": "Starlark",
    "WORKSPACE": "Starlark",
    "Tiltfile": "Starlark",
    "SConstruct": "Python",
    "SConscript": "Python",
    "Snakefile": "Python",
    "Pipfile": "TOML",
    "Justfile": "Just",
    "justfile": "Just",
    "meson.build": "Meson",
    ".bashrc": "Shell",
    ".bash_profile": "Shell",
    ".profile": "Shell",
    ".zshrc": "Shell",
    "PKGBUILD": "Shell",
    "go.mod": "Go Module",
    "go.work": "Go Module",
}

_BY_EXTENSION: dict[str, str] = {
    extension: language for language, extensions in _EXTENSIONS.items() for extension in extensions
}

# Interpreter names (version suffixes such as ``python3.12`` stripped) on a ``#!`` line.
_INTERPRETERS: dict[str, str] = {
    "python": "Python",
    "pypy": "Python",
    "node": "JavaScript",
    "nodejs": "JavaScript",
    "deno": "TypeScript",
    "bun": "TypeScript",
    "ts-node": "TypeScript",
    "tsx": "TypeScript",
    "ruby": "Ruby",
    "perl": "Perl",
    "php": "PHP",
    "lua": "Lua",
    "luajit": "Lua",
    "sh": "Shell",
    "bash": "Shell",
    "dash": "Shell",
    "zsh": "Shell",
    "ksh": "Shell",
    "ash": "Shell",
    "fish": "Fish",
    "pwsh": "PowerShell",
    "rscript": "R",
    "julia": "Julia",
    "elixir": "Elixir",
    "escript": "Erlang",
    "groovy": "Groovy",
    "scala": "Scala",
    "swift": "Swift",
    "tclsh": "Tcl",
    "wish": "Tcl",
    "awk": "Awk",
    "gawk": "Awk",
    "make": "Makefile",
    "crystal": "Crystal",
    "dart": "Dart",
    "nim": "Nim",
    "osascript": "AppleScript",
}

_SHEBANG_LINE_LIMIT = 256
_VERSION_SUFFIX = re.compile(r"[0-9][0-9.]*$")


def language_for_name(name: str) -> str | None:
    """The language a file name implies, or ``None`` when only its content could tell."""
    language = _FILENAMES.get(name)
    if language is not None:
        return language
    dot = name.rfind(".")
    if dot <= 0:
        # No extension, or a dot file such as ``.gitignore`` that is not in the table above.
        return None
    return _BY_EXTENSION.get(name[dot + 1 :].lower())


def has_extension(name: str) -> bool:
    """Whether ``name`` has an extension; only files without one are worth a look for ``#!``."""
    return name.rfind(".") > 0


def language_from_shebang(head: bytes) -> str | None:
    """The language of a script from its ``#!`` line, e.g. ``#!/usr/bin/env -S python3 -u``."""
    if not head.startswith(b"#!"):
        return None
    end = head.find(b"\n", 0, _SHEBANG_LINE_LIMIT)
    line = head[2 : end if end != -1 else _SHEBANG_LINE_LIMIT]
    words = line.decode("latin-1").split()
    if not words:
        return None
    program = words[0].rsplit("/", 1)[-1]
    if program == "env":
        # ``env`` takes options (``-S``, ``-i``, ``-u NAME``) and assignments before the command.
        rest = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
        if not rest:
            return None
        program = rest[0].rsplit("/", 1)[-1]
    name = _VERSION_SUFFIX.sub("", program.lower()).rstrip("-")
    return _INTERPRETERS.get(name)
