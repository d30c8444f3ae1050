"""shown_output reads a block's promised stdout the way pytest-examples writes it."""

from tests.snippets import shown_output


def test_top_level_and_indented_outputs_are_read_verbatim() -> None:
    source = '''print("a")
#> a
print("b\\n c")
"""
b
 c
"""
try:
    raise ValueError("long")
except ValueError as error:
    print(error)
    """
    long
      indented
    """
'''
    assert shown_output(source) == "a\nb\n c\nlong\n  indented\n"
