"""Redis killed under a running API and worker (supervised as in `make run`): the API process
stays up, answers what needs only PostgreSQL and reports Redis down on /healthz; the worker,
which exits without Redis, is restarted; once Redis is back the API reports healthy again and
work enqueued then reaches the worker."""

from __future__ import annotations

import threading
from typing import Any

import httpx

from api.embedded import free_port
from api.supervise import Backoff, Process, Spec, Supervisor
from tests.support.graphql import Session, signed_up
from tests.support.jobs import STRONG_JOB, create_job
from tests.support.processes import PrivateRedis, api_process, child_env, namespace, worker_process
from tests.support.waiting import eventually

JOB = "query Job($id: ID!) { node(id: $id) { ... on Job { matchScore } } }"


async def health(http: httpx.AsyncClient, status: str) -> tuple[int, dict[str, Any]] | None:
    try:
        response = await http.get("/healthz")
    except httpx.TransportError:  # not listening yet
        return None
    body = response.json()
    return (response.status_code, body) if body["status"] == status else None


async def match_score(session: Session, job_id: str) -> int | None:
    return (await session.gql(JOB, {"id": job_id}))["node"]["matchScore"]


class TestRedisOutage:
    async def test_the_api_stays_up_reports_redis_down_and_recovers_with_its_queue(self, private_redis: PrivateRedis):
        # given: an API and a worker on a Redis of the test's own, supervised as `make run` does
        env = child_env(REDIS_URL=private_redis.url, REDIS_NAMESPACE=namespace())
        port = free_port()
        supervisor = Supervisor(Backoff(initial=0.2, maximum=2))
        supervisor.add(Spec("worker", lambda: Process(worker_process(env), grace=10)))
        supervisor.add(Spec("api", lambda: Process(api_process(env, port), grace=10)))
        supervising = threading.Thread(target=supervisor.run, kwargs={"interval": 0.1})
        supervising.start()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
                await eventually(lambda: health(http, "ok"), timeout=90)
                session = await signed_up(http)
                # when
                private_redis.kill()
                down = await eventually(lambda: health(http, "down"), timeout=30)
                viewer = await session.gql("{ viewer { username } }")

                async def worker_restarted() -> bool:  # its poll loop fails without Redis; it exits
                    return supervisor.restarts("worker") >= 1

                await eventually(worker_restarted, timeout=30)
                private_redis.start()
                back = await eventually(lambda: health(http, "ok"), timeout=90)
                job_id = await create_job(session, **STRONG_JOB)
                score = await eventually(lambda: match_score(session, job_id), timeout=60)
        finally:
            supervisor.stop()
            supervising.join(60)
        # then
        code, report = down
        assert code == 503
        assert report["database"]["ok"] is True and report["redis"]["ok"] is False
        assert report["worker"]["ok"] is False and report["failing"] == ["redis", "worker"]
        assert viewer == {"viewer": {"username": session.username}}  # PostgreSQL alone still answers
        assert back[0] == 200 and back[1]["failing"] == []
        assert score is not None  # the job enqueued after the outage was scored by the worker
        assert supervisor.restarts("api") == 0  # the API process never went down
