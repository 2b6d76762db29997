"""The ``kg`` command: a thin layer over the Python API. Each command parses its options,
calls one API function and prints; errors from :mod:`kg.errors` become one line on stderr."""

from __future__ import annotations

import sys
from functools import wraps
from pathlib import Path

import click

from kg.errors import KGError

DEFAULT_GRAPH = Path("output/graph.ttl")


def _friendly(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KGError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def _graph(path: Path, store: str = "oxigraph", endpoint: str | None = None):
    from kg.store import open_graph

    return open_graph(path, store=store, endpoint=endpoint)


def store_options(f):
    f = click.option("--store", type=click.Choice(["oxigraph", "memory"]), default="oxigraph", show_default=True,
                     help="Engine: the embedded Oxigraph store (fast) or rdflib's memory store.")(f)
    return click.option("--graph", "-g", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, show_default=True,
                        help="Graph file (or store folder) to read.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main():
    """kg: Chinese news about cross-region cooperation, as a knowledge graph.

    \b
    Examples:
      kg build                          # data/ -> output/graph.ttl, graph.trig, graph.html
      kg query signings                 # a named query from the library
      kg export --format csv -o rel.csv
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Folder for graph.ttl, graph.trig and graph.html.")
@click.option("--recursive", "-r", is_flag=True, help="Descend into sub-folders.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Drop relations whose rule gives a lower confidence.")
@click.option("--no-html", is_flag=True, help="Skip graph.html.")
@click.option("--no-store", is_flag=True, help="Skip the embedded Oxigraph store (output/store/).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extract articles in this many processes (same results as 1).")
@click.option("--add", is_flag=True, help="Add PATHS to the graph already in --out without re-reading its articles.")
@_friendly
def build(paths, out, recursive, min_confidence, no_html, no_store, jobs, add):
    """Extract articles (.txt, .md, .html; UTF-8, GBK/GB18030, Big5) into a graph.

    PATHS are files or folders (default: data/). Unreadable articles are reported and
    skipped; the others are still processed.

    \b
    Examples:
      kg build
      kg build data/ more/article.html --out /tmp/kg
      kg build -r data/dev/tune --min-confidence 0.85 --jobs 2
      kg build --add new-article.txt
    """
    from kg.api import build as run

    bar = None
    state = {"last": 0}

    def progress(i, n, name):
        nonlocal bar
        if not sys.stderr.isatty() or n < 2:
            return
        if bar is None:
            bar = click.progressbar(length=n, label="reading articles", file=sys.stderr)
            bar.__enter__()
        bar.update(i - state["last"])
        state["last"] = i
        if i == n:
            bar.__exit__(None, None, None)

    def problem(msg):
        click.echo(f"skipped: {msg}", err=True)

    report = run(list(paths) or None, out, recursive=recursive, min_confidence=min_confidence,
                 html=not no_html, store=not no_store, jobs=jobs, add=add, progress=progress, on_problem=problem)
    ents = ", ".join(f"{k} {v}" for k, v in sorted(report.entities.items()))
    rels = ", ".join(f"{k} {v}" for k, v in sorted(report.relations.items()))
    click.echo(f"articles: {len(report.read)} read, {len(report.skipped)} skipped")
    click.echo(f"entities: {ents or 'none'}")
    click.echo(f"relations: {rels or 'none'}")
    click.echo(f"wrote {', '.join(str(f) for f in report.files)} ({report.triples} triples) in {report.seconds:.1f} s")


@main.command()
@click.argument("doc")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=Path("output"), show_default=True)
@_friendly
def remove(doc, out):
    """Take one article (its path, or the start of its SHA-1) out of the built graph; the
    entities only it supported go too.

    \b
    Example:
      kg remove data/old-article.txt
    """
    from kg.api import remove as run

    report = run(doc, out)
    click.echo(f"removed {', '.join(report.read)}; wrote {', '.join(str(f) for f in report.files)}")


@main.command()
@click.argument("query", required=False)
@store_options
@click.option("--endpoint", metavar="URL", help="Run on a remote SPARQL endpoint instead (e.g. Virtuoso).")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--param", "-p", multiple=True, metavar="NAME=VALUE", help="A parameter of a named query.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and what they answer.")
@_friendly
def query(query, graph, store, endpoint, fmt, param, list_):
    """Run SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE) on a graph.

    QUERY is SPARQL text, a .rq file, or the name of a query from the library.

    \b
    Examples:
      kg query --list
      kg query signings
      kg query neighbours --param name=某某市
      kg query 'SELECT ?p WHERE { ?p a <https://w3id.org/cnkg/ont#Person> }' --format csv
    """
    from kg.query import format_result, list_queries, run_query

    if list_:
        for name, desc in list_queries():
            click.echo(f"{name:12} {desc}")
        return
    if not query:
        raise click.UsageError("give a query (SPARQL text, a .rq file or a name; see kg query --list)")
    params = {}
    for p in param:
        if "=" not in p:
            raise click.BadParameter(f"{p!r}: write NAME=VALUE", param_hint="--param")
        k, v = p.split("=", 1)
        params[k] = v
    result = run_query(_graph(graph, store, endpoint), query, params)
    click.echo(format_result(result, fmt))


@main.command()
@store_options
@click.option("--format", "-f", "fmt", type=click.Choice(["ttl", "trig", "nt", "jsonld", "graphml", "csv"]),
              required=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write (default: stdout).")
@_friendly
def export(graph, store, fmt, output):
    """Write the graph in another format.

    \b
    Examples:
      kg export --format jsonld -o output/graph.jsonld
      kg export --format csv -o relations.csv
      kg export --format graphml -o output/graph.graphml
    """
    from kg.export import export_graph
    from kg.io import atomic_write

    data = export_graph(_graph(graph, store), fmt)
    if output:
        atomic_write(output, data)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(data.decode("utf-8") if isinstance(data, bytes) else data, nl=False)


@main.command()
@store_options
@click.option("--format", "-f", "fmt", type=click.Choice(["html", "png", "svg"]), default="html", show_default=True,
              help="html: the interactive network; png or svg: a picture of the cooperation flows between regions.")
@click.option("--level", type=click.Choice(["province", "city"]), default="province", show_default=True,
              help="Region level of the flows picture (png, svg).")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="File to write (default: output/graph.html, output/flows.png or output/flows.svg).")
@_friendly
def viz(graph, store, fmt, level, output):
    """Draw a graph: the interactive network (one offline HTML file), or a picture of the region flows.

    \b
    Examples:
      kg viz --graph output/graph.ttl -o /tmp/network.html
      kg viz --format png --level city -o flows.png
    """
    g = _graph(graph, store)
    from kg.io import atomic_write

    if fmt == "html":
        from kg.viz import render_html

        output = output or Path("output/graph.html")
        atomic_write(output, render_html(g, title=f"kg: {graph.name}"))
    else:
        from kg.viz import render_flows

        output = output or Path(f"output/flows.{fmt}")
        atomic_write(output, render_flows(g, fmt, level))
    click.echo(f"wrote {output}")


@main.command()
@store_options
@_friendly
def validate(graph, store):
    """Check the graph against the SHACL shapes in ontology/; exit 1 on any violation.

    \b
    Example:
      kg validate --graph output/graph.ttl
    """
    from kg.validate import validate_graph

    problems = validate_graph(_graph(graph, store))
    for line in problems:
        click.echo(line)
    if problems:
        raise click.ClickException(f"{len(problems)} violation(s) in {graph}")
    click.echo(f"{graph}: conforms")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@_friendly
def explain(file):
    """Show, sentence by sentence, the mentions found and the relations read, with the rule
    and words behind each.

    \b
    Example:
      kg explain data/article.txt
    """
    from kg.explain import explain_file

    click.echo(explain_file(file))


def _register() -> None:
    """Commands whose code lives beside the library module they drive."""
    from kg.remote import push_command
    from kg.stats import stats_command

    main.add_command(stats_command)
    main.add_command(push_command)


_register()

if __name__ == "__main__":
    main()
