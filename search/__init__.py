"""Search: queries, timelines, statistics and the `thidua` command line."""
