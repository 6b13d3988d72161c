"""Click options shared by several commands (`extract`, `ingest`, `eval doc`): one definition
each, so their names, choices, defaults and help stay the same everywhere."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from .extractor import DOMESTIC_HELP
from .nlp.discards import CLI_HELP as DISCARDS_HELP
from .nlp.verbdict import CLI_HELP as VERBS_HELP
from .nlp.verbdict import VERB_CODE_SCHEMES, VERB_CODES_HELP, VERBS_ONLY_HELP


def actors_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--actors FILE (repeatable): extra actor dictionaries."""
    return click.option("--actors", "actor_files", multiple=True, type=click.Path(dir_okay=False),
                        help="Extra actor dictionary: CSV, YAML, or PETRARCH .actors.txt/.agents.txt "
                             "(repeatable).")(f)


def lexicon_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--lexicon FILE (repeatable): extra event lexicons."""
    return click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(dir_okay=False),
                        help="Extra event lexicon YAML (verbs:/nouns:/tracks:), repeatable.")(f)


def verbs_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--verbs FILE (repeatable): PETRARCH/TABARI verb dictionaries."""
    return click.option("--verbs", "verb_files", multiple=True, type=click.Path(dir_okay=False),
                        help=VERBS_HELP)(f)


def verb_codes_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--verb-codes auto|cameo|weis: the code scheme of --verbs dictionaries."""
    return click.option("--verb-codes", "verb_codes", type=click.Choice(list(VERB_CODE_SCHEMES)),
                        default="auto", show_default=True, help=VERB_CODES_HELP)(f)


def verbs_only_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--verbs-only: code only the verbs of the --verbs dictionaries."""
    return click.option("--verbs-only", "verbs_only", is_flag=True, default=False, help=VERBS_ONLY_HELP)(f)


def domestic_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--domestic/--interstate: also code events within one country."""
    return click.option("--domestic/--interstate", default=False, show_default=True,
                        help=DOMESTIC_HELP)(f)


def discards_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """--discards FILE (repeatable): PETRARCH/TABARI discard lists."""
    return click.option("--discards", "discard_files", multiple=True, type=click.Path(dir_okay=False),
                        help=DISCARDS_HELP)(f)
