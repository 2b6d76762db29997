"""The code's vocabulary mirrors ontology/kg.ttl; the rule files are validated on load."""

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kg.errors import RuleError
from kg.rdf.namespace import KG, RELATIONS, SYMMETRIC
from kg.rdf.schema import ontology_dir
from kg.rulebook import load_rulebook, rulebook


def test_namespace_matches_ontology():
    g = Graph().parse(ontology_dir() / "kg.ttl")
    declared = {str(s).split("#")[1] for s in g.subjects(RDF.type, None) if str(s).startswith(str(KG._NS))}
    assert declared == set(KG.__annotations__)


def test_symmetric_relations_declared():
    g = Graph().parse(ontology_dir() / "kg.ttl")
    assert {str(s).split("#")[1] for s in g.subjects(RDF.type, OWL.SymmetricProperty)} == set(SYMMETRIC)
    assert all((getattr(KG, r), RDF.type, OWL.ObjectProperty) in g for r in RELATIONS)


def test_rulebook_loads():
    rb = rulebook()
    assert "董事长" in rb.titles and "有限公司" in rb.org_suffixes and len(rb.rules) >= 8


def test_malformed_rule_file_is_named(tmp_path):
    import shutil
    from importlib import resources

    src = resources.files("kg") / "rules"
    for f in src.iterdir():
        shutil.copy(str(f), tmp_path / f.name)
    with open(tmp_path / "org_suffixes.tsv", "a", encoding="utf-8") as fh:
        fh.write("研究室\tNotAClass\tstrong\n")
    with pytest.raises(RuleError, match=r"org_suffixes.tsv:\d+: 'NotAClass' is not a class"):
        load_rulebook(tmp_path)
