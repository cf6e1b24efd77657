"""Tests for realpolitik.when: every form of the date grammar, its boundaries and its refusals.

Each table row is one written case: a short sentence, the publication date it is read against, and the
expected value and precision. Weekdays of the publication dates used most: 2013-12-04 is a Wednesday,
2014-01-01 a Wednesday, 2014-01-06 a Monday, 2016-03-01 a Tuesday, 2013-12-07 a Saturday.
"""

from datetime import date, datetime

import pytest

from realpolitik.when import (
    UNKNOWN,
    EventDate,
    choose_date,
    find_dates,
    is_historical,
    parse_published,
)

WED = date(2013, 12, 4)
NEW_YEAR = date(2014, 1, 1)
MON_JAN = date(2014, 1, 6)
LEAP = date(2016, 3, 1)
SAT = date(2013, 12, 7)
MARCH = date(2013, 3, 1)


def _first(sentence: str, published: date | None, previous: EventDate | None = None) -> EventDate:
    found = find_dates(sentence, published, previous=previous)
    assert found, f"no date found in {sentence!r}"
    return found[0]


# ---------------------------------------------------------------------------------------------------
# Absolute dates: no publication date needed

ABSOLUTE = [
    ("Protesters gathered on 24 November 2013.", "2013-11-24", "day"),
    ("The talks opened on November 24, 2013.", "2013-11-24", "day"),
    ("It ended on Nov. 24, 2013, in Geneva.", "2013-11-24", "day"),
    ("The deal was signed on 24th November 2013.", "2013-11-24", "day"),
    ("The deal was signed on the 24th of November 2013.", "2013-11-24", "day"),
    ("Talks were held on Sunday, 24 November 2013.", "2013-11-24", "day"),
    ("Fighting raged on 24-26 November 2013.", "2013-11-24", "day"),
    ("The summit on Sept. 5, 2013 failed.", "2013-09-05", "day"),
    ("The ceasefire of 1 Jan 2014 held.", "2014-01-01", "day"),
    ("The report is dated 2013-11-24.", "2013-11-24", "day"),
    ("Filed at 2013-11-24T10:00:00Z by staff.", "2013-11-24", "day"),
    ("Leap day, 29 February 2016, was quiet.", "2016-02-29", "day"),
    ("In May 2003, the war began.", "2003-05", "month"),
    ("July 2015 saw the nuclear deal.", "2015-07", "month"),
    ("The treaty was signed in July of 2015.", "2015-07", "month"),
    ("Troops left in early May 2003.", "2003-05", "month"),
    ("The plan dates from Dec 2012.", "2012-12", "month"),
    ("The shah fled in 1979.", "1979", "year"),
    ("Iran has been under sanctions since 2006.", "2006", "year"),
    ("The 1979 revolution changed the region.", "1979", "year"),
    ("The 2003 invasion of Iraq split Europe.", "2003", "year"),
    ("The crisis began in Tehran, 1979, and lasted.", "1979", "year"),
    ("1979's revolution still shapes Iran.", "1979", "year"),
    ("Veterans of the Gulf war of 1991 marched.", "1991", "year"),
    ("Built in 1828, the palace survived.", "1828", "year"),
    ("In 2011 protesters filled the square.", "2011", "year"),
    ("The reforms stalled after 2009.", "2009", "year"),
    ("Parliament must vote by 2025.", "2025", "year"),
    ("Its 2015 deal with Iran collapsed.", "2015", "year"),
    ("The year 2000 bug was overblown.", "2000", "year"),
    ("The 1980s saw war between Iran and Iraq.", "1980", "decade"),
    ("In the early 1990s, the Soviet Union collapsed.", "1990", "decade"),
    ("Exports fell in the mid-1990s.", "1990", "decade"),
    ("During the 1990's sanctions bit hard.", "1990", "decade"),
    ("Growth resumed in mid-2019.", "2019", "year"),
    ("Talks resumed in late 2014.", "2014", "year"),
    ("The uprising began in spring 2011.", "2011", "year"),
    ("In the summer of 2011, Syria burned.", "2011", "year"),
    ("Fall 2008 brought the crash.", "2008", "year"),
]


@pytest.mark.parametrize(("sentence", "value", "precision"), ABSOLUTE)
def test_absolute(sentence: str, value: str, precision: str) -> None:
    for published in (WED, None):
        found = _first(sentence, published)
        assert (found.value, found.precision, found.relative) == (value, precision, False)


