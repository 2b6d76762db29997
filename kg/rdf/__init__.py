"""RDF side of kg: the vocabulary, the mapping of extracted facts to triples, and the stores."""
