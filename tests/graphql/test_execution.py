"""The executor's shortcut for plain fields (api/graphql/execution.py) answers exactly what
graphql-core's own executor answers: the same data, and the same errors at the same paths when a
value does not fit its field."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import Any

import pytest
import strawberry
from strawberry import relay

from api.graphql.execution import Execution, nested_field, plain_field, prefetched


@strawberry.enum
class Level(Enum):
    LOW = "low"
    HIGH = "high"


@strawberry.type
class Salary:
    min: int | None
    currency: str


@strawberry.type
class Card(relay.Node):
    id: relay.NodeID[int]
    title: str
    score: int | None
    ratio: float
    open: bool
    level: Level
    tags: list[str]
    maybe_tags: list[str | None] | None
    at: datetime
    salary: Salary | None

    @strawberry.field
    def shout(self) -> str:
        return self.title.upper()


class Broken(Card):
    """A card whose title cannot be read."""

    @property  # type: ignore[misc]
    def title(self) -> str:  # type: ignore[override]
        raise RuntimeError("no title")

    @title.setter
    def title(self, value: str) -> None:
        pass


@strawberry.type
class Deck:
    top: Card  # objects held by plain attributes: completed in place too
    cards: list[Card]
    maybe_cards: list[Card | None] | None


CARDS: list[Any] = []


@strawberry.type
class Query:
    @strawberry.field
    def cards(self) -> list[Card] | None:
        return CARDS

    @strawberry.field
    def deck(self) -> Deck | None:
        return Deck(top=CARDS[0], cards=CARDS, maybe_cards=[*CARDS, None])


CARD = "id title score ratio open level tags maybeTags at salary { min currency } shout __typename"
QUERY = f"{{ cards {{ {CARD} }} deck {{ top {{ {CARD} }} cards {{ {CARD} }} maybeCards {{ title }} }} }}"


def card(**changes: Any) -> Card:
    values: dict[str, Any] = {
        "id": 7,
        "title": "Engineer",
        "score": 80,
        "ratio": 0.5,
        "open": True,
        "level": Level.HIGH,
        "tags": ["Go", "SQL"],
        "maybe_tags": ["a", None],
        "at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "salary": Salary(min=1, currency="EUR"),
    }
    return Card(**(values | changes))


async def both(cards: list[Any]) -> tuple[Any, Any]:
    """The answer of graphql-core's executor and of ours to QUERY over `cards`."""
    CARDS[:] = cards
    theirs = await strawberry.Schema(query=Query).execute(QUERY)
    ours = await strawberry.Schema(query=Query, execution_context_class=Execution).execute(QUERY)
    return theirs, ours


def shown(result: Any) -> tuple[Any, Any]:
    errors = [(e.message, e.path, [(loc.line, loc.column) for loc in e.locations or []]) for e in result.errors or []]
    return result.data, errors