# ---------------------------------------------------------------------------------------------------
# Expressions resolved against the publication date

RELATIVE = [
    # day and month without a year
    ("Protesters gathered on 24 November.", WED, "2013-11-24", "day"),
    ("On November 24, police fired tear gas.", WED, "2013-11-24", "day"),
    ("The vote is set for 15 December.", WED, "2013-12-15", "day"),
    ("Talks resume on 20 January.", WED, "2014-01-20", "day"),
    ("Elections were held on 3 March.", WED, "2013-03-03", "day"),
    ("The budget passed on 10 February.", WED, "2013-02-10", "day"),
    ("A decision is due on the 5th of December.", WED, "2013-12-05", "day"),
    ("It happened on 24 December.", MON_JAN, "2013-12-24", "day"),
    ("The strike began on Dec. 30.", NEW_YEAR, "2013-12-30", "day"),
    ("They met on 29 February.", LEAP, "2016-02-29", "day"),
    ("They met on 29 February.", WED, "2012-02-29", "day"),
    # month names alone
    ("Fighting resumed in January.", WED, "2013-01", "month"),
    ("Fighting resumed in December.", WED, "2013-12", "month"),
    ("Talks failed last December.", WED, "2012-12", "month"),
    ("Talks failed last January.", WED, "2013-01", "month"),
    ("Talks will resume next January.", WED, "2014-01", "month"),
    ("The census is due this March.", WED, "2013-03", "month"),
    ("Rebels advanced in early February.", WED, "2013-02", "month"),
    ("The siege lasted until mid-January.", WED, "2013-01", "month"),
    ("January's elections were disputed.", WED, "2013-01", "month"),
    ("The June elections were disputed.", WED, "2013-06", "month"),
    ("Prices have risen since October.", WED, "2013-10", "month"),
    ("Talks failed last December.", MON_JAN, "2013-12", "month"),
    ("Fighting resumed in December.", MON_JAN, "2013-12", "month"),
    ("Fighting resumed in January.", MON_JAN, "2014-01", "month"),
    ("Talks failed last January.", MON_JAN, "2013-01", "month"),
    ("Talks will resume next January.", MON_JAN, "2015-01", "month"),
    # weekdays
    ("The minister resigned on Monday.", WED, "2013-12-02", "day"),
    ("Officials said Monday that talks would go on.", WED, "2013-12-02", "day"),
    ("The minister resigned last Monday.", WED, "2013-12-02", "day"),
    ("The minister resigned on Wednesday.", WED, "2013-12-04", "day"),
    ("The minister resigned last Wednesday.", WED, "2013-11-27", "day"),
    ("The envoy arrives next Monday.", WED, "2013-12-09", "day"),
    ("The envoy arrives next Wednesday.", WED, "2013-12-11", "day"),
    ("Clashes erupted on Thursday.", WED, "2013-11-28", "day"),
    ("Clashes erupted on Sunday.", WED, "2013-12-01", "day"),
    ("Monday's attack killed four.", WED, "2013-12-02", "day"),
    ("Clashes erupted on Friday.", NEW_YEAR, "2013-12-27", "day"),
    ("Clashes erupted last Tuesday.", NEW_YEAR, "2013-12-31", "day"),
    ("Clashes erupted on Monday.", LEAP, "2016-02-29", "day"),
    ("Clashes erupted on Sunday.", LEAP, "2016-02-28", "day"),
    # named days
    ("The army withdrew today.", WED, "2013-12-04", "day"),
    ("The army withdrew yesterday.", WED, "2013-12-03", "day"),
    ("Yesterday the army withdrew.", WED, "2013-12-03", "day"),
    ("The army withdrew the day before yesterday.", WED, "2013-12-02", "day"),
    ("The president speaks tonight.", WED, "2013-12-04", "day"),
    ("Shelling resumed last night.", WED, "2013-12-03", "day"),
    ("Shelling resumed this morning.", WED, "2013-12-04", "day"),
    ("The envoy lands tomorrow.", WED, "2013-12-05", "day"),
    ("The army withdrew yesterday.", NEW_YEAR, "2013-12-31", "day"),
    ("The army withdrew yesterday.", LEAP, "2016-02-29", "day"),
    ("The army withdrew the day before yesterday.", LEAP, "2016-02-28", "day"),
    ("The army withdrew yesterday.", MARCH, "2013-02-28", "day"),
    # weeks, months, years
    ("Talks collapsed last week.", WED, "2013-11-25", "week"),
    ("Talks collapsed this week.", WED, "2013-12-02", "week"),
    ("Talks collapsed earlier this week.", WED, "2013-12-02", "week"),
    ("Talks resume next week.", WED, "2013-12-09", "week"),
    ("Talks collapsed last month.", WED, "2013-11", "month"),
    ("Talks collapsed this month.", WED, "2013-12", "month"),
    ("Talks collapsed earlier this month.", WED, "2013-12", "month"),
    ("Talks resume next month.", WED, "2014-01", "month"),
    ("Talks collapsed last year.", WED, "2012", "year"),
    ("Talks collapsed this year.", WED, "2013", "year"),
    ("Talks collapsed earlier this year.", WED, "2013", "year"),
    ("Talks resume next year.", WED, "2014", "year"),
    ("Talks collapsed late last year.", WED, "2012", "year"),
    ("Rallies were held last weekend.", WED, "2013-11-25", "week"),
    ("Rallies were held over the weekend.", WED, "2013-11-25", "week"),
    ("Rallies are planned this weekend.", WED, "2013-12-02", "week"),
    ("Rallies were held over the weekend.", SAT, "2013-12-02", "week"),
    ("Talks collapsed last week.", NEW_YEAR, "2013-12-23", "week"),
    ("Talks collapsed this week.", NEW_YEAR, "2013-12-30", "week"),
    ("Talks collapsed last month.", NEW_YEAR, "2013-12", "month"),
    ("Talks collapsed last year.", NEW_YEAR, "2013", "year"),
    # ago
    ("The war ended two years ago.", WED, "2011", "year"),
    ("The war ended 20 years ago.", WED, "1993", "year"),
    ("The war ended a year ago.", WED, "2012", "year"),
    ("The war ended a decade ago.", WED, "2003", "year"),
    ("The envoy left three days ago.", WED, "2013-12-01", "day"),
    ("The envoy left two weeks ago.", WED, "2013-11-18", "week"),
    ("The envoy left six months ago.", WED, "2013-06", "month"),
    ("The envoy left a few days ago.", WED, "2013-11-25", "week"),
    ("The envoy left several weeks ago.", WED, "2013-11", "month"),
    ("The envoy left ten days ago.", MON_JAN, "2013-12-27", "day"),
    ("The envoy left a month ago.", MON_JAN, "2013-12", "month"),
]


