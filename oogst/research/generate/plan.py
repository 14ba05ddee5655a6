"""Plan synthetic engagements as plain data (`measures.model`), with no database.

Each engagement is drawn from its own random stream, seeded by (seed, index), so the
`index`-th engagement of a seed is the same whatever the batch size or how many came
before; the people and organisations it draws from depend on the seed and the number of
engagements only. The plain shape is the interchange format's, so a planned engagement
can be checked against the format's own validation.
"""

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from oogst.measures import model as m
from oogst.research.generate import texts

FIRST_DAY = date(2021, 1, 1)
DAYS = 5 * 365  # intakes fall in five years from FIRST_DAY
ENGAGEMENTS_PER_COACH = 40
ENGAGEMENTS_PER_ORGANISATION = 25
CLOSING_STATUSES = (("held", 62), ("declined", 8), ("not_held", 10), ("planned", 15), ("", 5))
COMPLETED = frozenset({"held", "declined", "not_held"})


@dataclass(frozen=True)
class Organisation:
    name: str
    sector: str
    sponsors: tuple[m.Person, ...]


@dataclass(frozen=True)
class Population:
    """The people and organisations the engagements of one seed share."""

    seed: int
    coaches: tuple[m.Person, ...]
    organisations: tuple[Organisation, ...]


@dataclass(frozen=True)
class Consent:
    given: date
    withdrawn: date | None = None


@dataclass(frozen=True)
class Planned:
    """One engagement, plus what the plain shape does not hold."""

    engagement: m.Engagement
    # Every consent given, withdrawn ones included (the plain shape keeps active ones).
    consents: dict[str, Consent] = field(default_factory=dict)
    closed_on: date | None = None
    present: tuple[str, ...] = ()  # who was at the closing conversation when held


