"""Compare roadmaps, follow an agreement through time, evaluate and rank many roadmaps.

:func:`coopframe.compare` sets two roadmaps side by side (one roadmap and its successor, or two
country pairs): which activities were carried over, which are new and which were dropped; which
axes, agencies and parties were added or removed; and every score of both evaluations with its
difference. :func:`coopframe.trajectory` does the same along an agreement's roadmaps, period by
period. Both, and their results :class:`coopframe.Comparison` and :class:`coopframe.Trajectory`,
are part of the package face :mod:`coopframe`.

:func:`iter_evaluate` streams one :class:`Outcome` per roadmap, in input order; a file that
cannot be read, parsed or validated becomes a failed outcome carrying its problems, and the run
goes on. :func:`evaluate_many` collects the outcomes in a :class:`Batch` (records, a pandas
frame). :func:`coopframe.io.find_documents` lists the roadmap files of a folder.

:func:`rank` orders the roadmaps by a profile's composite score, and :func:`rank_robustness`
tells whether that order is a property of the roadmaps or an artefact of the weights: it draws
many weightings around the profile and reports how far each roadmap's rank moves.

Every result is frozen all the way down: its collections are tuples, or read-only mappings
(:class:`types.MappingProxyType`), and setting an attribute raises
:class:`attrs.exceptions.FrozenInstanceError`.

Matching activities
-------------------
Activities are matched one to one, in two passes.

1. **By id** (``match_ids=True``, the default): an activity of ``a`` and one of ``b`` with the
   same id are the same commitment, whatever their titles. Every such pair is a match, with no
   threshold.
2. **By title**, among the activities left: titles are normalised by :func:`normalise_title`
   (Unicode NFKD, accents dropped, case folded, every run of punctuation and white space made
   one space) and compared with :func:`title_similarity`, the Jaccard index of their sets of
   words, ``|A ∩ B| / |A ∪ B|``. Pairs at or above ``threshold`` (and sharing at least one
   word) are assigned greedily: the most similar pair first, ties broken by the pair's ids
   (the smaller id of the two, then the larger, then the id in ``a``), each activity used at
   most once.

Why word-set Jaccard rather than :class:`difflib.SequenceMatcher`: it is symmetric, so
``compare(b, a)`` is exactly the mirror of ``compare(a, b)`` (``SequenceMatcher.ratio`` can
change when its arguments are swapped); it ignores word order, so a reworded title
("Operativos policiales binacionales coordinados" and "Operativos binacionales coordinados
contra redes...") keeps its credit; and it does not reward the letters that any two Spanish
titles share (on the bundled Bolivia–Peru titles, unrelated pairs score about 0.5 with
``SequenceMatcher`` and 0 to 0.32 with Jaccard, while the lightly reworded ones score
0.65–0.83).
The default threshold, 0.6, asks that well over half of the words the two titles use between
them be common to both. It is conservative: what it calls carried over very likely is, and the
counts of new and dropped activities are upper bounds. On the bundled Bolivia–Peru roadmaps
(``match_ids=False``) it matches the three lightly reworded activities; 0.35 adds three more
that were rewritten (the technical follow-up body, the monitoring meetings, the prevention
campaign); 0.3 also pairs a joint training with a diagnosis whose titles share only "de",
"en", "la", "y", "trata" and "tráfico". Choose the threshold for the corpus at hand, and read the
similarity each match carries.

Because the assignment depends only on the similarities and the ids, the result does not
depend on the order of the roadmaps' lists, and swapping ``a`` and ``b`` swaps every match.

Limits of matching
------------------
- Ids are trusted. Roadmaps that number their activities by position (``PREV-1``, ``PREV-2``)
  reuse the same ids for different commitments from one roadmap to the next; pass
  ``match_ids=False`` there. Every match, by id or by title, carries its title similarity,
  and :func:`coopframe.render.comparison_summary` warns about id matches whose titles fall below the
  threshold.
- Titles are compared as sets of words: no stemming (``campaña`` and ``campañas`` differ), no
  synonyms (``ruta`` and ``protocolo``), no translation (a Portuguese title never matches its
  Spanish twin), and function words (``de``, ``la``) count like any other word. A title with
  no letter or digit matches nothing by title (only by id).
- One activity split into two, or two merged into one, shows as one match plus one new (or
  dropped) activity: matching is one to one.
- Axes, agencies and parties are compared by id only, never by name.

Scores
------
Each roadmap is evaluated with :func:`coopframe.scoring.evaluate` (under one profile, each at
its own status date unless one is given). Every score appears with both values and the
difference ``b - a``, which is ``nan`` when either value is ``nan``; the composites under the
profile are compared the same way.

Items and sources
-----------------
An item is a :class:`~coopframe.model.Roadmap`, an :class:`~coopframe.model.Agreement`, or the
path of a ``.yaml``/``.yml``/``.json``/``.toml`` file holding either. An agreement is evaluated
roadmap by roadmap: each of its roadmaps gives one outcome, in the agreement's order, with the
source ``"file.yaml#roadmap-id"`` (``"agreement-id#roadmap-id"`` for an object), and an agreement
without roadmaps gives one failed outcome (error kind ``"EmptyAgreement"``). A roadmap object's
source is its id; a file's source is its path as given.

Parallel runs
-------------
``executor`` takes any :class:`concurrent.futures.Executor`: a
:class:`~concurrent.futures.ProcessPoolExecutor`, or a Dask cluster through
``distributed.Client(...).get_executor()`` (the ``dask`` extra). Items are sent in batches, each
evaluated by one task; paths are sent as paths, so workers read the files themselves. A few
batches are in flight at a time, so memory stays bounded however long the input, and outcomes
come back in input order. The results are those of the serial run, whatever the executor:
families and scorers of one's own, passed as ``families=[...]`` and ``scorers=[...]``, are sent
with the work to every worker (forked, spawned or on a Dask cluster), while a scorer
registered at run time exists only in workers forked after it was registered.

A task that fails as a whole (a lost Dask worker, an executor that refuses tasks) makes a
failed outcome, error kind ``"WorkerError"``, for each item of its batch, and the run goes on
(with ``on_error="raise"``, the executor's error is raised). A
:class:`~concurrent.futures.ProcessPoolExecutor` whose worker died is broken for good, so the
run replaces it with a new pool made alike (and shut down at the end of the run): the batch
that was waiting is run again alone, then in halves, each alone, down to the one item that
kills its worker, which alone fails (``"WorkerError"``); every other batch the broken pool lost
is run again. One crashing item costs one result. A Dask cluster replaces a lost worker and
retries the task elsewhere before giving up on that batch only.

With ``timeout``, an item that takes longer becomes a failed outcome, error kind
``"Timeout"``. While a run uses a process pool from the main thread, SIGTERM (left to its
default action) first kills the pool's workers, then ends the process as it would have; and a
pool's worker that has run a task exits when the process that started it dies, SIGKILL
included, so a terminated run leaves no worker behind.
"""

