"""Every Python block in docs/ and in linreg's docstrings runs and prints what it shows.

One parametrised test over every example, named by file and line range. A block
may opt out only with a written reason: ```{.py test="skip: <why>"}```.
Run `pytest --update-examples` to rewrite the shown output from a real run.
The check itself is `support.check_example`.

The Korean edition's blocks (docs-ko/) are not run: they are these blocks, proven so
by tests/test_translations.py, which also proves that none of them is collected here.
"""

import pytest
from pytest_examples import CodeExample, EvalExample

from tests.support import check_example, doc_examples


@pytest.mark.parametrize("example", doc_examples(), ids=str)
def test_example_prints_what_it_shows(example: CodeExample, eval_example: EvalExample) -> None:
    check_example(example, eval_example)
