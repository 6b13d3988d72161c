"""`detente_paragraphs`: a line break ends a sentence.

Runs before the parser. Headings ("### Trade", "== 1990s ==") and list items have no final full
stop, and without this the parser glues them to the next sentence, which then gets the wrong
subject and the wrong date.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def mark_line_breaks(doc: Doc) -> Doc:
    """Mark the first token after any newline-bearing token as a sentence start, and the word after
    it as none."""
    n = len(doc)
    for tok in doc:
        # whitespace tokens carry the newlines; the token after them starts a sentence
        if (tok.is_space and "\n" in tok.text or "\n" in tok.whitespace_) and tok.i + 1 < n:
            doc[tok.i + 1].is_sent_start = True
            # after a preset break the parser tends to cut the line's first word off as a sentence
            # of its own ("Guinea | re-established relations with France"); the parser keeps a
            # token marked as no sentence start inside the sentence
            nxt = tok.i + 2
            if nxt < n and not doc[tok.i + 1].is_space and not doc[tok.i + 1].is_punct \
                    and not doc[nxt].is_space and not doc[nxt].is_punct and "\n" not in doc[tok.i + 1].whitespace_:
                doc[nxt].is_sent_start = False
    return doc


@Language.factory("detente_paragraphs", default_config={})
def make_paragraph_splitter(nlp: Language, name: str):
    """Factory: the component is stateless."""
    return mark_line_breaks
