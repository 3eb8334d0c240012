"""`thidua units`: the authority of units, and the archivist's edits of it."""
import click

from ingest import store
from search.cli.curating import edit_authority, list_edits, note_option
from search.cli.options import data_dir_option, output_options
from search.cli.output import emit

COLUMNS = ["name", "code", "kind", "parent", "articles", "aliases", "dropped"]


@click.group(invoke_without_command=True)
@click.option("--curated", is_flag=True, help="List the edits made (merge, rename, alias, drop), oldest first.")
@click.option("--all", "everything", is_flag=True,
              help="Also the units no article names (the gazetteer's, or those whose articles were removed).")
@output_options
@data_dir_option
@click.pass_context
def units(ctx, curated, everything, fmt, data_dir):
    """The units of the archive, one per organisation: its name, code, kind, parent,
    how many articles name it and its other names (aliases), most named first.

    Every name extraction finds is linked to one unit: the gazetteer's names,
    codes and aliases, any quotes or dash, with or without the parent's name
    ("Cụm thi đua khối cơ quan Tổng cục" = "… Tổng cục Công nghiệp quốc phòng").
    Where the rules cannot know, edit: each edit shows at once in search,
    timeline and stats, nothing is extracted again, and it is kept in the data
    folder (a reindex or re-ingest keeps it).

    \b
    Examples:
        thidua units
        thidua units --format csv > units.csv
        thidua units merge "Nhà máy Z121" "Công ty Hóa chất 21"
        thidua units rename "Đoàn Thanh niên Nhà máy" "Đoàn Thanh niên Nhà máy Z129"
        thidua units alias Z129 "Công ty Cơ khí 29"
        thidua units drop "Ban Nha"
        thidua units --curated
    """
    if ctx.invoked_subcommand is not None:
        return
    from ingest.authority import listing

    db = store.connect_reading(data_dir)
    if curated:
        list_edits(db, "unit", fmt, "No unit was edited.")
        return
    rows = listing.units(db, everything)
    if fmt in ("table", "csv"):
        rows = [{**r, "aliases": "; ".join(r["aliases"]), "dropped": "dropped" if r["dropped"] else ""}
                for r in rows]
    emit(rows, COLUMNS, fmt)


@units.command()
@click.argument("unit")
@click.argument("other")
@note_option
@data_dir_option
def merge(unit, other, note, data_dir):
    """Make OTHER one unit with UNIT: UNIT keeps its name, OTHER's names become its aliases.

    \b
    Example:
        thidua units merge "Cụm thi đua khối cơ quan Tổng cục" "Khối cơ quan Tổng cục"
    """
    edit_authority(data_dir, "unit", "merge", unit, other, note)


@units.command()
@click.argument("unit")
@click.argument("new_name")
@note_option
@data_dir_option
def rename(unit, new_name, note, data_dir):
    """Give UNIT the name NEW_NAME (its old name stays an alias).

    \b
    Example:
        thidua units rename "Đoàn Thanh niên Nhà máy" "Đoàn Thanh niên Nhà máy Z129"
    """
    edit_authority(data_dir, "unit", "rename", unit, new_name, note)


@units.command()
@click.argument("unit")
@click.argument("alias")
@note_option
@data_dir_option
def alias(unit, alias, note, data_dir):
    """Add ALIAS as another name of UNIT, for filters and for names found later.

    \b
    Example:
        thidua units alias Z129 "Công ty TNHH MTV Cơ khí 29"
    """
    edit_authority(data_dir, "unit", "alias", unit, alias, note)


@units.command()
@click.argument("unit")
@note_option
@data_dir_option
def drop(unit, note, data_dir):
    """UNIT is no unit (a place, a fragment): out of facets, filters and statistics.

    \b
    Example:
        thidua units drop "Ban Nha" --note "from Tây Ban Nha"
    """
    edit_authority(data_dir, "unit", "drop", unit, None, note)


@units.command()
@click.argument("unit")
@note_option
@data_dir_option
def undrop(unit, note, data_dir):
    """UNIT is a unit again (undoes `thidua units drop`)."""
    edit_authority(data_dir, "unit", "undrop", unit, None, note)