@pytest.mark.parametrize(("sentence", "published", "value", "precision"), RELATIVE)
def test_relative_to_publication(sentence: str, published: date, value: str, precision: str) -> None:
    found = _first(sentence, published)
    assert (found.value, found.precision, found.relative) == (value, precision, True)


# ---------------------------------------------------------------------------------------------------
# Expressions resolved against an earlier date

DAY_ANCHOR = EventDate("2013-11-24", "day", "on 24 November 2013")
FORWARD = [
    ("Moscow invaded Afghanistan in December of that year.", EventDate("1979", "year"), "1979-12", "month"),
    ("Talks failed in March the same year.", EventDate("1999-06-01", "day"), "1999-03", "month"),
    ("It collapsed the same year.", EventDate("2003", "year"), "2003", "year"),
    ("It collapsed that year.", EventDate("2003-05", "month"), "2003", "year"),
    ("It collapsed that month.", EventDate("2003-05", "month"), "2003-05", "month"),
    ("It collapsed the following year.", EventDate("2015-07-14", "day"), "2016", "year"),
    ("It collapsed the next year.", EventDate("2015", "year"), "2016", "year"),
    ("Talks resumed the next day.", DAY_ANCHOR, "2013-11-25", "day"),
    ("Talks resumed the following day.", EventDate("2013-12-31", "day"), "2014-01-01", "day"),
    ("Talks resumed the next day.", EventDate("2016-02-28", "day"), "2016-02-29", "day"),
    ("Talks had failed the previous day.", EventDate("2014-01-01", "day"), "2013-12-31", "day"),
    ("A week later the troops withdrew.", DAY_ANCHOR, "2013-11-25", "week"),
    ("Two years later the troops withdrew.", EventDate("1979", "year"), "1981", "year"),
    ("Two years after, sanctions returned.", EventDate("1979", "year"), "1981", "year"),
    ("A year earlier, the talks had failed.", DAY_ANCHOR, "2012", "year"),
    ("Days later, talks failed.", DAY_ANCHOR, "2013-11-25", "week"),
    ("Months later, talks failed.", DAY_ANCHOR, "2014", "year"),
    ("The week before, clashes erupted.", DAY_ANCHOR, "2013-11-11", "week"),
    ("Three days later the city fell.", EventDate("2003-05", "month"), "2003-05", "month"),
    ("The following decade was calmer.", EventDate("1979", "year"), "1980", "decade"),
]


