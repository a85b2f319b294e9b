"""A parallel reader sends back only the documents it read (speed/reader_env.py).

The environment a reader pickles is trimmed to its own documents; the main
process, which saves the environment to disk, is never trimmed. That the
merged result is unchanged is shown by the serial and parallel builds giving
the same site (test_incremental.py::test_worker_processes_publish_what_one_process_does,
whose third reading chunk starts after the first was merged).
"""

import collections
import os
import pickle

import pytest

from wnyblog import upstream
from wnyblog.posts import records
from wnyblog.speed import reader_env

# Builds the generated blog (shared with test_incremental.py): left out of `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture
def environment(generated_blog):
    built, posts, _ = generated_blog
    with open(built.snapshot / "build" / "doctrees" / "environment.pickle", "rb") as saved:
        env = pickle.load(saved)
    return env, [p.path.removesuffix(".md") for p in posts]


@pytest.fixture
def as_reader(monkeypatch):
    """This process as a forked reader that has read *docnames* (none yet: the
    main process, as a build's reading starts)."""
    monkeypatch.setattr(reader_env, "_main_pid", os.getpid())
    monkeypatch.setattr(reader_env, "_read_here", set())
    upstream.trim_pickled_environment(reader_env.trim)

    def read(*docnames):
        monkeypatch.setattr(reader_env, "_main_pid", os.getpid() + 1)
        monkeypatch.setattr(reader_env, "_read_here", set(docnames))

    return read


def test_a_reader_pickles_only_the_documents_it_read(environment, as_reader):
    env, docnames = environment
    mine, other = docnames[0], docnames[1]
    whole = env.__getstate__()
    assert other in whole["tocs"] and other in records.of_env(env)
    as_reader(mine)
    sent = pickle.loads(pickle.dumps(env))
    for table in ("all_docs", "tocs", "titles", "metadata", "toc_num_entries", "ablog_posts"):
        got = getattr(sent, table)
        assert mine in got and other not in got, table
        assert type(got) is type(whole[table]), table  # a defaultdict stays one
    assert sent.titles[mine].astext() == env.titles[mine].astext()
    assert set(records.of_env(sent)) == {mine}
    assert records.of_env(sent)[mine].title == records.of_env(env)[mine].title
    assert len(pickle.dumps(env)) < len(pickle.dumps(whole)) / 3  # 36 documents; 1 sent


def test_keys_that_are_no_document_and_other_state_stay(environment, as_reader):
    env, docnames = environment
    env.metadata["404"] = {"orphan": True}  # sphinx-notfound-page's, merged whole
    as_reader(docnames[0])
    sent = pickle.loads(pickle.dumps(env))
    assert sent.metadata["404"] == {"orphan": True}
    assert isinstance(sent.metadata, collections.defaultdict)
    assert sent.found_docs == env.found_docs  # the project is whole


def test_the_main_process_saves_the_whole_environment(environment, as_reader, monkeypatch):
    env, docnames = environment
    as_reader(docnames[0])
    monkeypatch.setattr(reader_env, "_main_pid", os.getpid())
    saved = pickle.loads(pickle.dumps(env))
    assert set(saved.tocs) == set(env.tocs) and len(saved.tocs) > 30
    assert set(records.of_env(saved)) == set(records.of_env(env))
