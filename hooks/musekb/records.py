"""Typed records for every data file, with the rules a single record must follow.

Each model here is one kind of record and one file in ``data/``. Entities (models,
organisations, people, benchmarks, sources) are joined by id from facts (results,
claims, events, glossary terms, conflicts). Rules that need more than one record
(references, uniqueness, conflicts) live in :mod:`musekb.checks`.

Field docstrings become descriptions in the JSON Schemas that editors use.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from .fieldtypes import Date, Day, HttpsUrl, Id, Number, Text, kb_error
from .vocabulary import (
    Attribute,
    BenchmarkCategory,
    Confidence,
    Provenance,
    ReadAs,
    Setting,
    SourceKind,
    Topic,
    Unit,
)

# --- base classes ------------------------------------------------------------------------


class Record(BaseModel):
    """Base of every record: unknown fields are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Sourced(Record):
    """A record that cites its sources."""

    sources: list[Id] = Field(min_length=1)
    """Ids of the sources (in sources.yaml) that support this record."""


class Graded(Sourced):
    """A record whose confidence grade is computed from its sources (see :mod:`musekb.grading`)."""

    confidence: Confidence | None = None
    """Only to lower the grade computed from the sources (A, B or C), with confidence_reason; it can
    never raise it. Omit it to use the computed grade."""
    confidence_reason: Text | None = None
    """Why the grade is lower than the sources support (own words), shown to readers with the grade."""

    @model_validator(mode="after")
    def _reason_needs_grade(self):
        if self.confidence_reason and not self.confidence:
            raise kb_error("confidence_reason without confidence", "give the lowered grade, or remove the reason")
        return self


class Fact(Graded):
    """A fact: sourced, labelled with its provenance, graded by its sources, and dated."""

    provenance: Provenance
    """fact, meta-claim, independent, press-report or opinion."""
    as_of: Day
    """Date the fact was last checked against its sources (YYYY-MM-DD)."""
    review_days: int | None = Field(default=None, ge=1, le=3650)
    """Days after as_of when the fact should be re-checked; defaults depend on the topic."""
    conflict: Id | None = None
    """Id of a conflict (conflicts.yaml) when sources disagree on this fact."""
    preferred: StrictBool = False
    """Within a conflict: true for the one value the site uses in tables."""
    note: Text | None = None
    """Short remark shown with the fact (own words)."""


# --- entities ----------------------------------------------------------------------------


class Via(Record):
    """Where a source was actually read when the original could not be."""

    url: HttpsUrl | None = None
    """Address of the copy, summary or archive that was read (omit only when it has none, and say so in note)."""
    note: Text
    """What the copy is, e.g. 'verbatim copy of the CNBC article'."""


class Source(Record):
    """A publication the site cites."""

    id: Id
    """Short unique id, <publisher>-<slug>, e.g. axios-muse-spark-launch."""
    title: Text
    """Title of the page or document, as published."""
    publisher: Text
    """Who published it (outlet, company or person)."""
    url: HttpsUrl
    """Original address."""
    published: Date | Literal["undated"]
    """Publication date (YYYY-MM-DD, YYYY-MM or YYYY), or 'undated' for pages without one."""
    accessed: Day
    """Date the source was read (YYYY-MM-DD)."""
    kind: SourceKind
    """meta = published by Meta itself; the other kinds are third parties."""
    tier: Literal["primary", "reputable", "mid-tier", "weak"]
    """Reliability of the publisher, as graded in the contributing guide."""
    read: ReadAs
    """direct (the page itself), copy (a faithful copy, given in via), summary (only a summary or quotation
    of it, given in via) or not-opened (never read; known because other sources cite it)."""
    via: Via | None = None
    """The copy or summary that was read, when read is copy or summary."""
    outlet: Id | None = None
    """The publisher as an id, when its name varies between sources (default: the publisher name in
    lowercase words joined by hyphens; every source of kind meta counts as one outlet, meta).
    Two sources of one outlet count once towards a grade."""
    relays: Id | None = None
    """Id of another source this page repeats or rewrites: it counts as that source's outlet, not its own."""
    relays_meta: StrictBool = False
    """True when the source reproduces Meta's own material (e.g. Meta's benchmark table)."""
    note: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Source:
        if self.kind == "meta" and self.tier != "primary":
            raise kb_error("a source of kind 'meta' is Meta's own publication", "set tier: primary")
        if self.tier == "primary" and self.kind != "meta":
            raise kb_error("only Meta's own publications are primary", "set kind: meta, or a tier for the publisher")
        if self.read in ("copy", "summary") and self.via is None:
            raise kb_error(f"read: {self.read} needs the copy that was read", "add via: {url: ..., note: ...}")
        if self.read in ("direct", "not-opened") and self.via is not None:
            raise kb_error(f"read: {self.read} but a via is given", "set read: copy or summary, or remove via")
        if self.relays == self.id:
            raise kb_error("a source cannot relay itself", "name the source it repeats, or remove relays")
        return self


