# nbgrader configuration for Glassbox GPT's Java notebooks (read by tools/exercises.py and
# tools/grade.py; also usable as an nbgrader course's nbgrader_config.py).
c = get_config()  # noqa: F821 (provided by traitlets when the file is loaded)

# The answer stub of a Java answer cell: the solution region between "// BEGIN SOLUTION" and
# "// END SOLUTION" becomes this line, indented like the markers. todo() throws NotAttempted, which
# the check cell catches and reports as "not attempted yet".
c.ClearSolutions.code_stub = {"java": "return todo();"}
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
