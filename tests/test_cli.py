"""The command line: exit codes and one-line messages (click's CliRunner), determinism, and the
README's main command. Article texts here were written for the tests."""

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "贵州遵义考察团赴宁波考察\n市委书记周明远率队赴宁波市考察。遵义市人民政府与宁波港口发展有限公司签署战略合作协议。"


def _build(tmp_path, *args):
    return CliRunner().invoke(main, ["build", *map(str, args), "--out", str(tmp_path / "out"), "--no-html"])


def test_build_summary_and_outputs(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = _build(tmp_path, tmp_path / "a.txt")
    assert res.exit_code == 0, res.output
    assert "articles: 1 read, 0 skipped" in res.output
    assert "signedWith 1" in res.output
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0
    assert (tmp_path / "out" / "graph.trig").stat().st_size > 0


def test_bad_articles_are_skipped_and_named(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01" * 100)
    res = _build(tmp_path, tmp_path)
    assert res.exit_code == 0
    assert f"skipped: {tmp_path / 'empty.txt'}: the file is empty" in res.stderr
    assert f"skipped: {tmp_path / 'bin.txt'}: looks like a binary file" in res.stderr
    assert "articles: 1 read, 2 skipped" in res.output


def test_nothing_readable_exits_1_and_keeps_old_output(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert _build(tmp_path, tmp_path / "a.txt").exit_code == 0
    before = (tmp_path / "out" / "graph.ttl").read_bytes()
    empty = tmp_path / "e"
    empty.mkdir()
    res = _build(tmp_path, empty)
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: no article could be read")
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == before


def test_missing_graph_is_one_line(tmp_path):
    res = CliRunner().invoke(main, ["viz", "--graph", str(tmp_path / "nope.ttl")])
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {tmp_path / 'nope.ttl'}: no such graph file; run `kg build` first or pass --graph FILE"


def test_build_is_deterministic(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    for out in ("o1", "o2"):
        assert runner.invoke(main, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / out), "--no-html"]).exit_code == 0
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "o1" / name).read_bytes() == (tmp_path / "o2" / name).read_bytes()


def test_every_command_has_help_with_an_example():
    for name, cmd in main.commands.items():
        res = CliRunner().invoke(main, [name, "--help"])
        assert res.exit_code == 0 and "Example" in res.output, name


def test_explain_shows_rule_and_words(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = CliRunner().invoke(main, ["explain", str(tmp_path / "a.txt")])
    assert res.exit_code == 0
    assert "=> 遵义市人民政府 signedWith 宁波港口发展有限公司  [rule sign.pair, words '签署', confidence 0.90]" in res.output


def _readme_command(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(f"<!-- {marker} -->", 1)[1]
    return block.split("```bash\n", 1)[1].split("\n", 1)[0]


def test_readme_main_command_builds_the_corpus():
    """The README's first set-up command, run as a user would, in the project folder."""
    cmd = _readme_command("main-command")
    assert cmd.endswith("kg build")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    res = subprocess.run(["bash", "-c", cmd], cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "articles: 1 read, 0 skipped" in res.stdout
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (ROOT / "output" / name).stat().st_size > 0


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "test-command" in ci and 'bash -c "$cmd"' in ci
    assert _readme_command("test-command").endswith("python -m pytest -q")


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"kg {name}" in readme, name
