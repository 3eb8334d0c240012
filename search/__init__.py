"""Search: what archivists ask of the archive, and the `thidua` command line.

In: the records database and the index. Out: hit lists, timelines (`timeline`) and
statistics (`stats`), printed by the command line in `cli/` as tables, CSV or JSON.
"""
