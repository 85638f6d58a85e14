"""The parser and NER decoded from Python give the stock decoder's parse and names (the installed model)."""

import spacy
from spacy.tokens import Doc

import extract.nlp.stepwise_parser as stepwise_module
from extract.nlp.stepwise_parser import FACTORY, StepwiseParser, decode_parsers_stepwise, greedy, stepwise

TEXTS = [
    "Mr. John Smith, the chairman of Acme Corp., said on Monday that sales rose 5% to $3.2 billion.",
    "The European Union and the International Monetary Fund agreed a loan to Greece in Brussels.",
    "",
    "Rain.",
    "Tokyo, Tuesday, 13 May 2025. Prime Minister Fumio Kishida met Joe Biden at the White House; "
    "they talked about trade, North Korea and the yen for two hours.\n\nNobody else was there.",
]


def _annotations(docs: list[Doc]) -> list[list[tuple]]:
    return [[(t.i, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc] for doc in docs]


def test_same_parse_and_names_as_the_stock_decoder(settings):
    stock, nlp = spacy.load(settings.model), spacy.load(settings.model)
    decode_parsers_stepwise(nlp)
    assert nlp.get_pipe_meta("parser").factory == FACTORY
    ner = stepwise(nlp.get_pipe("ner"))
    assert isinstance(ner, StepwiseParser)
    with nlp.select_pipes(disable=["ner"]):
        docs = list(nlp.pipe(TEXTS, batch_size=3))
    docs = list(ner.pipe(docs, batch_size=3))
    expected = list(stock.pipe(TEXTS, batch_size=3))
    assert _annotations(docs) == _annotations(expected)
    assert any(doc.ents for doc in docs)  # names were found, not only left empty on both sides
    one = nlp(TEXTS[0])
    assert _annotations([ner(one)]) == _annotations([stock(TEXTS[0])])


def test_only_greedy_parsers_are_wrapped(settings):
    nlp = spacy.load(settings.model)
    tagger = nlp.get_pipe("tagger")
    assert not greedy(tagger) and stepwise(tagger) is tagger
    parser = nlp.get_pipe("parser")
    parser.cfg["beam_width"] = 4
    assert stepwise(parser) is parser
    decode_parsers_stepwise(nlp)
    assert nlp.get_pipe_meta("parser").factory == "parser"


def test_a_parser_without_the_internals_it_drives_is_left_to_the_stock(settings, monkeypatch):
    nlp = spacy.load(settings.model)
    parser = nlp.get_pipe("parser")
    assert greedy(parser)
    renamed = (*stepwise_module.STOCK_INTERNALS, "renamed_in_a_later_spacy")  # as a later spaCy might do
    monkeypatch.setattr(stepwise_module, "STOCK_INTERNALS", renamed)
    assert not greedy(parser) and stepwise(parser) is parser
    decode_parsers_stepwise(nlp)
    assert nlp.get_pipe_meta("parser").factory == "parser"


def test_classes_unseen_in_training_score_lowest_as_in_the_stock(settings):
    stock, nlp = spacy.load(settings.model), spacy.load(settings.model)
    for model in (stock, nlp):  # the installed model has none: mark some moves unseen in both
        for name in ("parser", "ner"):
            attrs = model.get_pipe(name).model.attrs
            attrs["unseen_classes"] = set(range(2, 40, 3))
    decode_parsers_stepwise(nlp)
    ner = stepwise(nlp.get_pipe("ner"))
    with nlp.select_pipes(disable=["ner"]):
        docs = list(ner.pipe(nlp.pipe(TEXTS, batch_size=5), batch_size=5))
    expected = list(stock.pipe(TEXTS, batch_size=5))
    assert _annotations(docs) == _annotations(expected)
    assert _annotations(expected) != _annotations(list(spacy.load(settings.model).pipe(TEXTS)))  # it mattered


def test_a_large_batch_is_decoded_in_groups_of_at_most_max_docs(settings, monkeypatch):
    import extract.nlp.stepwise_parser as module

    stock, nlp = spacy.load(settings.model), spacy.load(settings.model)
    decode_parsers_stepwise(nlp)
    sizes = []
    real = module.decode
    monkeypatch.setattr(module, "MAX_DOCS", 2)
    monkeypatch.setattr(module, "decode", lambda parser, docs: sizes.append(len(docs)) or real(parser, docs))
    docs = list(nlp.pipe(TEXTS, batch_size=len(TEXTS)))
    assert sizes == [2, 2, 1]
    with stock.select_pipes(disable=["ner"]):
        expected = list(stock.pipe(TEXTS, batch_size=len(TEXTS)))
    assert [[(t.dep_, t.head.i) for t in d] for d in docs] == [[(t.dep_, t.head.i) for t in d] for d in expected]
