# -*- coding: utf-8 -*-
"""``bulk.each`` and ``bulk.pages``: independent calls at once, answers in order, every page read once."""

import threading
import time

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils import bulk


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_each_answers_in_the_calls_order(workers):
    calls = [lambda number=number: (time.sleep(0.01 * (5 - number)), number)[1] for number in range(5)]
    assert bulk.each(calls, workers) == [0, 1, 2, 3, 4]


def test_each_runs_no_more_than_its_workers_at_once():
    running, most, lock = [0], [0], threading.Lock()

    def call():
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.02)
        with lock:
            running[0] -= 1

    bulk.each([call] * 8, 3)
    assert most[0] == 3
    bulk.each([call] * 8, 1)
    assert most[0] == 3


def test_each_raises_the_first_error_after_every_call_ended():
    ended = []

    def fine(number):
        time.sleep(0.02)
        ended.append(number)

    def broken():
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        bulk.each([lambda: fine(0), broken, lambda: fine(2), lambda: fine(3)], 2)
    assert sorted(ended) == [0, 2, 3]


@pytest.mark.parametrize("total", [0, 1, 4, 5, 9, 10, 11, 23])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_pages_reads_every_item_once_in_order(total, workers):
    asked = []

    def call(query):
        asked.append(query["first"])
        return list(range(total))[query["first"]:query["first"] + query["max"]]

    assert bulk.pages(call, {"briefRepresentation": True}, size=5, workers=workers) == list(range(total))
    # Every page up to the first short one, and at most a round's worth past it; a list of one page costs one request.
    full = total // 5
    assert sorted(asked)[:full + 1] == [5 * number for number in range(full + 1)]
    assert len(asked) <= full + workers
    if total < 5:
        assert asked == [0]
