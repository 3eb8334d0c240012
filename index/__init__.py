"""Index: the Whoosh full-text index built from the records database."""