def population(*, count: int, seed: int) -> Population:
    rng = random.Random(f"oogst-population:{seed}")
    coaches = tuple(
        _person(rng, f"coach{j}.s{seed}", "coaching.example")
        for j in range(max(3, count // ENGAGEMENTS_PER_COACH))
    )
    organisations = []
    for j in range(max(10, count // ENGAGEMENTS_PER_ORGANISATION)):
        sector = rng.choice(texts.SECTORS)
        kind = rng.choice(texts.ORGANISATION_KINDS[sector])
        name = f"{kind} {rng.choice(texts.PLACES)} {j + 1}"
        domain = f"{_slug(name)}.s{seed}.example"
        sponsors = tuple(_person(rng, f"hr{k}", domain) for k in range(rng.choice((1, 1, 2, 3))))
        organisations.append(Organisation(name=name, sector=sector, sponsors=sponsors))
    return Population(seed=seed, coaches=coaches, organisations=tuple(organisations))


def engagement_plan(population: Population, index: int) -> Planned:
    return _Plan(population, index).build()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in ascii_text.lower()).strip("-")


def _person(rng: random.Random, local: str, domain: str) -> m.Person:
    name = f"{rng.choice(texts.FIRST_NAMES)} {rng.choice(texts.LAST_NAMES)}"
    return m.Person(name=name, email=f"{_slug(name).replace('--', '-')}.{local}@{domain}")


def _fraction(rng: random.Random, low: int, high: int) -> Decimal:
    """A multiple of 0.05 between low/20 and high/20."""
    return Decimal(rng.randint(low, high) * 5) / 100


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


class _Plan:
    def __init__(self, population: Population, index: int) -> None:
        self.rng = random.Random(f"oogst-engagement:{population.seed}:{index}")
        self.population = population
        self.index = index
        self.language = "nl" if self.rng.random() < 0.7 else "en"
        self.private = self.rng.random() < 0.12
        self.status = _weighted(self.rng, CLOSING_STATUSES)
        self.parties: tuple[str, ...] = ("client", "coach") if self.private else m.PARTIES
        self.organisation = (
            Organisation(name=texts.PRIVATE_ORGANISATION, sector="", sponsors=())
            if self.private
            else self.rng.choice(population.organisations)
        )

    def build(self) -> Planned:
        rng, lang = self.rng, self.language
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        contract = self._contract(start) if rng.random() < 0.95 else None
        goals = self._goals(start)
        sessions = self._sessions(start, contract, goals)
        last = sessions[-1].date if sessions else start + timedelta(days=30)
        closing = self._closing(last)
        closed_on = None
        if self.status in COMPLETED:
            closed_on = closing.date if closing and closing.date else last + timedelta(days=14)
        consents = self._consents(closed_on or last)
        engagement = m.Engagement(
            title=rng.choice(texts.TITLES[lang]).format(role=rng.choice(texts.ROLES[lang])),
            organisation=self.organisation.name,
            sector=self.organisation.sector,
            parties=self._parties(),
            language=lang,
            intake=m.Intake(date=start, question=rng.choice(texts.QUESTIONS[lang])),
            expectations=self._expectations(),
            contract=contract,
            goals=goals,
            sessions=sessions,
            results=self._results(goals),
            attainment=self._attainment(goals),
            closing=closing,
            research_consent={p: c.given for p, c in consents.items() if c.withdrawn is None},
        )
        present = ("client", "coach", *(("sponsor",) if not self.private else ()))
        return Planned(
            engagement=engagement,
            consents=consents,
            closed_on=closed_on,
            present=present if self.status == "held" else (),
        )

    # -- who ------------------------------------------------------------------------

    def _parties(self) -> dict[str, m.Person]:
        rng, seed = self.rng, self.population.seed
        parties = {
            "client": _person(rng, f"{seed}-{self.index}", "klant.example"),
            "coach": rng.choice(self.population.coaches),
        }
        if not self.private:
            parties["sponsor"] = rng.choice(self.organisation.sponsors)
        return parties

    # -- the start ------------------------------------------------------------------

    def _expectations(self) -> tuple[m.Expectation, ...]:
        rng, out = self.rng, []
        for party in self.parties:
            if rng.random() < 0.1:
                continue
            weights = texts.MEANING_WEIGHTS[party]
            chosen = set(rng.choices(m.MEANINGS, weights=weights, k=rng.randint(1, 3)))
            out.append(
                m.Expectation(
                    party=party,
                    meanings=tuple(x for x in m.MEANINGS if x in chosen),
                    text=rng.choice(texts.EXPECTATIONS[self.language][party]),
                )
            )
        return tuple(out)

    def _contract(self, start: date) -> m.Contract:
        rng = self.rng
        planned = rng.randint(4, 12)
        costs = None
        if rng.random() < (0.6 if self.private else 0.85):
            rate = rng.randrange(120, 260, 10)
            costs = m.Money(amount=Decimal(rate * (planned + 1)), currency="EUR")
        sponsor_may_see: tuple[str, ...] = ("goals", "sessions_held")
        if rng.random() < 0.3:
            sponsor_may_see = (*sponsor_may_see, "attainment")
        accepted_on = start + timedelta(days=rng.randint(5, 14))
        return m.Contract(
            sessions_planned=planned,
            costs=costs,
            sponsor_may_see=sponsor_may_see,
            accepted={p: accepted_on for p in self.parties if rng.random() < 0.97},
            rho=Decimal("0.3"),
        )

    def _goals(self, start: date) -> tuple[m.Goal, ...]:
        rng, lang = self.rng, self.language
        templates = rng.sample(texts.GOALS[lang], rng.choice((2, 3, 3, 3, 4)))
        goals = []
        for i, (text, expected_level) in enumerate(templates, start=1):
            scale: dict[int, str] = {}
            if rng.random() < 0.9:
                scale = {**texts.SCALE[lang], 0: expected_level}
                scale = {level: scale[level] for level in range(-2, 3)}
            goals.append(
                m.Goal(
                    key=f"G{i}",
                    text=text,
                    weight=Decimal(2) if rng.random() < 0.2 else Decimal(1),
                    scale=scale,
                    baseline=rng.choices((-1, -2, None), weights=(6, 3, 1))[0],
                    due=start + timedelta(days=rng.randint(120, 240)),
                )
            )
        return tuple(goals)

    def _sessions(
        self, start: date, contract: m.Contract | None, goals: tuple[m.Goal, ...]
    ) -> tuple[m.Session, ...]:
        rng = self.rng
        planned = contract.sessions_planned if contract else rng.randint(4, 10)
        if self.status in COMPLETED:
            held = rng.randint(max(1, planned - 2), planned)
        else:
            held = rng.randint(1, max(1, planned - 1))
        day = start + timedelta(days=rng.randint(10, 20))
        sessions = []
        keys = [g.key for g in goals]
        for number in range(1, held + 1):
            topics = rng.sample(texts.TOPICS[self.language], rng.choice((1, 1, 2)))
            linked = set(rng.sample(keys, min(len(keys), rng.choice((1, 1, 2)))))
            sessions.append(
                m.Session(
                    number=number,
                    date=day,
                    topics=tuple(topics),
                    goals=tuple(k for k in keys if k in linked),
                )
            )
            day += timedelta(days=rng.randint(14, 28))
        return tuple(sessions)

    # -- the harvest ----------------------------------------------------------------

    def _results(self, goals: tuple[m.Goal, ...]) -> tuple[m.Result, ...]:
        rng = self.rng
        count = rng.randint(4, 9) if self.status in COMPLETED else rng.randint(2, 6)
        return tuple(self._result(f"R{i}", goals) for i in range(1, count + 1))

    def _result(self, key: str, goals: tuple[m.Goal, ...]) -> m.Result:
        rng, lang = self.rng, self.language
        reporters = [("client", 50), ("coach", 35)]
        if not self.private:
            reporters.append(("sponsor", 15))
        reported_by = _weighted(rng, tuple(reporters))
        keys = [g.key for g in goals]
        linked: set[str] = set()
        if rng.random() < 0.65:
            linked = set(rng.sample(keys, 1 if rng.random() < 0.85 else min(2, len(keys))))
        expected = rng.random() < (0.9 if linked else 0.25)
        meaning = rng.choices(m.MEANINGS, weights=texts.MEANING_WEIGHTS[reported_by])[0]
        # Money and performance are mostly the organisation's, measured and valued.
        money = meaning in {"financial", "performance"}
        beneficiary = _weighted(
            rng,
            (("client", 10), ("organisation", 50), ("both", 40))
            if money
            else (("client", 45), ("organisation", 20), ("both", 35)),
        )
        evidence = "observable" if rng.random() < (0.8 if money else 0.4) else "explicable"
        value = None
        if evidence == "observable" and rng.random() < (0.75 if money else 0.35):
            value = self._value(meaning)
        desirability, attribution = self._judgements(reported_by)
        return m.Result(
            key=key,
            text=rng.choice(texts.RESULTS[lang][meaning]),
            reported_by=reported_by,
            source=_weighted(
                rng,
                (
                    ("end_report", 55),
                    ("session", 25),
                    ("closing", 15 if self.status == "held" else 0),
                    ("other", 5),
                ),
            ),
            goals=tuple(k for k in keys if k in linked),
            meaning=meaning,
            expected=expected,
            beneficiary=beneficiary,
            evidence=evidence,
            desirability=desirability,
            value=value,
            attribution=attribution,
            shared_with_sponsor=not self.private and rng.random() < 0.55,
        )

    def _value(self, meaning: str) -> m.Value:
        rng = self.rng
        if meaning in {"financial", "performance"} or rng.random() < 0.4:
            if rng.random() < 0.08:  # a cost the coaching caused
                return m.Value(amount=Decimal(-rng.randrange(200, 5000, 50)), unit="EUR")
            return m.Value(amount=Decimal(rng.randrange(500, 40000, 50)), unit="EUR")
        return m.Value(amount=Decimal(rng.randint(1, 20)), unit=rng.choice(texts.OTHER_UNITS))

    def _judgements(self, reported_by: str) -> tuple[dict[str, str], dict[str, m.Attribution]]:
        rng = self.rng
        base = _weighted(rng, (("desired", 80), ("neutral", 12), ("undesired", 8)))
        judging = [p for p in self.parties if p == reported_by or rng.random() < 0.8]
        desirability = {}
        for party in judging:
            own = base
            if rng.random() < 0.06:
                own = rng.choice(("desired", "neutral", "undesired"))
            desirability[party] = own
        if len(judging) > 1 and rng.random() < 0.04:  # an outright disagreement
            first, other = rng.sample(judging, 2)
            desirability[first], desirability[other] = "desired", "undesired"
        attribution = {
            party: m.Attribution(share=_fraction(rng, 1, 18), confidence=_fraction(rng, 6, 19))
            for party in judging
            if rng.random() < 0.55
        }
        order = {p: i for i, p in enumerate(m.PARTIES)}
        return (
            dict(sorted(desirability.items(), key=lambda kv: order[kv[0]])),
            dict(sorted(attribution.items(), key=lambda kv: order[kv[0]])),
        )

    def _attainment(self, goals: tuple[m.Goal, ...]) -> tuple[m.Rating, ...]:
        rng = self.rng
        if self.status not in COMPLETED and rng.random() > 0.3:
            return ()
        chance = {"client": 0.95, "coach": 0.9, "sponsor": 0.6}
        ratings = []
        for goal in goals:
            reached = max(-2, min(2, round(rng.gauss(0.3, 1.0))))
            for rater in self.parties:
                if rng.random() >= chance[rater]:
                    continue
                level = reached + rng.choice((-1, 0, 0, 0, 1))
                if rater == "sponsor" and rng.random() < 0.08:
                    level = reached - 2
                ratings.append(m.Rating(goal=goal.key, rater=rater, level=max(-2, min(2, level))))
        return tuple(ratings)

    def _closing(self, last: date) -> m.Closing | None:
        rng, status = self.rng, self.status
        if not status:
            return None
        if status == "held":
            return m.Closing(status="held", date=last + timedelta(days=rng.randint(7, 21)))
        if status == "planned":
            planned = last + timedelta(days=rng.randint(7, 30))
            return m.Closing(status="planned", date=planned if rng.random() < 0.6 else None)
        notes = texts.CLOSING_NOTES[status][self.language]
        if status == "declined":
            by = _weighted(
                rng, (("client", 40), ("coach", 20), ("sponsor", 0 if self.private else 40))
            )
            return m.Closing(status="declined", by=by, notes=notes)
        return m.Closing(status="not_held", notes=notes)

    def _consents(self, day: date) -> dict[str, Consent]:
        rng = self.rng
        consents: dict[str, Consent] = {}
        if rng.random() >= 0.88:
            return consents
        for party in self.parties:
            if party == "sponsor" and rng.random() < 0.12:
                continue  # the sponsor did not consent
            if party == "coach" and rng.random() < 0.1:
                continue
            withdrawn = None
            if rng.random() < (0.05 if party == "client" else 0.02):
                withdrawn = day + timedelta(days=rng.randint(30, 400))
            consents[party] = Consent(given=day, withdrawn=withdrawn)
        return consents
