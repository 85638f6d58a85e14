"""The model's dependency parser and NER decoded one step at a time from Python: the stock annotations, for less CPU.

spaCy's greedy decoder (`Parser.greedy_parse`) releases the GIL and, for every state at every step, asks
each move whether it is valid (74 moves for the NER of en_core_web_sm). The spaCy 3.8 wheels are built
with Cython 3, whose code around the state accessors in those checks takes the GIL and gives it back
again (`PyGILState_Ensure`/`Release`, a mutex each time, as `objdump` of `ner.*.so` shows): about half
of the NER's CPU time went to that lock. `StepwiseParser` drives the same decoder from Python with the
GIL held, where those calls cost next to nothing: the step model the parser builds scores the states
(`ParserStepModel.predict`, the same precomputed features, sums, maxout and output layer as the compiled
loop) and `Parser.transition_states` takes, for each state, the best valid move, with the very function
the compiled loop calls. The moves are the same, so are the annotations.

A step costs some Python, so the whole batch is decoded at once, up to MAX_DOCS documents (the stock decodes
quarters of it, sorted by length): documents do not see each other in the model, only the number of steps
falls. A parser that
decodes with a beam is left to the stock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy
from spacy import util
from spacy.language import Language
from spacy.pipeline import DependencyParser, EntityRecognizer
from spacy.tokens import Doc
from thinc.api import set_dropout_rate

FACTORY = "extract_stepwise_parser"
PARSER_FACTORY = "parser"
MAX_DOCS = 64  # decoded together at most: the step model holds features for every token of them
Parser = DependencyParser | EntityRecognizer
STOCK_INTERNALS = ("transition_states", "_ensure_labels_are_added", "set_annotations", "get_error_handler")


class StepwiseParser:
    """A pipeline component: the annotations of `stock` (a greedy parser or NER), decoded from Python."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._stock: Parser | None = None

    def use(self, stock: Parser) -> "StepwiseParser":
        self._stock = stock
        return self

    @property
    def stock(self) -> Parser:
        if self._stock is None:
            raise ValueError(f"{self.name}: no parser to run; call use(parser) first")
        return self._stock

    @property
    def model(self) -> Any:
        """The stock's model, None before `use` (spaCy looks for listeners of a shared tok2vec in it)."""
        return None if self._stock is None else self._stock.model

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc], batch_size=1))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        stock = self.stock
        error_handler = stock.get_error_handler()
        for batch in util.minibatch(docs, size=min(batch_size, MAX_DOCS)):
            batch = list(batch)
            try:
                stock.set_annotations(batch, decode(stock, batch))
            except Exception as err:  # noqa: BLE001 - as the stock's pipe: its error handler decides
                error_handler(self.name, stock, batch, err)
            yield from batch


def decode(stock: Parser, docs: list[Doc]) -> list[Any]:
    """The parse states of `docs`, as `stock.predict(docs)` gives them."""
    if not any(len(doc) for doc in docs):
        return stock.moves.init_batch(docs)
    stock._ensure_labels_are_added(docs)  # as greedy_parse does first
    set_dropout_rate(stock.model, 0.0)
    batch = stock.moves.init_batch(docs)
    step_model = stock.model.predict(docs)
    scores_of = _scorer(step_model)
    states = [state for state in batch if not state.is_final()]
    while states:
        states = stock.transition_states(states, scores_of(states))
    step_model.clear_memory()
    return batch


def _scorer(step_model: Any) -> Callable[[list[Any]], Any]:
    """The step model's scores for unfinished states, as its `predict` gives them (spaCy's `step_forward`
    at prediction), with less Python per step: its two layers called directly, and the scores of classes
    unseen in training set to the minimum only when there are such classes."""
    state2vec, vec2scores = getattr(step_model, "state2vec", None), getattr(step_model, "vec2scores", None)
    if vec2scores is None or not hasattr(step_model, "_class_mask"):
        return step_model.predict
    unseen = numpy.flatnonzero(step_model._class_mask == 0)

    def scores_of(states: list[Any]) -> Any:
        scores = vec2scores.predict(state2vec.predict(step_model.get_token_ids(states)))
        if unseen.size:
            scores[:, unseen] = numpy.nanmin(scores)
        return scores
    return scores_of


def greedy(component: object) -> bool:
    """A dependency parser or NER that decodes greedily (no beam), with the spaCy internals this module drives
    (a spaCy other than the 3.8 this was written for may lack them: then the stock decodes)."""
    return (isinstance(component, (DependencyParser, EntityRecognizer)) and component.cfg.get("beam_width", 1) == 1
            and all(hasattr(component, name) for name in STOCK_INTERNALS)
            and hasattr(component.moves, "init_batch"))


def stepwise(component: Any) -> Any:
    """`component` decoded by a StepwiseParser when it is a greedy parser or NER; anything else as it is."""
    return StepwiseParser(component.name).use(component) if greedy(component) else component


@Language.factory(FACTORY)
def make_stepwise_parser(nlp: Language, name: str) -> StepwiseParser:
    return StepwiseParser(name)


def decode_parsers_stepwise(nlp: Language) -> None:
    """Put a StepwiseParser in the place of each enabled greedy dependency parser of `nlp` (the NER, which
    extract.nlp.hyphen_words runs inside its joiner, is wrapped there with `stepwise`)."""
    for name in list(nlp.pipe_names):
        stock = nlp.get_pipe(name)
        if nlp.get_pipe_meta(name).factory == PARSER_FACTORY and greedy(stock):
            nlp.replace_pipe(name, FACTORY).use(stock)
