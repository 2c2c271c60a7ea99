"""Supervision for `make run`: named children (servers, the worker, the API) that are restarted
with exponential backoff when they die, and stopped in reverse start order on shutdown.

The loop is plain and synchronous: `check()` looks at every child once and (re)starts what is
due, `run()` repeats it until asked to stop, then `stop_all()` stops the children last-started
first (the API and the worker before the servers they use).
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)


class Child(Protocol):
    def alive(self) -> bool: ...

    def stop(self) -> None: ...


class Process:
    """A child that is one subprocess: alive while it has not exited; stopped with SIGTERM,
    then SIGKILL after `grace` seconds."""

    def __init__(self, popen: subprocess.Popen, grace: float = 15.0) -> None:
        self.popen, self.grace = popen, grace

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def returncode(self) -> int | None:
        return self.popen.poll()

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(self.grace)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()


@dataclass(frozen=True)
class Spec:
    """How to start one named child; `start` is called again for every restart."""

    name: str
    start: Callable[[], Child]


@dataclass(frozen=True)
class Backoff:
    """Restart delays: `initial` seconds doubling up to `maximum`; a child that stayed up for
    `stable` seconds starts again from `initial` when it next dies."""

    initial: float = 1.0
    maximum: float = 30.0
    stable: float = 60.0

    def delay(self, failures: int) -> float:
        """The wait before restart number `failures` (1 for the first) of a run of failures."""
        return min(self.maximum, self.initial * 2 ** max(0, failures - 1))


@dataclass
class _Slot:
    spec: Spec
    child: Child | None = None
    started_at: float = 0.0
    failures: int = 0  # deaths in a row, each within `stable` seconds of its start
    restart_at: float | None = None
    restarts: int = 0


class Supervisor:
    """Children in start order; `add` them, then `run` until `stop`."""

    def __init__(
        self,
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.backoff = backoff or Backoff()
        self.clock = clock
        self.slots: list[_Slot] = []
        self.stopping = threading.Event()

    def child(self, name: str) -> Child | None:
        return self._slot(name).child

    def restarts(self, name: str) -> int:
        return self._slot(name).restarts

    def _slot(self, name: str) -> _Slot:
        return next(slot for slot in self.slots if slot.spec.name == name)

    def add(self, spec: Spec, started: Child | None = None) -> Child:
        """Supervise one more child: `started` when the caller already started it, else start it
        now (a child that cannot start at all raises: nothing to supervise yet)."""
        slot = _Slot(spec)
        slot.child, slot.started_at = started or spec.start(), self.clock()
        self.slots.append(slot)
        return slot.child

    def check(self) -> None:
        """One pass: notice children that died, restart those whose backoff has passed."""
        for slot in self.slots:
            if self.stopping.is_set():
                return
            now = self.clock()
            if slot.child is not None:
                if slot.child.alive():
                    continue
                if now - slot.started_at >= self.backoff.stable:
                    slot.failures = 0
                slot.failures += 1
                code = getattr(slot.child, "returncode", None)
                slot.child = None
                slot.restart_at = now + self.backoff.delay(slot.failures)
                log.warning(
                    "%s exited%s; restarting in %g s",
                    slot.spec.name,
                    "" if code is None else f" with status {code}",
                    self.backoff.delay(slot.failures),
                )
            elif slot.restart_at is not None and now >= slot.restart_at:
                self._restart(slot)

    def _restart(self, slot: _Slot) -> None:
        try:
            slot.child = slot.spec.start()
        except Exception as error:  # a server that cannot start yet: try again later, longer
            slot.failures += 1
            slot.restart_at = self.clock() + self.backoff.delay(slot.failures)
            log.warning(
                "%s could not be restarted (%s: %s); next try in %g s",
                slot.spec.name,
                type(error).__name__,
                error,
                self.backoff.delay(slot.failures),
            )
            return
        slot.started_at, slot.restart_at = self.clock(), None
        slot.restarts += 1
        log.warning("%s restarted", slot.spec.name)

    def run(self, interval: float = 0.3) -> None:
        """Supervise until `stop()` is called (e.g. from a signal handler), then stop all."""
        try:
            while not self.stopping.is_set():
                self.check()
                self.stopping.wait(interval)
        finally:
            self.stop_all()

    def stop(self) -> None:
        self.stopping.set()

    def stop_on_signals(self) -> None:
        """Ctrl-C and SIGTERM end `run()` (which then stops every child) instead of the process."""
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: self.stop())

    def stop_all(self) -> None:
        self.stopping.set()
        for slot in reversed(self.slots):
            child, slot.child = slot.child, None
            if child is not None:
                try:
                    child.stop()
                except Exception:  # keep stopping the others
                    log.exception("could not stop %s", slot.spec.name)
