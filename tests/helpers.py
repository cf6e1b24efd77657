"""Small assertion helpers shared by the tests."""


def one(events, event_type: str):
    """The single event of a type; fails with the list when there is not exactly one."""
    found = [e for e in events if e.type == event_type]
    assert len(found) == 1, [(e.type, e.actor_codes(), e.recipient_codes(), e.trigger.text) for e in events]
    return found[0]
