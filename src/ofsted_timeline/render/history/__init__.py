"""The history's output as a table, csv, markdown and a workbook. Its JSON and the sentences every
format shares stay in render/as_history.py: a timeline's JSON uses them too, and a json run
should import no package more than it needs."""
