"""`make run`'s supervision (api/supervise.py) with real child processes: a child that dies is
restarted after its backoff while the others keep running, and SIGTERM stops them all in order."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from api.supervise import Backoff, Process, Spec, Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(300)"]
ROOT = Path(__file__).resolve().parents[2]


class Clock:
    """Supervision time the test moves by hand: the backoff is checked without waiting for it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def sleeper() -> Process:
    return Process(subprocess.Popen(SLEEPER), grace=5)


def kill(child: object) -> None:
    assert isinstance(child, Process)
    child.popen.kill()
    child.popen.wait()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def supervisor(clock: Clock):
    supervisor = Supervisor(Backoff(initial=1, maximum=8, stable=60), clock=clock)
    yield supervisor
    supervisor.stop_all()


def pid(supervisor: Supervisor, name: str) -> int | None:
    child = supervisor.child(name)
    return child.pid if isinstance(child, Process) and child.alive() else None


class TestBackoff:
    def test_delays_double_from_the_initial_one_up_to_the_maximum(self):
        # given
        backoff = Backoff(initial=1, maximum=30)
        # when
        delays = [backoff.delay(failures) for failures in range(1, 9)]
        # then
        assert delays == [1, 2, 4, 8, 16, 30, 30, 30]


def die_and_wait(supervisor: Supervisor, clock: Clock, name: str, seconds: float) -> int | None:
    """Kill the child, let `seconds` pass (checking at its death and after), return its pid then."""
    kill(supervisor.child(name))
    supervisor.check()
    clock.now += seconds
    supervisor.check()
    return pid(supervisor, name)


class TestSupervisor:
    def test_a_killed_child_is_restarted_after_its_delay_while_the_others_keep_running(self, supervisor, clock):
        # given
        supervisor.add(Spec("server", sleeper))
        supervisor.add(Spec("worker", sleeper))
        server, worker = pid(supervisor, "server"), pid(supervisor, "worker")
        # when
        before_delay = die_and_wait(supervisor, clock, "worker", 0.9)
        clock.now += 0.1
        supervisor.check()
        # then
        assert before_delay is None
        assert pid(supervisor, "worker") not in (None, worker)
        assert pid(supervisor, "server") == server
        assert supervisor.restarts("worker") == 1 and supervisor.restarts("server") == 0

    def test_a_child_that_dies_again_soon_waits_twice_as_long(self, supervisor, clock):
        # given: it died once and was restarted after 1 s
        supervisor.add(Spec("worker", sleeper))
        die_and_wait(supervisor, clock, "worker", 1)
        # when: it dies again 5 s later
        clock.now += 5
        before_delay = die_and_wait(supervisor, clock, "worker", 1.9)
        clock.now += 0.1
        supervisor.check()
        # then
        assert before_delay is None
        assert pid(supervisor, "worker") is not None
        assert supervisor.restarts("worker") == 2

    def test_a_child_that_stayed_up_a_while_starts_over_from_the_first_delay(self, supervisor, clock):
        # given: two quick deaths in a row
        supervisor.add(Spec("worker", sleeper))
        die_and_wait(supervisor, clock, "worker", 1)
        die_and_wait(supervisor, clock, "worker", 2)
        # when: it then ran for a minute before dying
        clock.now += 60
        after_first_delay = die_and_wait(supervisor, clock, "worker", 1)
        # then
        assert after_first_delay is not None
        assert supervisor.restarts("worker") == 3

    def test_a_child_that_cannot_start_yet_is_tried_again_after_a_longer_delay(self, supervisor, clock):
        # given: a server whose restart fails once (its port still taken, say)
        attempts: list[str] = []

        def flaky() -> Process:
            attempts.append("start")
            if len(attempts) == 2:
                raise RuntimeError("address already in use")
            return sleeper()

        supervisor.add(Spec("redis", flaky))
        # when
        kill(supervisor.child("redis"))
        supervisor.check()
        clock.now += 1
        supervisor.check()  # the failing start
        clock.now += 1.9
        supervisor.check()
        too_soon = len(attempts)
        clock.now += 0.1
        supervisor.check()
        # then
        assert too_soon == 2
        assert len(attempts) == 3 and pid(supervisor, "redis") is not None
        assert supervisor.restarts("redis") == 1

    def test_stop_all_stops_every_child(self, supervisor):
        # given
        supervisor.add(Spec("server", sleeper))
        supervisor.add(Spec("api", sleeper))
        children = [supervisor.child("server"), supervisor.child("api")]
        # when
        supervisor.stop_all()
        # then
        assert all(isinstance(child, Process) and not child.alive() for child in children)
        assert supervisor.child("server") is None and supervisor.child("api") is None


LAUNCHER = """
import subprocess, sys
from api.supervise import Process, Spec, Supervisor

log = sys.argv[1]
CHILD = '''
import signal, sys, time
name, log = sys.argv[1], sys.argv[2]
def bye(*_):
    open(log, "a").write("stopped " + name + chr(10))
    sys.exit(0)
signal.signal(signal.SIGTERM, bye)
open(log, "a").write("up " + name + chr(10))
while True:
    time.sleep(1)
'''
supervisor = Supervisor()
supervisor.stop_on_signals()
for name in ("server", "worker", "api"):
    supervisor.add(Spec(name, lambda name=name: Process(subprocess.Popen([sys.executable, "-c", CHILD, name, log]))))
supervisor.run(0.05)
"""


class TestLauncher:
    def test_sigterm_stops_every_child_the_last_started_first(self, tmp_path):
        # given: a launcher supervising a server, a worker and an API that log their stop
        log = tmp_path / "log"
        launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(log)], cwd=ROOT)
        try:
            deadline = time.monotonic() + 60
            while not (log.exists() and log.read_text().count("up ") == 3):
                assert launcher.poll() is None and time.monotonic() < deadline, "children did not start"
                time.sleep(0.05)
            children = psutil.Process(launcher.pid).children()
            # when
            launcher.send_signal(signal.SIGTERM)
            code = launcher.wait(60)
        finally:
            if launcher.poll() is None:
                launcher.kill()
        # then
        stops = [line.split()[1] for line in log.read_text().splitlines() if line.startswith("stopped")]
        assert code == 0
        assert stops == ["api", "worker", "server"]
        assert len(children) == 3 and not any(child.is_running() for child in children)