@pytest.mark.parametrize(("sentence", "previous", "value", "precision"), FORWARD)
def test_relative_to_previous(sentence: str, previous: EventDate, value: str, precision: str) -> None:
    found = _first(sentence, WED, previous)
    assert (found.value, found.precision, found.relative) == (value, precision, True)


SEQUENCES = [
    ("In 2003 the war began; two years later it ended.", WED, [("2003", "year"), ("2005", "year")]),
    (
        "The talks opened on 24 November 2013 and resumed the next day.",
        WED,
        [("2013-11-24", "day"), ("2013-11-25", "day")],
    ),
    ("Iraq was invaded in March 2003; a year later, it voted.", WED, [("2003-03", "month"), ("2004", "year")]),
    (
        "The vote was held on 31 December 2013 and counted the following day.",
        WED,
        [("2013-12-31", "day"), ("2014-01-01", "day")],
    ),
    ("On Monday talks began; the next day they collapsed.", WED, [("2013-12-02", "day"), ("2013-12-03", "day")]),
    ("The talks stalled between 2003 and 2011.", WED, [("2003", "year"), ("2011", "year")]),
    ("The sanctions lasted from 2006 to 2016.", WED, [("2006", "year"), ("2016", "year")]),
    ("The sanctions lasted 2006-2016.", WED, [("2006", "year"), ("2016", "year")]),
    ("Fighting raged between January and March.", WED, [("2013-01", "month"), ("2013-03", "month")]),
    ("On Monday, November 25, the envoy left.", WED, [("2013-11-25", "day")]),
    ("Tehran said on Tuesday it had met the envoy last week.", WED, [("2013-12-03", "day"), ("2013-11-25", "week")]),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), SEQUENCES)
def test_sequences(sentence: str, published: date, expected: list[tuple[str, str]]) -> None:
    assert [(found.value, found.precision) for found in find_dates(sentence, published)] == expected


# ---------------------------------------------------------------------------------------------------
# Missing anchors: the expression is reported, its value is unknown

UNANCHORED = [
    ("The army withdrew yesterday.", None, "yesterday"),
    ("The minister resigned on Monday.", None, "on Monday"),
    ("Talks collapsed last week.", None, "last week"),
    ("Fighting resumed in January.", None, "in January"),
    ("Protesters gathered on 24 November.", None, "on 24 November"),
    ("The war ended two years ago.", None, "two years ago"),
    ("Talks collapsed earlier this year.", None, "earlier this year"),
    ("It collapsed the following year.", WED, "the following year"),
    ("Days later, talks failed.", WED, "Days later"),
    ("The war ended years ago.", WED, "years ago"),
    ("The ruins date from 999 decades ago.", WED, "999 decades ago"),
]


@pytest.mark.parametrize(("sentence", "published", "text"), UNANCHORED)
def test_unanchored(sentence: str, published: date | None, text: str) -> None:
    found = _first(sentence, published)
    start = sentence.index(text)
    assert found == EventDate(None, "unknown", text, start, start + len(text))


# ---------------------------------------------------------------------------------------------------
# Things that are not dates

