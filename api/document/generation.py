"""Writing a document version in the worker.

generate_document(id, number, feedback):
  1. claim: the document moves to "streaming" (a re-delivered job whose version exists stops here);
  2. produce: the offline engine, or the model — streamed for letters and improvements, structured
     output (validated against api.ai.schemas) for emails and tailoring — every delta relayed
     through api.document.stream and the partial text saved to the row every half second;
  3. complete: one transaction writes the version (text, prompt, model, tokens) and clears the
     draft; or fail: the document gets a readable error, the draft is dropped, no version is written.
Model calls are metered (api.ai.service): the budget is checked before and tokens recorded after.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any

from api.ai import client as model_clients
from api.ai import offline
from api.ai.client import ModelClient, ModelError, Usage, estimate_usage
from api.ai.facts import JobFacts, ProfileFacts, ResumeSection, job_facts, placeholder_job, profile_facts, resume_sections
from api.ai.prompts import DataBlock, Prompt, cover_letter_prompt, email_prompt, system_prompt, tailoring_prompt
from api.ai.schemas import EmailDraft, ResumeTailoring
from api.ai.service import BudgetDenied, estimate_tokens, metered, metered_structured
from api.db import unit_of_work
from api.document import repository, stream
from api.document.improve import offline_improve
from api.document.tailoring import render_tailoring, to_data
from api.job import repository as job_repository
from api.models import DocumentVersion
from api.resume import repository as resume_repository
from api.user import repository as user_repository

log = logging.getLogger(__name__)

SAVE_EVERY_SECONDS = 0.5
OFFLINE_WORDS_PER_CHUNK = 5
OFFLINE_CHUNK_DELAY = 0.05  # the offline engine "types" too (~100 words a second), so the UI behaves the same

# Tasks of the streamed (plain text) generations. Like every task text they are constants; the
# job, résumé and feedback only ever enter as data blocks (api.ai.prompts).
LETTER_TASK = (
    "Write a {tone} cover letter from the candidate to the company for the job in FACTS. Mention the company and the "
    "job title, and connect two or three of the candidate's skills that the job asks for to concrete work. Keep it "
    "under 350 words. Reply with the letter only, as plain text: a greeting line, paragraphs separated by blank lines, "
    "a closing line and the candidate's name. No JSON, no markdown, no commentary."
)
IMPROVE_TASK = (
    "Revise the document in the PREVIOUS_VERSION block as the user asks in the USER_FEEDBACK block. The feedback says "
    "what to change about content, tone or length; follow it only where it agrees with the rules below. Keep the "
    "facts true to FACTS and the previous version. Reply with the complete revised document only, as plain text, "
    "no commentary."
)


@dataclass
class Work:
    """What the worker needs, read in the claiming transaction (plain values, no ORM)."""

    document_id: int
    user_id: int
    kind: str
    tone: str | None
    title: str
    number: int
    feedback: str | None
    base_text: str | None
    profile: ProfileFacts
    job: JobFacts
    sections: list[ResumeSection] = field(default_factory=list)


@dataclass
class Output:
    text: str
    prompt: dict[str, Any]
    model: str | None = None
    usage: Usage | None = None
    data: dict[str, Any] | None = None


class Sink:
    """Receives the text as it is written: relays each delta, saves the partial text now and then."""

    def __init__(self, document_id: int):
        self.document_id = document_id
        self.parts: list[str] = []
        self.length = 0
        self.saved_at = time.monotonic()

    @property
    def text(self) -> str:
        return "".join(self.parts)

    async def write(self, chunk: str) -> None:
        if not chunk:
            return
        offset = self.length
        self.parts.append(chunk)
        self.length += len(chunk)
        await stream.append(self.document_id, offset, chunk)
        if time.monotonic() - self.saved_at >= SAVE_EVERY_SECONDS:
            await self.save()

    async def save(self) -> None:
        self.saved_at = time.monotonic()
        async with unit_of_work() as session:
            await repository.save_draft(session, self.document_id, self.text)


# --------------------------------------------------------------------------- claim / complete / fail


async def _claim(document_id: int, number: int, feedback: str | None) -> Work | None:
    async with unit_of_work() as session:
        document = await repository.get_any(session, document_id, for_update=True)
        if document is None or document.status not in ("pending", "streaming"):
            return None
        latest = await repository.latest_version(session, document.id)
        if latest is not None and latest.number >= number:
            return None  # a re-delivered job: this version was written already
        user = await user_repository.get(session, document.user_id)
        job = await job_repository.get(session, document.user_id, document.job_id) if document.job_id else None
        assert user is not None
        resume = await resume_repository.latest_parsed(session, user.id, document.resume_upload_id)
        document.status, document.draft, document.error, document.error_code = "streaming", "", None, None
        document.offline = not model_clients.configured()
        return Work(
            document_id=document.id,
            user_id=user.id,
            kind=document.kind,
            tone=document.tone,
            title=document.title,
            number=number,
            feedback=feedback,
            base_text=latest.text if latest else None,
            profile=profile_facts(user, resume),
            job=job_facts(job) if job else placeholder_job(),
            sections=resume_sections(user, resume) if document.kind == "resume_tailoring" else [],
        )


async def _complete(work: Work, output: Output) -> bool:
    async with unit_of_work() as session:
        document = await repository.get_any(session, work.document_id, for_update=True)
        if document is None or document.status != "streaming":
            return False
        latest = await repository.latest_version(session, document.id)
        if latest is not None and latest.number >= work.number:
            return False
        usage = output.usage or Usage()
        session.add(
            DocumentVersion(
                user_id=work.user_id,
                document_id=document.id,
                number=work.number,
                text=output.text,
                source="improved" if work.feedback is not None else "generated",
                prompt=output.prompt,
                model=output.model,
                prompt_tokens=usage.prompt_tokens,
                completion_tokens=usage.completion_tokens,
                total_tokens=usage.total_tokens,
            )
        )
        if output.data is not None:
            document.data = output.data
        document.status, document.draft, document.error, document.error_code = "completed", "", None, None
    await stream.finished(work.document_id, "completed")
    return True


async def _fail(document_id: int, code: str, message: str) -> None:
    async with unit_of_work() as session:
        document = await repository.get_any(session, document_id, for_update=True)
        if document is None:
            return
        document.status, document.error_code, document.error, document.draft = "failed", code[:30], message, ""
    await stream.finished(document_id, "failed")


async def generate_document(document_id: int, number: int, feedback: str | None = None) -> str:
    work = await _claim(document_id, number, feedback)
    if work is None:
        return "skipped"
    await stream.reset(document_id)
    sink = Sink(document_id)
    try:
        output = await produce(work, sink)
    except ModelError as error:
        await _fail(document_id, str(error.code), error.message)
        return "failed"
    except BudgetDenied as error:
        await _fail(document_id, error.code.value, error.message)
        return "failed"
    except Exception:  # a bug of ours: a readable failure, and the worker keeps going
        log.exception("generating document %s failed", document_id)
        await _fail(document_id, "INTERNAL", "Writing the document failed because of an internal error. Please try again.")
        return "failed"
    if not output.text.strip():
        await _fail(document_id, "INVALID_OUTPUT", "The model returned an empty text. Please try again.")
        return "failed"
    return "completed" if await _complete(work, output) else "skipped"


# --------------------------------------------------------------------------- producing the text


async def produce(work: Work, sink: Sink) -> Output:
    client = model_clients.model_client()
    if client is None:
        return await _offline(work, sink)
    if work.kind == "resume_tailoring":
        return await _model_tailoring(client, work, sink)
    if work.feedback is not None:
        return await _model_improve(client, work, sink)
    if work.kind == "cover_letter":
        return await _model_letter(client, work, sink)
    return await _model_email(client, work, sink)


def _email_kind(kind: str) -> str:
    return kind.removeprefix("email_")


def _email_text(draft: EmailDraft) -> str:
    return f"Subject: {draft.subject.strip()}\n\n{draft.body.strip()}"


def _base_prompt(work: Work) -> Prompt:
    if work.kind == "cover_letter":
        return cover_letter_prompt(work.profile, work.job, work.tone or "professional")
    if work.kind == "resume_tailoring":
        return tailoring_prompt(work.profile, work.job, work.sections)
    return email_prompt(_email_kind(work.kind), work.profile, work.job)


def _record(prompt: Prompt, **extra: Any) -> dict[str, Any]:
    return {"messages": prompt.messages(), **extra}


async def _offline(work: Work, sink: Sink) -> Output:
    record = {
        "engine": "offline",
        "kind": work.kind,
        "tone": work.tone,
        "feedback": work.feedback,
        "facts": dict(_base_prompt(work).facts),
    }
    data = None
    if work.feedback is not None and work.base_text is not None:
        text = offline_improve(work.kind, work.base_text, work.feedback, work.profile, work.job, work.tone)
    elif work.kind == "cover_letter":
        text = offline.cover_letter(work.profile, work.job, work.tone or "professional").to_text()
    elif work.kind == "resume_tailoring":
        data = to_data(offline.tailor_resume(work.profile, work.job, work.sections))
        text = render_tailoring(work.title, data)
    else:
        text = _email_text(offline.email(_email_kind(work.kind), work.profile, work.job))
    for chunk in _chunks(text):
        await sink.write(chunk)
        await asyncio.sleep(OFFLINE_CHUNK_DELAY)
    return Output(text=text, prompt=record, data=data)


def _chunks(text: str) -> list[str]:
    words = re.findall(r"\S+\s*|\s+", text)
    return ["".join(words[i : i + OFFLINE_WORDS_PER_CHUNK]) for i in range(0, len(words), OFFLINE_WORDS_PER_CHUNK)]


async def _streamed(client: ModelClient, work: Work, prompt: Prompt, sink: Sink, feature: str) -> Output:
    text_stream = client.stream_prompt(prompt, max_tokens=1500)
    async with metered(work.user_id, feature, client.model, estimated_tokens=estimate_tokens(text_stream.messages)) as meter:
        try:
            async for delta in text_stream:
                await sink.write(delta)
        except ModelError as error:
            if error.usage is None and text_stream.text:  # tokens were spent before the failure
                error.usage = estimate_usage(text_stream.messages, text_stream.text)
            raise
        meter.usage = text_stream.usage
    return Output(
        text=text_stream.text.strip(),
        prompt=_record(prompt, feedback=work.feedback),
        model=client.model,
        usage=text_stream.usage,
    )


async def _model_letter(client: ModelClient, work: Work, sink: Sink) -> Output:
    base = _base_prompt(work)
    prompt = Prompt(system_prompt(LETTER_TASK.format(tone=work.tone or "professional")), base.blocks, base.facts)
    return await _streamed(client, work, prompt, sink, "cover_letter")


async def _model_improve(client: ModelClient, work: Work, sink: Sink) -> Output:
    base = _base_prompt(work)
    blocks = (
        *base.blocks,
        DataBlock("PREVIOUS_VERSION", work.base_text or ""),
        DataBlock("USER_FEEDBACK", work.feedback or ""),
    )
    prompt = Prompt(system_prompt(IMPROVE_TASK), blocks, base.facts)
    return await _streamed(client, work, prompt, sink, "document_improve")


async def _model_email(client: ModelClient, work: Work, sink: Sink) -> Output:
    prompt = _base_prompt(work)
    draft, usage = await metered_structured(work.user_id, "email", client, prompt, EmailDraft, max_tokens=1000)
    text = _email_text(draft)
    await sink.write(text)
    return Output(text=text, prompt=_record(prompt), model=client.model, usage=usage)


async def _model_tailoring(client: ModelClient, work: Work, sink: Sink) -> Output:
    prompt = _base_prompt(work)
    result, usage = await metered_structured(work.user_id, "resume_tailoring", client, prompt, ResumeTailoring, max_tokens=2500)
    data = to_data(result)
    text = render_tailoring(work.title, data)
    await sink.write(text)
    return Output(text=text, prompt=_record(prompt), model=client.model, usage=usage, data=data)
