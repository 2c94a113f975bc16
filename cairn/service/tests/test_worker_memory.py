"""A web worker moves what it holds after its first requests out of the cycle collector's sight (gunicorn_conf)."""

import gc

from cairn.service import gunicorn_conf


class Worker:
    """What gunicorn hands its post_request hook, as far as the hook looks at it."""


def test_a_worker_freezes_what_it_holds_after_its_first_requests_and_again_later():
    worker = Worker()
    gc.unfreeze()
    try:
        for _ in range(gunicorn_conf.FREEZE_AFTER[0] - 1):
            gunicorn_conf.post_request(worker, None, {}, None)
        assert gc.get_freeze_count() == 0
        gunicorn_conf.post_request(worker, None, {}, None)
        first = gc.get_freeze_count()
        assert first > 1000
        held = [[n] for n in range(5000)]  # what a worker comes to hold later: templates compiled for other pages
        for _ in range(gunicorn_conf.FREEZE_AFTER[1] - gunicorn_conf.FREEZE_AFTER[0]):
            gunicorn_conf.post_request(worker, None, {}, None)
        assert gc.get_freeze_count() >= first + len(held)
        for _ in range(100):
            gunicorn_conf.post_request(worker, None, {}, None)
        assert worker.cairn_requests == gunicorn_conf.FREEZE_AFTER[1] + 100
    finally:
        gc.unfreeze()