class Organisation(Sourced):
    """A company, lab, evaluator, government body or outlet that appears in the facts."""

    id: Id
    name: Text
    kind: Literal["company", "lab", "evaluator", "government", "research-group", "media", "startup"]
    summary: Text
    """One or two sentences in own words."""
    parent: Id | None = None
    """Id of the organisation this one belongs to (e.g. MSL -> Meta)."""
    url: HttpsUrl | None = None


class Role(Graded):
    """A position a person held, with its dates and sources."""

    title: Text
    org: Id
    start: Date | None = None
    end: Date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        if self.start and self.end and self.end.first_day < self.start.first_day:
            raise kb_error("the role ends before it starts", "swap start and end or fix one of them")
        return self


class Person(Sourced):
    """A person named in the facts."""

    id: Id
    name: Text
    summary: Text
    roles: list[Role] = Field(default_factory=list)


class Model(Sourced):
    """An AI model (a group such as Muse Spark, or a specific version such as Muse Spark 1.1).

    Facts about a model (release date, weights, licence, price...) are claims in
    claims.yaml with ``about: [model-id]`` and an ``attribute``, so each carries its own
    sources and confidence.
    """

    id: Id
    name: Text
    org: Id
    """Id of the maker (organisations.yaml)."""
    family: Text
    """Family name, e.g. Muse, GPT, Gemini, Claude, Grok, Llama."""
    version_of: Id | None = None
    """Id of the model this is a version of."""
    modes: list[Id] = Field(default_factory=list)
    """Modes or effort settings results can be reported in (e.g. instant, thinking)."""
    summary: Text | None = None
    """One or two sentences in own words."""
    rival: StrictBool = False
    """True for models Meta compared Muse Spark against; they get a comparison page."""
    product: StrictBool = False
    """True for a product built on models (an app or agent such as the Muse agent), not a model itself."""
    compared_mode: Id | None = None
    """For a rival: the Muse mode it is compared against when not Thinking (e.g. contemplating)."""


class Scale(Record):
    """The range and unit of a benchmark's scores."""

    unit: Unit
    min: float = 0
    max: float | None = 100
    """Upper bound, or null for open-ended scales such as Elo."""
    higher_is_better: StrictBool = True

    @model_validator(mode="after")
    def _range(self) -> Scale:
        if self.max is not None and self.max <= self.min:
            raise kb_error("max must be above min", "check the scale bounds")
        return self


class Benchmark(Sourced):
    """A benchmark, leaderboard or index that results are reported on."""

    id: Id
    name: Text
    abbr: Text | None = None
    """Abbreviation readers meet (shown as a tooltip site-wide through the glossary)."""
    aliases: list[Text] = Field(default_factory=list)
    """Other names used by sources (helps search)."""
    category: BenchmarkCategory
    measures: Text
    """What it measures, in own words."""
    origin: Text
    """Who made it and when."""
    scale: Scale
    independent: StrictBool = False
    """True for third-party indexes and leaderboards (Artificial Analysis, Arena...)."""
    maintainer: Id | None = None
    """Organisation that runs the index or leaderboard (shown as the measurer of its results)."""
    url: HttpsUrl | None = None
    """Home page of the benchmark."""


# --- facts -------------------------------------------------------------------------------


