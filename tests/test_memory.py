"""The garbage collector: paused around publishing (and restored, even on errors); loaded objects frozen."""

from __future__ import annotations

import gc

import pytest

from policyflow.memory import collector_paused, freeze_loaded


def test_the_collector_is_paused_inside_and_running_again_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_runs_again_after_an_error_and_stays_off_if_it_was_off():
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("rendering failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_loaded_before_a_flow_starts_are_left_out_of_later_collections():
    before = gc.get_freeze_count()
    loaded = [object() for _ in range(10)] + [[] for _ in range(10)]  # lists are tracked, objects not
    try:
        freeze_loaded()
        assert gc.get_freeze_count() >= before + 10
    finally:
        gc.unfreeze()  # back into the oldest generation: this test process goes on
    assert gc.get_freeze_count() == 0 and loaded
