"""Unit tests of tools/run_notebooks.py's quote guard and cell timing, run by ./glassbox test:

    python -m unittest discover -s tools -p 'test_*.py'
"""
import sys
import unittest
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_notebooks import quote_problems, quoted_strings, slowest_cell  # noqa: E402


def code(*printed):
    cell = nbformat.v4.new_code_cell("...")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text) for text in printed]
    return cell


def markdown(text):
    return nbformat.v4.new_markdown_cell(text)


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


class QuotedStringsTest(unittest.TestCase):
    def test_reads_every_string_of_every_comment(self):
        text = 'It gets 18 of 20.\n<!-- quotes: "18 of 20" "4+9 → 12" -->\n<!--quotes:"0.809"-->'
        self.assertEqual(quoted_strings(text), ["18 of 20", "4+9 → 12", "0.809"])

    def test_other_comments_and_plain_quotes_are_not_quotes(self):
        self.assertEqual(quoted_strings('He said "hello". <!-- a note: "x" -->'), [])


class QuoteProblemsTest(unittest.TestCase):
    def test_a_string_printed_above_or_below_passes(self):
        nb = notebook(code("held-out sums right: 18 of 20\n"),
                      markdown('18 of 20 right. <!-- quotes: "18 of 20" "4+9 → 12" -->'),
                      code("wrong: 4+9 → 12 (held out)\n"))
        self.assertEqual(quote_problems(nb), [])

    def test_white_space_runs_count_as_one_space(self):
        nb = notebook(code("Adam      14.024\n"), markdown('<!-- quotes: "Adam 14.024" -->'))
        self.assertEqual(quote_problems(nb), [])

    def test_results_count_as_printed_text(self):
        cell = code()
        cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "0.8090"}, execution_count=1)]
        self.assertEqual(quote_problems(notebook(markdown('<!-- quotes: "0.809" -->'), cell)), [])

    def test_a_missing_string_fails_naming_the_cell_the_string_and_the_cells_searched(self):
        nb = notebook(markdown("# Title"),
                      code("wrong: 4+9 → 12 (held out)\n"),
                      code("3 wrong\n"),
                      markdown('The tenth, 4+9 → 14. <!-- quotes: "4+9 → 14" "3 wrong" -->'),
                      code("nothing\n"))
        self.assertEqual(quote_problems(nb),
                         ['cell [4] quotes "4+9 → 14", which the code cells next to it ([2], [3], [5]) did not print'])

    def test_only_the_cells_up_to_the_neighbouring_markdown_cells_count(self):
        nb = notebook(code("18 of 20\n"),
                      markdown("Another paragraph."),
                      markdown('<!-- quotes: "18 of 20" -->'),
                      code("79 of 80\n"))
        self.assertEqual(quote_problems(nb),
                         ['cell [3] quotes "18 of 20", which the code cells next to it ([4]) did not print'])

    def test_a_quote_must_lie_within_one_cells_output(self):
        nb = notebook(code("held-out sums right: 18\n"), markdown('<!-- quotes: "18 of 20" -->'), code("of 20\n"))
        self.assertEqual(len(quote_problems(nb)), 1)

    def test_a_quotes_comment_without_a_quoted_string_is_an_error(self):
        self.assertEqual(quote_problems(notebook(markdown("<!-- quotes: 18 of 20 -->"), code("18 of 20\n"))),
                         ['cell [1] has a quotes comment with no "double-quoted" string in it'])

    def test_an_empty_quote_is_an_error(self):
        self.assertEqual(quote_problems(notebook(markdown('<!-- quotes: "" -->'))),
                         ["cell [1] quotes an empty string"])


if __name__ == "__main__":
    unittest.main()


class SlowestCellTest(unittest.TestCase):
    @staticmethod
    def timed(began, ended):
        cell = code()
        cell.metadata["execution"] = {"iopub.execute_input": began, "shell.execute_reply": ended}
        return cell

    def test_names_the_longest_cell_counting_markdown_cells_from_one(self):
        nb = notebook(markdown("# title"),
                      self.timed("2026-12-03T12:00:00.000000Z", "2026-12-03T12:00:01.500000Z"),
                      markdown("text"),
                      self.timed("2026-12-03T12:00:02.000000Z", "2026-12-03T12:00:10.250000Z"),
                      code("not run: no timing"))
        self.assertEqual(slowest_cell(nb), (4, 8.25))

    def test_a_notebook_without_timing_has_no_slowest_cell(self):
        self.assertIsNone(slowest_cell(notebook(markdown("x"), code("y"))))