class Result(Fact):
    """One score of one model on one benchmark, in one mode and setting."""

    model: Id
    """Id of the model (models.yaml)."""
    benchmark: Id
    """Id of the benchmark (benchmarks.yaml)."""
    mode: Id | None = None
    """One of the model's modes (models.yaml), or omitted when the source names none."""
    setting: Setting = "standard"
    """no-tools / with-tools where the benchmark is run both ways, else standard."""
    value: Number
    """The score, in the benchmark's unit (86.4 for 86.4 %)."""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes a result unique: model, benchmark, mode and setting."""
        return (self.model, self.benchmark, self.mode or "", self.setting)


class Claim(Fact):
    """A statement about design, safety, strategy or the market, or a named person's opinion."""

    id: Id
    topic: Topic
    statement: Text
    """The statement in own words (never copied from the source)."""
    about: list[Id] = Field(default_factory=list)
    """Ids of models, organisations, people or benchmarks the claim is about."""
    attribute: Attribute | None = None
    """For a key fact about a model: which attribute it gives (used in family tables)."""
    value: Number | Text | None = None
    """The figure or short value the statement gives, for tables and charts."""
    unit: Unit | None = None
    speaker: Id | None = None
    """Person or organisation whose view or words this is (required for opinions)."""
    quote: Text | None = None
    """A short phrase the speaker used, quoted exactly (a few words, not sentences)."""
    debate: Id | None = None
    """For perspectives: the debate this view belongs to."""
    stance: Text | None = None
    """For perspectives: the side taken, in a few words."""

    @model_validator(mode="after")
    def _shape(self) -> Claim:
        if self.provenance == "opinion" and not self.speaker:
            raise kb_error("an opinion needs a speaker", "add speaker: <person or organisation id>")
        if self.debate and self.provenance != "opinion":
            raise kb_error("a debate entry must be an opinion", "set provenance: opinion")
        if self.unit and not isinstance(self.value, float):
            raise kb_error("a unit needs a numeric value", "give value as a number or drop unit")
        if self.attribute and self.value is None:
            raise kb_error("an attribute claim needs a value", "add value: ...")
        return self


class Event(Fact):
    """A dated event on the timeline."""

    id: Id
    """Short unique id, e.g. muse-spark-announced."""
    date: Date
    """When it happened: YYYY-MM-DD, or YYYY-MM when the source gives no day."""
    title: Text
    """Short headline in own words."""
    topic: Topic
    """design, family, benchmarks, safety, strategy, organisation, market or perspectives."""
    summary: Text | None = None
    """One or two sentences of context, in own words."""
    page: Text
    """Page (and anchor) that explains the event, e.g. strategy.md#open-weights."""
    about: list[Id] = Field(default_factory=list)


class Term(Sourced):
    """A glossary entry."""

    id: Id
    """Short unique id, e.g. thought-compression."""
    term: Text
    """The term as readers meet it."""
    abbr: Text | None = None
    """Abbreviation, shown as a tooltip wherever it appears on the site."""
    definition: Text
    """Definition in own words."""
    benchmark: Id | None = None
    """Benchmark the term names, if any (links to its page)."""
    page: Text | None = None
    """Page (and anchor) that explains the term further."""


class Conflict(Sourced):
    """A place where sources disagree; results and claims point here with ``conflict:``."""

    id: Id
    title: Text
    topic: Topic
    summary: Text
    """What disagrees, in own words."""
    resolution: Text
    """Which value the site uses in tables, and why."""


class Gap(Record):
    """Something the site knows it does not know: a result, report or event it looked for and did not find."""

    noted: Day
    """Day the gap was noted (YYYY-MM-DD)."""
    text: Text
    """What is missing, in own words (e.g. a scheduled report for which no coverage was found)."""
    sources: list[Id] = Field(default_factory=list)
    """Sources that announced or scheduled the missing thing, if any."""


class CoverageTopic(Record):
    """A topic of the site: when it was last swept through the public record, and its known gaps."""

    id: Id
    title: Text
    """The topic as readers name it, e.g. 'The consumer agent and apps'."""
    summary: Text
    """What the topic covers, in one sentence (own words)."""
    swept: Day
    """Day the topic was last swept through the public record for new material (YYYY-MM-DD)."""
    pages: list[Text] = Field(min_length=1)
    """Pages (and sections) that tell this topic, e.g. agent.md#devices; their dated events belong to it."""
    about: list[Id] = Field(default_factory=list)
    """Models, organisations, people or benchmarks whose claims belong to this topic."""
    gaps: list[Gap] = Field(default_factory=list)
    """What the site looked for and could not find, each with the day it was noted."""


#: Data file name -> record model. One file per kind of record.
KINDS: dict[str, type[Record]] = {
    "sources": Source,
    "organisations": Organisation,
    "people": Person,
    "models": Model,
    "benchmarks": Benchmark,
    "results": Result,
    "claims": Claim,
    "events": Event,
    "glossary": Term,
    "conflicts": Conflict,
    "coverage": CoverageTopic,
}