class TestPlainFields:
    async def test_plain_values_complete_as_graphql_core_completes_them(self):
        # given
        cards = [card(), card(id=8, score=None, maybe_tags=None, salary=None, level=Level.LOW)]
        # when
        theirs, ours = await both(cards)
        # then
        assert ours.errors is None and shown(ours) == shown(theirs)
        assert ours.data["cards"][0]["level"] == "HIGH" and ours.data["cards"][0]["id"] == relay.to_base64("Card", 7)
        assert ours.data["deck"]["cards"] == ours.data["cards"] and ours.data["deck"]["maybeCards"][2] is None

    @pytest.mark.parametrize(
        "changes",
        [
            {"title": None},  # null in a non-null field
            {"tags": ["Go", None]},  # null in a non-null list item
            {"score": 2**40},  # beyond GraphQL's Int
            {"ratio": float("nan")},  # not a finite Float
            {"level": "high"},  # a plain string where the enum member belongs
            {"at": "yesterday"},  # not a datetime
            {"title": 12},  # graphql-core's String turns a number into text
            {"open": 1},  # and its Boolean a number into true
            {"salary": "EUR 1"},  # not an object of the field's type
        ],
    )
    async def test_a_value_that_does_not_fit_is_answered_as_graphql_core_answers_it(self, changes):
        # given
        cards = [card(), card(**changes)]
        # when
        theirs, ours = await both(cards)
        # then
        assert shown(ours) == shown(theirs)

    async def test_an_attribute_that_raises_is_an_error_at_its_field(self):
        # given
        broken = Broken(**vars(card()))
        # when
        theirs, ours = await both([card(), broken])
        # then
        assert shown(ours) == shown(theirs)
        assert ours.errors[0].message == "no title" and ours.errors[0].path == ["cards", 1, "title"]
        assert ["deck", "cards", 1, "title"] in [e.path for e in ours.errors]  # within objects completed in place

    async def test_a_null_inside_a_list_of_objects_nulls_what_graphql_core_nulls(self):
        # given: the deck's cards are non-null items of a non-null list, its top a non-null object
        cards = [card(), None]
        # when
        theirs, ours = await both(cards)
        # then
        assert shown(ours) == shown(theirs)
        assert ours.data == {"cards": None, "deck": None} and ours.errors


class TestWhatIsPlain:
    def test_attribute_leaves_and_node_ids_are_plain_resolvers_and_objects_are_not(self):
        # given
        fields = strawberry.Schema(query=Query)._schema.type_map["Card"].fields  # type: ignore[attr-defined]
        # when
        plain = {name for name, field in fields.items() if plain_field(field) is not None}
        nested = {name for name, field in fields.items() if nested_field(field) is not None}
        # then
        assert plain == {"id", "title", "score", "ratio", "open", "level", "tags", "maybeTags", "at"}
        assert nested == {"salary"}


@strawberry.type
class Note:
    text: str


RESOLVED: list[str] = []  # the titles whose notes the resolver was called for


@strawberry.type
class Memo:
    title: str
    loaded_notes: strawberry.Private[list[Note] | None] = None

    @strawberry.field(metadata=prefetched("loaded_notes"))
    def notes(self) -> list[Note]:
        RESOLVED.append(self.title)
        return [Note(text=f"{self.title}: resolved")]


@strawberry.type
class MemoQuery:
    @strawberry.field
    def memos(self) -> list[Memo]:
        return [
            Memo(title="ahead", loaded_notes=[Note(text="ahead: loaded")]),
            Memo(title="empty", loaded_notes=[]),
            Memo(title="later"),
        ]


class TestPrefetchedFields:
    async def test_a_loaded_value_is_completed_without_the_resolver_and_a_missing_one_resolves(self):
        # given
        RESOLVED.clear()
        schema = strawberry.Schema(query=MemoQuery, execution_context_class=Execution)
        # when
        result = await schema.execute("{ memos { title notes { text } } }")
        # then
        assert result.errors is None
        assert result.data == {
            "memos": [
                {"title": "ahead", "notes": [{"text": "ahead: loaded"}]},
                {"title": "empty", "notes": []},
                {"title": "later", "notes": [{"text": "later: resolved"}]},
            ]
        }
        assert RESOLVED == ["later"]

    def test_a_prefetched_field_with_arguments_is_not_completed_in_place(self):
        # given
        fields = strawberry.Schema(query=PagedQuery)._schema.type_map["Paged"].fields  # type: ignore[attr-defined]
        memo = strawberry.Schema(query=MemoQuery)._schema.type_map["Memo"].fields  # type: ignore[attr-defined]
        # then
        assert nested_field(fields["notes"]) is None
        assert nested_field(memo["notes"]) is not None


@strawberry.type
class Paged:
    loaded: strawberry.Private[list[Note] | None] = None

    @strawberry.field(metadata=prefetched("loaded"))
    def notes(self, first: int) -> list[Note]:
        return []


@strawberry.type
class PagedQuery:
    paged: Paged