from coopframe.analysis._batch import Batch, evaluate_many, iter_evaluate
from coopframe.analysis._compare import Comparison as Comparison
from coopframe.analysis._compare import ScoreChange
from coopframe.analysis._compare import compare as compare
from coopframe.analysis._matching import (
    DEFAULT_THRESHOLD,
    ActivityMatch,
    MatchMethod,
    normalise_title,
    title_similarity,
)
from coopframe.analysis._outcome import Item, Outcome
from coopframe.analysis._ranking import RankEntry, Ranking, rank
from coopframe.analysis._robustness import MAX_SAMPLES, RankStability, Robustness, rank_robustness
from coopframe.analysis._trajectory import Trajectory as Trajectory
from coopframe.analysis._trajectory import trajectory as trajectory

# Comparison, Trajectory, compare and trajectory are importable from here by the modules above
# this package (report, cli, the package face), but their one public path is the package face:
# coopframe.compare, coopframe.Comparison, ... So they are not listed again below.
__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_SAMPLES",
    "ActivityMatch",
    "Batch",
    "Item",
    "MatchMethod",
    "Outcome",
    "RankEntry",
    "RankStability",
    "Ranking",
    "Robustness",
    "ScoreChange",
    "evaluate_many",
    "iter_evaluate",
    "normalise_title",
    "rank",
    "rank_robustness",
    "title_similarity",
]
