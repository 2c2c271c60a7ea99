from tests.discovery.conftest import _boards, board  # noqa: F401 - the local job-board server
