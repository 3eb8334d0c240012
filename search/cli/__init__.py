"""The `thidua` command line: one module per command (`cmd_*`), the options they share
(`options`), how listings are printed (`output`) and the one path from records to the
archive that `ingest` and `crawl` both take (`archiving`). `main` holds the group and
lists the commands; nothing imports it back. Each command imports the heavy parts of
the pipeline (lxml, numpy, Whoosh, underthesea) only when it runs, so help is instant.
"""
