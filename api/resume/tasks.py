"""Worker jobs of the résumé domain: parse an upload in the sandbox, store suggestions."""

from __future__ import annotations

import logging

from api.ai import client as model_clients
from api.ai.client import ModelError
from api.ai.service import BudgetDenied, metered_structured
from api.config import get_settings
from api.db import fail_stale, unit_of_work
from api.resume import repository, service
from api.resume.extract import ParsedResume
from api.resume.parser import ParseLimits, ResumeParseError, aparse_resume
from api.resume.refine import ResumeRefinement, merge, refine_prompt
from api.user import repository as user_repository

log = logging.getLogger(__name__)

TIMED_OUT = "Reading the résumé took too long and was stopped. Please upload it again."


async def resume_parse(ctx: dict, upload_id: int) -> str:
    """pending → completed | failed. Idempotent: an upload that is no longer pending is left alone.
    A hostile file can only kill the sandboxed child process; this job always finishes."""
    async with unit_of_work() as session:
        upload = await repository.get_with_content(session, upload_id)
        if upload is None or upload.status != "pending":
            return "skipped"
        content, user_id = upload.content or b"", upload.user_id
    settings = get_settings()
    limits = ParseLimits(max_bytes=settings.resume_max_bytes, max_pages=settings.resume_max_pages)
    failure: tuple[str, str] | None = None
    parsed = None
    try:
        parsed = await aparse_resume(content, limits, vocabulary=service.taxonomy_vocabulary())
    except ResumeParseError as error:
        failure = (error.code, error.message)
    except Exception:  # a bug of ours: report it readably, keep the worker going
        log.exception("parsing résumé upload %s failed", upload_id)
        failure = ("INTERNAL", "The résumé could not be read because of an internal error. Please try again later.")
    if parsed is not None:
        parsed = await _refined(user_id, parsed)
    async with unit_of_work() as session:
        upload = await repository.get_for_worker(session, upload_id)
        if upload is None or upload.status != "pending":
            return "skipped"
        if failure is not None:
            service.fail(upload, *failure)
            return "failed"
        user = await user_repository.get(session, upload.user_id)
        assert user is not None and parsed is not None
        service.complete(upload, user, parsed)
        return "completed"


async def _refined(user_id: int, parsed: ParsedResume) -> ParsedResume:
    """With a model configured, its refinement of names and entries (metered); else, or when the
    call fails, the rule-based parse as it is — a résumé never fails because of the model."""
    client = model_clients.model_client()
    if client is None:
        return parsed
    prompt = refine_prompt(parsed)
    try:
        refined, _ = await metered_structured(user_id, "resume_refine", client, prompt, ResumeRefinement, max_tokens=2000)
    except (ModelError, BudgetDenied) as error:
        log.info("résumé refinement skipped: %s", error.message)
        return parsed
    except Exception:
        log.exception("résumé refinement failed")
        return parsed
    return merge(parsed, refined)


async def resume_uploads_fail_stale(ctx: dict) -> int:
    """Cron: an upload still pending after PENDING_TIMEOUT_MINUTES fails with a retryable error and
    no longer counts against the per-user cap (a late job for it then finds nothing to do)."""
    return await fail_stale(repository.stale_pending, lambda upload: service.fail(upload, "TIMED_OUT", TIMED_OUT))