NOT_DATES = [
    "The Security Council passed resolution 1701 unanimously.",
    "Resolution 2231's provisions expired.",
    "Some 1,979 troops were deployed.",
    "Flight 655 was shot down over the Gulf.",
    "Flight 1828 landed safely.",
    "Article 2013 of the code was repealed.",
    "Leaders of the G7 met in Cornwall.",
    "Iran may retaliate against Israel.",
    "Thousands of protesters march through the capital.",
    "May the talks succeed, he said.",
    "March organisers expect thousands.",
    "Theresa May met the envoy.",
    "Theresa May's government fell.",
    "April Glaspie met the president.",
    "Black Friday sales were cancelled.",
    "The 2000 soldiers were deployed.",
    "Police fired 2014 rounds of tear gas.",
    "Output rose to 1900 barrels a day.",
    "The Peace of Westphalia of 1648 ended the war.",
    "He said that years of war had ruined the country.",
    "The strike came a year after the war ended.",
    "Gunmen killed 12 people in the square.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence: str) -> None:
    assert find_dates(sentence, WED) == []


# ---------------------------------------------------------------------------------------------------
# Text and offsets

SPANS = [
    ("Protesters gathered on 24 November.", "on 24 November"),
    ("Talks collapsed last week, officials said.", "last week"),
    ("The 1979 revolution changed the region.", "1979"),
    ("In the early 1990s, the Soviet Union collapsed.", "In the early 1990s"),
    ("Growth resumed in mid-2019.", "in mid-2019"),
    ("The army withdrew the day before yesterday.", "the day before yesterday"),
    ("Talks were held on Sunday, 24 November 2013.", "on Sunday, 24 November 2013"),
]


@pytest.mark.parametrize(("sentence", "text"), SPANS)
def test_spans(sentence: str, text: str) -> None:
    found = _first(sentence, WED)
    assert (found.text, found.start, found.end) == (text, sentence.index(text), sentence.index(text) + len(text))
    assert sentence[found.start : found.end] == found.text


# ---------------------------------------------------------------------------------------------------
# Periods covered by a value

PERIODS = [
    (EventDate("2013-11-24", "day"), date(2013, 11, 24), date(2013, 11, 24)),
    (EventDate("2013-11-18", "week"), date(2013, 11, 18), date(2013, 11, 24)),
    (EventDate("2016-02", "month"), date(2016, 2, 1), date(2016, 2, 29)),
    (EventDate("2013-12", "month"), date(2013, 12, 1), date(2013, 12, 31)),
    (EventDate("2013", "year"), date(2013, 1, 1), date(2013, 12, 31)),
    (EventDate("1980", "decade"), date(1980, 1, 1), date(1989, 12, 31)),
    (UNKNOWN, None, None),
]


@pytest.mark.parametrize(("when", "first", "last"), PERIODS)
def test_periods(when: EventDate, first: date | None, last: date | None) -> None:
    assert (when.first_day, when.last_day) == (first, last)


# ---------------------------------------------------------------------------------------------------
# choose_date

CLAUSE = EventDate("2013-11-24", "day", "on 24 November", 10, 24, True)
SENTENCE = EventDate("2013-11-20", "day", "on 20 November", 40, 54, True)
PARAGRAPH = EventDate("2013-11", "month", "in November", 3, 14, True)
PARAGRAPH_ABSOLUTE = EventDate("2013-11", "month", "in November 2013", 3, 19, False)
CARRIED = EventDate("2013-11", "month", "in November 2013", 3, 19, True)
PUBLICATION_DAY = EventDate("2013-12-04", "day", relative=True)
UNRESOLVED = EventDate(None, "unknown", "yesterday", 0, 9)

CHOICES = [
    ([CLAUSE], [SENTENCE], PARAGRAPH, WED, "past", CLAUSE),
    ([], [SENTENCE, CLAUSE], PARAGRAPH, WED, "past", SENTENCE),
    ([UNRESOLVED], [SENTENCE], PARAGRAPH, None, "past", UNRESOLVED),
    ([], [], PARAGRAPH_ABSOLUTE, WED, "past_perfect", CARRIED),
    ([], [], None, WED, "past_perfect", UNKNOWN),
    ([], [], None, WED, "present", PUBLICATION_DAY),
    ([], [], PARAGRAPH_ABSOLUTE, WED, "present", PUBLICATION_DAY),
    ([], [], PARAGRAPH_ABSOLUTE, WED, "present_perfect", UNKNOWN),
    ([], [], None, WED, "present_perfect", UNKNOWN),
    ([], [SENTENCE], None, WED, "present_perfect", SENTENCE),
    ([], [], PARAGRAPH_ABSOLUTE, WED, "past", CARRIED),
    ([], [], None, WED, "past", PUBLICATION_DAY),
    ([], [], UNKNOWN, WED, "past", PUBLICATION_DAY),
    ([], [], PARAGRAPH_ABSOLUTE, WED, "future", CARRIED),
    ([], [], None, WED, "future", UNKNOWN),
    ([], [], None, WED, "modal", UNKNOWN),
    ([], [], PARAGRAPH_ABSOLUTE, None, "present", CARRIED),
    ([], [], None, None, "past", UNKNOWN),
]


@pytest.mark.parametrize(("clause", "sentence", "paragraph", "published", "tense", "expected"), CHOICES)
def test_choose_date(
    clause: list[EventDate],
    sentence: list[EventDate],
    paragraph: EventDate | None,
    published: date | None,
    tense: str,
    expected: EventDate,
) -> None:
    assert choose_date(clause, sentence, paragraph, published, tense) == expected


def test_choose_date_rejects_unknown_tense() -> None:
    with pytest.raises(ValueError, match="tense"):
        choose_date([], [], None, WED, "pluperfect")


# ---------------------------------------------------------------------------------------------------
# is_historical

HISTORY = [
    (EventDate("2010", "year"), WED, True),
    (EventDate("2012", "year"), date(2013, 6, 15), False),
    (EventDate("2012-12-03", "day"), WED, True),
    (EventDate("2012-12-04", "day"), WED, False),
    (EventDate("2012-11", "month"), WED, True),
    (EventDate("2012-12", "month"), WED, False),
    (EventDate("2012-11-26", "week"), WED, True),
    (EventDate("2012-12-03", "week"), WED, False),
    (EventDate("1980", "decade"), WED, True),
    (EventDate("2010", "decade"), WED, False),
    (EventDate("2015-02-27", "day"), date(2016, 2, 29), True),
    (EventDate("2015-02-28", "day"), date(2016, 2, 29), False),
    (UNKNOWN, WED, False),
    (EventDate("1979", "year"), None, False),
]


@pytest.mark.parametrize(("when", "published", "expected"), HISTORY)
def test_is_historical(when: EventDate, published: date | None, expected: bool) -> None:
    assert is_historical(when, published) is expected


# ---------------------------------------------------------------------------------------------------
# parse_published

FETCHED = datetime(2013, 12, 4, 10, 0)
PUBLISHED = [
    ("2013-12-04", FETCHED, date(2013, 12, 4)),
    ("2013-12-04T10:20:30Z", FETCHED, date(2013, 12, 4)),
    ("2013-12-04 23:59:00+05:00", FETCHED, date(2013, 12, 4)),
    ("4 December 2013", FETCHED, date(2013, 12, 4)),
    ("December 4, 2013", FETCHED, date(2013, 12, 4)),
    ("Dec. 4, 2013", FETCHED, date(2013, 12, 4)),
    ("DECEMBER 4, 2013", FETCHED, date(2013, 12, 4)),
    ("Wed, 04 Dec 2013 10:20:30 +0000", FETCHED, date(2013, 12, 4)),
    ("Published: Wednesday 4th December 2013 08:00 GMT", FETCHED, date(2013, 12, 4)),
    ("Updated Sept 30, 2013 5:30 p.m. ET", FETCHED, date(2013, 9, 30)),
    ("1 January 2014", None, date(2014, 1, 1)),
    ("11 hours ago", FETCHED, date(2013, 12, 3)),
    ("2 hours ago", FETCHED, date(2013, 12, 4)),
    ("Updated an hour ago", FETCHED, date(2013, 12, 4)),
    ("45 mins ago", datetime(2014, 1, 1, 0, 30), date(2013, 12, 31)),
    ("2 days ago", FETCHED, date(2013, 12, 2)),
    ("two days ago", FETCHED, date(2013, 12, 2)),
    ("yesterday", FETCHED, date(2013, 12, 3)),
    ("Yesterday", datetime(2016, 3, 1, 9, 0), date(2016, 2, 29)),
    ("today", FETCHED, date(2013, 12, 4)),
    ("2013-12-06", FETCHED, date(2013, 12, 6)),
    ("11 hours ago", None, None),
    ("3 months ago", FETCHED, None),
    (None, FETCHED, None),
    ("", FETCHED, None),
    ("   ", FETCHED, None),
    ("unknown", FETCHED, None),
    ("December 2013", FETCHED, None),
    ("1066-10-14", FETCHED, None),
    ("2099-01-01", FETCHED, None),
    ("2013-12-07", FETCHED, None),
    ("2013-02-30", FETCHED, None),
    ("31 February 2013", FETCHED, None),
    ("31/12/2013", FETCHED, None),
]


@pytest.mark.parametrize(("value", "retrieved", "expected"), PUBLISHED)
def test_parse_published(value: str | None, retrieved: datetime | None, expected: date | None) -> None:
    assert parse_published(value, retrieved) == expected
