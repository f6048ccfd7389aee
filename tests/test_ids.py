"""#17.15: the UUIDv7 generator behind every public id (deelwijzer/ids.py)."""

from __future__ import annotations

import time
import uuid
from itertools import pairwise

from deelwijzer.ids import uuid7


def test_a_public_id_is_a_version_7_uuid_of_the_rfc_variant():
    for _ in range(200):
        made = uuid7()
        assert made.version == 7
        assert made.variant == uuid.RFC_4122
        assert uuid.UUID(str(made)) == made  # reads back from the text URLs carry


def test_the_first_48_bits_are_the_milliseconds_it_was_made():
    before = time.time_ns() // 1_000_000
    made = uuid7()
    after = time.time_ns() // 1_000_000
    assert before <= made.int >> 80 <= after


def test_the_clock_and_the_random_bits_land_where_rfc_9562_puts_them():
    made = uuid7(ms=0x0123_4567_89AB, rand=bytes.fromhex("ffffffffffffffffffff"))
    assert str(made) == "01234567-89ab-7fff-bfff-ffffffffffff"
    zero = uuid7(ms=0x0123_4567_89AB, rand=bytes(10))
    assert str(zero) == "01234567-89ab-7000-8000-000000000000"


def test_ids_made_in_a_later_millisecond_sort_after_earlier_ones():
    made = [uuid7(ms=ms) for ms in (1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000)]
    assert made == sorted(made)
    assert [str(u) for u in made] == sorted(str(u) for u in made)  # as text, too (indexes)


def test_ten_thousand_ids_are_all_different_even_within_one_millisecond():
    same_ms = {uuid7(ms=1_700_000_000_000) for _ in range(10_000)}
    assert len(same_ms) == 10_000
    assert len({uuid7() for _ in range(10_000)}) == 10_000


def _random_part(made: uuid.UUID) -> int:
    """The 74 random bits: rand_a (12) and rand_b (62), without version and variant."""
    return (made.int >> 64 & 0xFFF) << 62 | (made.int & (1 << 62) - 1)


def test_one_id_says_nothing_about_the_next():
    """Ids made back to back differ in their random bits, not by a step one could count."""
    parts = [_random_part(uuid7(ms=1)) for _ in range(50)]
    steps = {abs(b - a) for a, b in pairwise(parts)}
    assert min(steps) > 2**20  # a counter would step by 1
