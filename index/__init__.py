"""Index: the Whoosh full-text index built from the records database.

In: article records. Out:
a generation of the index under `<data-dir>/index` that `search/` queries: the schema
(`schema`), the Vietnamese analyzer (`analysis`), crash-safe writes and atomic
rebuilds (`writer`), query parsing (`query`), ranking and facets (`rank`, `finder`),
what a search works out from a whole commit, kept beside it (`derived`) and snippets
(`snippet`).
"""
import functools
import importlib.util
import sys
import types


def _light_cached_property():
    """Whoosh imports the `cached_property` package for one synchronous property; that
    package imports asyncio, about 90 ms of every one-shot `thidua search`. Before
    Whoosh loads, a stand-in module gives it functools.cached_property (the same thing
    for a synchronous method); any other name asked of the stand-in loads the real
    package, so another library that uses it is served as before."""
    if "cached_property" in sys.modules:
        return
    spec = importlib.util.find_spec("cached_property")
    stand_in = types.ModuleType("cached_property")
    stand_in.cached_property = functools.cached_property

    def real(name):
        if spec is None or name.startswith("__"):  # the import system asks for __path__ and the like
            raise AttributeError(name)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["cached_property"] = module
        return getattr(module, name)

    stand_in.__getattr__ = real
    sys.modules["cached_property"] = stand_in


def _whoosh_compat_without_urllib():
    """whoosh.compat imports urllib.request for `urlretrieve`, which no code of ours
    calls; urllib.request brings http.client and the email package, 20 ms of every
    one-shot command. whoosh.compat is imported with a stand-in urllib.request whose
    urlretrieve loads the real one when called; the stand-in is taken away at once,
    so that any later `import urllib.request` gets the real module."""
    if "urllib.request" in sys.modules or "whoosh.compat" in sys.modules:
        return
    stand_in = types.ModuleType("urllib.request")

    def urlretrieve(*args, **kwargs):
        import urllib.request

        return urllib.request.urlretrieve(*args, **kwargs)

    stand_in.urlretrieve = urlretrieve
    sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401
    finally:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]


def _remember_missing_columns():
    """Whoosh's segment writer asks, for every posting it writes, the length of the
    field in that document; for a field that keeps no lengths (the pairs of syllables,
    index.schema) its per-document reader looks for the column file again at each
    posting and remembers only the columns it found: a quarter of the CPU of writing
    1,000 articles (15.5 s -> 12 s, the same files). A segment's columns never change
    once written, so a missing one is remembered as missing too."""
    from whoosh.codec import whoosh3

    found = whoosh3.W3PerDocReader._cached_reader

    def cached_reader(self, fieldname, column):
        if fieldname not in self._readers:
            self._readers[fieldname] = found(self, fieldname, column)
        return self._readers[fieldname]

    whoosh3.W3PerDocReader._cached_reader = cached_reader


def _install_postings():
    """Whoosh's pool and field writer, a term at a time (index.postings)."""
    from index import postings

    postings.install()


def _install_merging():
    """Whoosh's add_reader, a term at a time (index.merging)."""
    from index import merging

    merging.install()


_light_cached_property()
_whoosh_compat_without_urllib()
_remember_missing_columns()
_install_postings()
_install_merging()
