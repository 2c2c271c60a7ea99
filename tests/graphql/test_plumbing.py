"""The GraphQL plumbing every concept builds on: the one result-to-type mapping, owned nodes'
ids, payload error field names, and vocabularies exposed as enums."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
import strawberry

from api.errors import AppError, NotFound, ValidationFailed, Validator, found
from api.graphql.enums import expose
from api.graphql.mapping import from_result
from api.graphql.mutation import graphql_field_name, payload_errors
from api.graphql.node import database_ids
from api.graphql.selection import selects
from api.job.types import Job, JobCreateInput, JobUpdateInput
from api.models import Job as JobRow
from api.vocabulary import ApplicationStatus, GoalDifficulty, JobOrigin

expose(GoalDifficulty)


@strawberry.type
class Step:
    title: str
    due: date | None


@strawberry.type
class Plan:
    name: str
    difficulty: GoalDifficulty
    steps: list[Step]
    started_at: datetime
    note: strawberry.Private[str] = ""

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()


@dataclass
class PlanResult:
    name: str
    difficulty: str
    steps: list[dict]
    started_at: datetime


class TestFromResult:
    def test_a_pure_result_maps_by_field_name_with_nested_types_and_enums(self):
        # given
        result = PlanResult("Learn Go", "hard", [{"title": "Tour", "due": date(2026, 1, 5)}], datetime(2026, 1, 1, tzinfo=UTC))
        # when
        plan = from_result(Plan, result)
        # then
        assert plan.difficulty is GoalDifficulty.HARD
        assert plan.steps == [Step(title="Tour", due=date(2026, 1, 5))]
        assert plan.shout() == "LEARN GO"  # a resolver field is left to its resolver

    def test_cached_json_reads_back_with_dates_and_enums(self):
        # given what a JSONB cache column holds
        cached = {
            "name": "x",
            "difficulty": "easy",
            "steps": [{"title": "a", "due": "2026-02-01"}],
            "started_at": "2026-01-01T08:00:00+00:00",
        }
        # when
        plan = from_result(Plan, cached)
        # then
        assert plan.steps[0].due == date(2026, 2, 1)
        assert plan.started_at == datetime(2026, 1, 1, 8, tzinfo=UTC)
        assert plan.difficulty is GoalDifficulty.EASY

    def test_an_override_replaces_a_field_and_private_fields_pass_through(self):
        # given
        cached = {
            "name": "x",
            "difficulty": "easy",
            "steps": [],
            "started_at": "2026-01-01T08:00:00+00:00",
            "note": "kept",
        }
        # when
        plan = from_result(Plan, cached, name="renamed")
        # then
        assert (plan.name, plan.note) == ("renamed", "kept")

    def test_a_missing_required_field_is_a_clear_error(self):
        # given / when / then
        with pytest.raises(TypeError, match=r"Plan\.steps"):
            from_result(Plan, {"name": "x", "difficulty": "easy", "started_at": "2026-01-01"})


class TestOwnedNode:
    def test_a_node_built_from_its_row_has_the_rows_id(self):
        # given
        row = JobRow(
            id=42,
            user_id=1,
            company="Acme",
            title="Engineer",
            location="",
            description="",
            requirements="",
            tech_stack=[],
            origin=JobOrigin.MANUAL,
            is_repost=False,
            created_at=datetime.now(UTC),
            updated_at=datetime.now(UTC),
        )
        # when
        job = Job.from_model(row)
        # then
        assert job.id == 42 and job.origin is JobOrigin.MANUAL and job.salary is None

    def test_node_ids_that_cannot_be_a_bigint_match_nothing(self):
        # given / when
        ids = database_ids(["7", "x", "-1", str(2**63), str(2**63 - 1)])
        # then
        assert ids == [7, -1, -1, -1, 2**63 - 1]


class TestPayloadErrors:
    def test_python_field_names_become_the_inputs_graphql_names(self):
        # given a service error naming the Python field
        check = Validator()
        check.add("salary_max", "too low")
        check.add("title", "required")
        # when
        errors = payload_errors(ValidationFailed(check.errors), JobCreateInput)
        # then
        assert [(e.field, e.message) for e in errors] == [("salaryMax", "too low"), ("title", "required")]

    def test_an_error_without_a_field_stays_without_one(self):
        # given / when
        errors = payload_errors(AppError("Something went wrong"), JobUpdateInput)
        # then
        assert errors[0].field is None

    def test_a_name_outside_the_input_is_still_camel_cased(self):
        # given / when / then
        assert graphql_field_name(JobUpdateInput, "resume_upload_id") == "resumeUploadId"
        assert graphql_field_name(JobUpdateInput, "salaryMax") == "salaryMax"


class TestValidatorAndFound:
    def test_one_of_names_the_allowed_values(self):
        # given
        check = Validator()
        # when
        check.one_of("status", "archived", ApplicationStatus, "Status")
        check.one_of("difficulty", None, GoalDifficulty, "Difficulty", optional=True)
        # then
        assert [(e.field, e.message) for e in check.errors] == [
            ("status", "Status must be one of: interested, applied, interview, offer, accepted, declined, rejected")
        ]

    def test_found_returns_the_row_or_raises_not_found(self):
        # given / when / then
        assert found("row", "Job not found") == "row"
        with pytest.raises(NotFound) as missing:
            found(None, "Job not found", "job_id")
        assert (missing.value.message, missing.value.field) == ("Job not found", "job_id")


@strawberry.type
class Leaf:
    name: str = "leaf"


@strawberry.type
class Branch:
    leaf: Leaf = strawberry.field(default_factory=Leaf)


answers: list[bool] = []


@strawberry.type
class SelectsQuery:
    @strawberry.field
    def tree(self, info: strawberry.Info) -> Branch:
        answers.append(selects(info, "leaf", "name"))
        return Branch()


class TestSelects:
    @pytest.mark.parametrize(
        ("query", "asked"),
        [
            ("{ tree { leaf { name } } }", True),
            ("{ tree { leaf { __typename } } }", False),
            ("{ tree { ...F } } fragment F on Branch { leaf { ...G } } fragment G on Leaf { name }", True),
            ("{ tree { ... on Branch { leaf { ... { name } } } } }", True),
            ("{ tree { __typename } }", False),
        ],
    )
    async def test_a_path_is_found_through_fragments_and_only_when_asked(self, query, asked):
        # given
        answers.clear()
        # when
        result = await strawberry.Schema(query=SelectsQuery).execute(query)
        # then
        assert result.errors is None and answers == [asked]
