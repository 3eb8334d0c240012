"""`thidua serve`: the archive as a web page on this computer."""
import click

from search.cli.options import data_dir_option

LOCAL = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Only this computer can open the page unless you give another.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@data_dir_option
def serve(host, port, data_dir):
    """Open the archive in a web browser: search with facets, articles with their
    units, people, dates and figures marked, timelines of units and people,
    statistics with charts, and the archive's status. In Vietnamese, with an
    English switch; every page has a JSON twin (add ?format=json).

    The page only reads the archive. It listens on this computer only (127.0.0.1)
    unless --host says otherwise; an ingest running beside it shows up without a
    restart. Nothing is fetched from the internet: it works offline.

    \b
    Examples:
        thidua serve                      then open http://127.0.0.1:8000/
        thidua serve --port 8080 --data-dir /mnt/archive
        thidua serve --host 0.0.0.0       others on the network can read it too
    """
    import uvicorn  # imported late: only this command needs the web stack

    from ingest import store
    from search.web.app import create_app

    store.connect_reading(data_dir).close()  # no archive there: one line now, not an error page later
    if host not in LOCAL:
        click.echo(f"warning: listening on {host}: anyone who can reach this computer on port {port} can read "
                   f"the archive (it cannot change it)", err=True)
    click.echo(f"Serving {data_dir} at http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               f"(Ctrl+C stops)", err=True)
    uvicorn.run(create_app(data_dir), host=host, port=port, log_level="warning")
