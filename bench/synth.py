"""Synthetic works: one bibliographic description drawn from the shared pools, before it is written out."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench import vocab

KINDS = (("article", 55), ("book", 12), ("chapter", 12), ("thesis", 14), ("conference", 7))
DEFECT_RATE = 0.005  # share of malformed records
DEFECTS = ("no-title", "bad-issn", "bad-doi", "bad-date")

Person = tuple[str, str, "str | None"]


@dataclass
class Work:
    """Everything a source record may say about one work (each format writes what it can hold)."""

    n: int
    kind: str
    title: str
    subtitle: str | None
    language: str
    authors: list[Person]
    year: int
    month: int
    day: int
    modified: tuple[int, int, int, int, int]
    abstract: str
    subjects: list[str]
    keywords: list[str]
    editors: list[Person] = field(default_factory=list)
    journal: tuple[str, str, str | None, str] | None = None
    volume: str | None = None
    issue: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    doi: str | None = None
    isbn: str | None = None
    book_title: str | None = None
    publisher: str | None = None
    place: str | None = None
    institution: str | None = None
    department: str | None = None
    degree: tuple[str, str, str] | None = None
    event: str | None = None
    defect: str | None = None


def _title(rng: random.Random) -> tuple[str, str | None, str]:
    if rng.random() < 0.03:
        title = rng.choice(vocab.FOREIGN_TITLES)
        language = vocab.LANGUAGES[vocab.FOREIGN_TITLES.index(title) % len(vocab.LANGUAGES)]
        return f"{title} {rng.randint(2, 999)}", None, language
    w = vocab.WORDS
    a = vocab.ADJECTIVES
    pattern = rng.randrange(5)
    title = (f"{rng.choice(a).capitalize()} {rng.choice(w)} and {rng.choice(w)} in {rng.choice(a)} {rng.choice(w)}",
             f"The {rng.choice(w)} of {rng.choice(a)} {rng.choice(w)}",
             f"Towards a {rng.choice(a)} theory of {rng.choice(w)}",
             f"{rng.choice(w).capitalize()}, {rng.choice(w)} and the {rng.choice(a)} {rng.choice(w)}",
             f"On the {rng.choice(w)} of {rng.choice(w)} {rng.choice(w)} under {rng.choice(a)} {rng.choice(w)}",
             )[pattern]
    subtitle = f"a {rng.choice(a)} study of {rng.choice(w)} {rng.choice(w)}" if rng.random() < 0.3 else None
    return title, subtitle, "English"


def _abstract(rng: random.Random) -> str:
    w, a = vocab.WORDS, vocab.ADJECTIVES
    sentences = []
    for _ in range(rng.randint(4, 11)):
        form = rng.randrange(4)
        sentences.append((
            f"This paper examines the {rng.choice(a)} {rng.choice(w)} of {rng.choice(w)} in {rng.choice(a)} "
            f"{rng.choice(w)} and its relation to {rng.choice(w)}.",
            f"Drawing on {rng.choice(a)} {rng.choice(w)} from {rng.randint(3, 900)} {rng.choice(w)} cases, we show "
            f"that {rng.choice(w)} depends on {rng.choice(a)} {rng.choice(w)} more than on {rng.choice(w)}.",
            f"The results suggest a {rng.choice(a)} account of {rng.choice(w)}, with implications for "
            f"{rng.choice(w)}, {rng.choice(w)} and {rng.choice(a)} {rng.choice(w)}.",
            f"We discuss limitations of {rng.choice(a)} {rng.choice(w)} and outline further work on "
            f"{rng.choice(w)} {rng.choice(w)}.",
        )[form])
    return " ".join(sentences)


def _people(rng: random.Random, seed: int, low: int, high: int) -> list[Person]:
    count = min(high, max(low, int(rng.expovariate(1 / 2.6)) + low))
    people: list[Person] = []
    for _ in range(count):
        person = vocab.person(vocab.pick_person(rng.random()), seed)
        if person not in people:
            people.append(person)
    return people


def make_work(n: int, seed: int) -> Work:
    """Work number ``n`` of the corpus seeded ``seed`` (a pure function of the two)."""
    rng = random.Random(vocab.mix(seed, 7, n))
    kind = rng.choices([k for k, _ in KINDS], weights=[wt for _, wt in KINDS])[0]
    title, subtitle, language = _title(rng)
    year = rng.randint(1965, 2024)
    mod_year = rng.randint(max(year, 2005), 2025)
    work = Work(n=n, kind=kind, title=title, subtitle=subtitle, language=language,
                authors=_people(rng, seed, 1, 12), year=year, month=rng.randint(1, 12), day=rng.randint(1, 28),
                modified=(mod_year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)),
                abstract=_abstract(rng),
                subjects=[vocab.subject(int(2500 * rng.random() ** 2), seed) for _ in range(rng.randint(1, 4))],
                keywords=rng.sample(vocab.WORDS, rng.randint(2, 6)))
    if kind in ("article", "conference"):
        j = int(vocab.JOURNALS * rng.random() ** 2)
        work.journal = vocab.journal(j, seed)
        work.volume = str(max(1, year - 1950 + j % 30))
        work.issue = str(rng.randint(1, 12))
        work.page_start = rng.randint(1, 2000)
        work.page_end = work.page_start + rng.randint(4, 40)
        if rng.random() < 0.9:
            work.doi = f"10.{1000 + j % 8000}/j{j}.{year}.{n:07d}"
        if kind == "conference":
            work.event = f"International Conference on {rng.choice(vocab.WORDS).title()} ({year % 100 + 1}th : " \
                         f"{year} : {rng.choice(vocab.CITIES)})"
    elif kind in ("book", "chapter"):
        work.publisher = vocab.publisher(int(vocab.PUBLISHERS * rng.random() ** 2))
        work.place = rng.choice(vocab.CITIES)
        work.isbn = vocab.isbn13(vocab.mix(seed, 8, n // 12 if kind == "chapter" else n))
        if kind == "chapter":
            work.book_title = f"{rng.choice(vocab.ADJECTIVES).capitalize()} perspectives on {rng.choice(vocab.WORDS)}"
            work.editors = _people(rng, seed, 1, 3)
            work.page_start = rng.randint(1, 400)
            work.page_end = work.page_start + rng.randint(10, 40)
        if rng.random() < 0.5:
            work.doi = f"10.{5000 + n % 97}/b{n:08d}"
    else:
        work.institution = vocab.institution(int(vocab.INSTITUTIONS * rng.random() ** 1.5))
        work.department = f"Department of {rng.choice(vocab.WORDS).title()}" if rng.random() < 0.6 else None
        work.degree = rng.choice(vocab.DEGREES)
        work.authors = work.authors[:1]
        if rng.random() < 0.3:
            work.doi = f"10.{6000 + n % 89}/t{n:08d}"
    if rng.random() < DEFECT_RATE:
        work.defect = rng.choice(DEFECTS)
    return work


def bad_issn(value: str) -> str:
    """The ISSN with a wrong check digit."""
    last = value[-1]
    return value[:-1] + ("0" if last in "X9" else str(int(last) + 1))
