"""The public API read from the code's text: Python through ast, TypeScript and Go exports."""

from __future__ import annotations

import textwrap

from app.agents.docs.declarations import go_api, js_api
from app.agents.docs.symbols import is_api_path, python_api


def test_python_dunder_all_decides_what_is_public() -> None:
    source = textwrap.dedent(
        '''
        """Shapes."""
        __all__ = ["area"]

        def area(width: float, height: float, *, unit: str = "m") -> float:
            """Area of a rectangle.

            More words.
            """
            return width * height

        def perimeter(width, height=1, *rest, **options):
            return 2 * (width + height)
        '''
    )

    api = python_api("geometry/shapes.py", source)

    assert api is not None
    assert api.module == "geometry.shapes" and api.summary == "Shapes."
    assert [(s.name, s.signature, s.summary) for s in api.symbols] == [
        (
            "area",
            'def area(width: float, height: float, *, unit: str = "m") -> float',
            "Area of a rectangle.",
        ),
    ]


def test_python_that_does_not_parse_yields_nothing() -> None:
    assert python_api("broken.py", "def (:\n") is None


def test_typescript_exports_are_listed_with_their_signatures() -> None:
    source = textwrap.dedent(
        """
        /**
         * Sum two numbers.
         * @param a first
         */
        export function add(
          a: number,
          b: number,
        ): number {
          return a + b;
        }
        export default class Client extends Base {}
        export type Id = string;
        export enum Color { Red }
        export { helper as publicHelper, other };
        const hidden = 1;
        """
    )

    api = js_api("src/math.ts", source)

    assert [(s.kind, s.name) for s in api.symbols] == [
        ("function", "add"),
        ("class", "Client"),
        ("type", "Id"),
        ("enum", "Color"),
        ("export", "publicHelper"),
        ("export", "other"),
    ]
    assert api.symbols[0].signature == "function add( a: number, b: number, ): number"
    assert api.symbols[0].summary == "Sum two numbers."
    assert api.language == "TypeScript"


def test_go_lists_only_capitalised_functions_methods_and_types() -> None:
    source = textwrap.dedent(
        """
        // Package store keeps values.
        package store

        // Open opens the store at path.
        func Open(path string) (*Store, error) {
        \treturn nil, nil
        }

        func open(path string) {}

        // Store holds values.
        type Store struct {
        \tvalues map[string]string
        }

        func (s *Store) Get(key string) string { return s.values[key] }

        func (s *store) Hidden() {}
        """
    )

    api = go_api("pkg/store/store.go", source, "example.com/kv")

    assert api.module == "example.com/kv/pkg/store"
    assert api.summary == "Package store keeps values."
    assert [(s.kind, s.name, s.summary) for s in api.symbols] == [
        ("function", "Open", "Open opens the store at path."),
        ("type", "Store", "Store holds values."),
        ("method", "Store.Get", ""),
    ]
    assert api.symbols[0].signature == "func Open(path string) (*Store, error)"


def test_tests_examples_and_private_modules_are_not_public_api() -> None:
    assert is_api_path("pkg/core.py")
    assert is_api_path("pkg/__init__.py")
    assert not is_api_path("tests/test_core.py")
    assert not is_api_path("pkg/_internal.py")
    assert not is_api_path("pkg/core_test.go")
    assert not is_api_path("src/app.spec.ts")
    assert not is_api_path("app/rule_tests/python/eval.py")
    assert not is_api_path(".github/scripts/release.py")
