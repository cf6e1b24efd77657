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
    Timeline,
    choose_date,
    find_dates,
    is_historical,
    parse_published,
    published_from_dateline,
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
    ("Overnight, rebels shelled the airport.", WED, "2013-12-04", "day"),
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
    ("Forty-seven years ago, students seized the embassy.", WED, "1966", "year"),
    ("Twenty one years ago the war ended.", WED, "1992", "year"),
    ("Seventeen days ago the envoy left.", WED, "2013-11-17", "day"),
    # anniversaries: the named part of the calendar, that many years back
    ("Forty-seven years ago this November, students seized the embassy.", date(2026, 2, 16), "1979-11", "month"),
    ("Ten years ago in May the accord was signed.", WED, "2003-05", "month"),
    ("Ten years ago this week the wall fell.", WED, "2003-12-01", "week"),
    ("Twenty years ago this month the war began.", WED, "1993-12", "month"),
    ("A year ago today the envoy was expelled.", WED, "2012-12-04", "day"),
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
    # stretches of vague length: the smallest period that holds them
    ("Over the following weeks the militia fired rockets.", EventDate("2006-07-12", "day"), "2006", "year"),
    ("In the weeks that followed, the militia fired rockets.", EventDate("2006-07-12", "day"), "2006", "year"),
    ("Over the following weeks the militia fired rockets.", EventDate("2006-07-03", "day"), "2006-07", "month"),
    ("In the following days, talks failed.", EventDate("2006-07-12", "day"), "2006-07-10", "week"),
    ("In the days that followed, talks failed.", EventDate("2006-07-15", "day"), "2006-07", "month"),
    ("In the subsequent months, talks failed.", EventDate("2006-03", "month"), "2006", "year"),
    ("In the preceding months, envoys met in secret.", EventDate("2006-09", "month"), "2006", "year"),
    ("In the preceding months, envoys met in secret.", EventDate("2006-02", "month"), "2000", "decade"),
    ("Over the following two years it rebuilt.", EventDate("1995", "year"), "1990", "decade"),
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
    ("Over the following weeks, rockets fell.", WED, "Over the following weeks"),
    ("Years ago this November, students seized the embassy.", WED, "Years ago this November"),
    # the event follows a stretch whose start is not given: said, but never placed
    ("The text was agreed after days of haggling.", WED, "after days of"),
    ("They signed after several years of talks.", WED, "after several years of"),
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
    "The weeks after the invasion were chaotic.",
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
STORY = EventDate("2013-12-03", "day", "yesterday", 20, 29, False)
STORY_CARRIED = EventDate("2013-12-03", "day", "yesterday", 20, 29, True)
PUBLICATION_DAY = EventDate("2013-12-04", "day", relative=True)
UNRESOLVED = EventDate(None, "unknown", "yesterday", 0, 9)
AFTER_DAYS = EventDate(None, "unknown", "after days of", 30, 43)

# clause, sentence, paragraph's date, document's date, published, tense, expected
CHOICES = [
    # what the sentence says comes first; a placeable date beats one that cannot be placed
    ([CLAUSE], [SENTENCE], PARAGRAPH, STORY, WED, "past", CLAUSE),
    ([], [SENTENCE, CLAUSE], PARAGRAPH, STORY, WED, "past", SENTENCE),
    ([UNRESOLVED], [SENTENCE], PARAGRAPH, STORY, None, "past", UNRESOLVED),
    ([AFTER_DAYS, CLAUSE], [AFTER_DAYS, CLAUSE], PARAGRAPH, STORY, WED, "past", CLAUSE),
    ([AFTER_DAYS], [AFTER_DAYS], PARAGRAPH_ABSOLUTE, STORY, WED, "past", AFTER_DAYS),
    ([], [SENTENCE], None, None, WED, "present_perfect", SENTENCE),
    # simple past: the paragraph's date, else the story's, else the publication day
    ([], [], PARAGRAPH_ABSOLUTE, STORY, WED, "past", CARRIED),
    ([], [], None, STORY, WED, "past", STORY_CARRIED),
    ([], [], None, None, WED, "past", PUBLICATION_DAY),
    ([], [], UNKNOWN, UNKNOWN, WED, "past", PUBLICATION_DAY),
    ([], [], None, STORY, None, "past", STORY_CARRIED),
    ([], [], None, STORY, date(2015, 6, 1), "past", UNKNOWN),  # the story is history: no invented day
    ([], [], None, None, None, "past", UNKNOWN),
    # past perfect and present (habits, standing positions): only the paragraph's own date
    ([], [], PARAGRAPH_ABSOLUTE, STORY, WED, "past_perfect", CARRIED),
    ([], [], None, STORY, WED, "past_perfect", UNKNOWN),
    ([], [], PARAGRAPH_ABSOLUTE, STORY, WED, "present", CARRIED),
    # a standing position is not dated by another clause's date ("officials complain that ...: since March")
    ([], [SENTENCE], PARAGRAPH_ABSOLUTE, STORY, WED, "present", CARRIED),
    ([], [], None, STORY, WED, "present", UNKNOWN),
    ([], [], PARAGRAPH_ABSOLUTE, None, None, "present", CARRIED),
    # present perfect: some time up to now
    ([], [], PARAGRAPH_ABSOLUTE, STORY, WED, "present_perfect", UNKNOWN),
    ([], [], None, None, WED, "present_perfect", UNKNOWN),
    # future and modal: only their own clause ("said yesterday it would withdraw" is not yesterday)
    ([CLAUSE], [CLAUSE], PARAGRAPH, STORY, WED, "future", CLAUSE),
    ([], [SENTENCE], PARAGRAPH_ABSOLUTE, STORY, WED, "future", UNKNOWN),
    ([], [SENTENCE], PARAGRAPH_ABSOLUTE, STORY, WED, "modal", UNKNOWN),
    ([], [], None, None, WED, "modal", UNKNOWN),
]


@pytest.mark.parametrize(("clause", "sentence", "paragraph", "document", "published", "tense", "expected"),
                         CHOICES)
def test_choose_date(
    clause: list[EventDate],
    sentence: list[EventDate],
    paragraph: EventDate | None,
    document: EventDate | None,
    published: date | None,
    tense: str,
    expected: EventDate,
) -> None:
    assert choose_date(clause, sentence, paragraph, published, tense, document_latest=document) == expected


# the clause's and the sentence's dates, the dated things the clause refers to, and the result
SPRING_2023 = date(2023, 3, 11)
ATTACK_2019 = EventDate("2019", "year", "2019", 60, 64, False)
PLAN_2030 = EventDate("2030", "year", "2030", 60, 64, False)
SINCE_2015 = EventDate("2015", "year", "2015", 40, 44, False)
IN_2021 = EventDate("2021", "year", "in 2021", 10, 17, False)
FLOORS = [
    # "has been bombing since 2015, and Riyadh blamed Iran for a 2019 attack": not before the attack
    ([], [SINCE_2015], [ATTACK_2019], ATTACK_2019),
    ([], [IN_2021], [ATTACK_2019], IN_2021),
    ([], [], [ATTACK_2019], EventDate("2023-03-11", "day", relative=True)),
    # the clause's own date is what the text says, and a plan named by a later year is no floor
    ([SINCE_2015], [], [ATTACK_2019], SINCE_2015),
    ([], [SINCE_2015], [PLAN_2030], SINCE_2015),
]


@pytest.mark.parametrize(("clause", "sentence", "referred", "expected"), FLOORS)
def test_an_act_is_not_dated_before_what_it_refers_to(
    clause: list[EventDate], sentence: list[EventDate], referred: list[EventDate], expected: EventDate
) -> None:
    assert choose_date(clause, sentence, None, SPRING_2023, "past", referred=referred) == expected


@pytest.mark.parametrize("tense", ["past", "past_perfect"])
def test_an_event_that_did_not_happen_takes_no_inherited_date(tense: str) -> None:
    # "the president should explain to Congress, which he did not consult": no time of its own
    assert choose_date([], [], PARAGRAPH_ABSOLUTE, WED, tense, document_latest=STORY, negated=True) == UNKNOWN
    assert choose_date([], [SENTENCE], PARAGRAPH_ABSOLUTE, WED, tense, negated=True) == SENTENCE


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
    ("Nov. 24", FETCHED, date(2013, 11, 24)),
    ("24 November", FETCHED, date(2013, 11, 24)),
    ("Dec 7", FETCHED, date(2012, 12, 7)),
    ("Dec 5", FETCHED, date(2013, 12, 5)),
    ("Nov. 24", None, None),
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


# ---------------------------------------------------------------------------------------------------
# Timeline: the time a story has reached


def _narrate(timeline: Timeline, paragraphs: list[list[str]]) -> list[tuple[str | None, str | None]]:
    """Read sentences paragraph by paragraph; after each, what the paragraph and the story have reached."""
    reached = []
    for paragraph in paragraphs:
        timeline.new_paragraph()
        for sentence in paragraph:
            for found in find_dates(sentence, timeline.published, previous=timeline.anchor):
                timeline.note(found)
            reached.append(tuple(d.value if d else None for d in (timeline.paragraph, timeline.document)))
    return reached


def test_timeline_follows_the_calendar_not_the_order_of_the_words() -> None:
    # the flashback to 1826 does not take the story back: "a year later" counts from February 1828
    timeline = Timeline(date(2022, 10, 24))
    reached = _narrate(timeline, [[
        "The treaty signed in February 1828 ended a war that Persia had started in 1826.",
        "A year later a mob killed the envoy.",
    ]])
    assert reached == [("1828-02", "1828-02"), ("1829", "1829")]


def test_timeline_keeps_the_story_day_across_paragraphs_but_not_the_paragraph_date() -> None:
    timeline = Timeline(WED)
    reached = _narrate(timeline, [
        ["Iran and six powers yesterday concluded an agreement."],
        ["It builds on a framework agreed in Lausanne on 2 April."],
        ["In Jerusalem, the prime minister condemned the accord."],
    ])
    assert reached == [("2013-12-03", "2013-12-03"), ("2013-04-02", "2013-12-03"), (None, "2013-12-03")]


def test_timeline_ignores_plans_after_publication() -> None:
    timeline = Timeline(WED)
    reached = _narrate(timeline, [["Talks collapsed on Monday.", "The council votes next week."]])
    assert reached == [("2013-12-02", "2013-12-02"), ("2013-12-02", "2013-12-02")]


def test_a_paragraph_opening_with_a_relative_date_counts_from_the_previous_paragraph() -> None:
    timeline = Timeline(date(2006, 8, 15))
    _narrate(timeline, [["The war began on July 12, when fighters crossed into Israel."]])
    timeline.new_paragraph()
    (found,) = find_dates("Over the following weeks the militia fired rockets.", timeline.published,
                          previous=timeline.anchor)
    assert (found.value, found.precision) == ("2006", "year")


def test_timeline_without_a_publication_date_takes_every_date() -> None:
    timeline = Timeline(None)
    reached = _narrate(timeline, [["The war began in 2031."]])
    assert reached == [("2031", "2031")]


# ---------------------------------------------------------------------------------------------------
# Datelines

DATELINES = [
    ("LONDON, 3 March 2024 - Britain summoned the envoy.", None, date(2024, 3, 3)),
    ("WASHINGTON (AP), March 3, 2024 -- The president spoke.", None, date(2024, 3, 3)),
    ("BAGHDAD/WASHINGTON, March 4, 2024 -- Missiles struck.", None, date(2024, 3, 4)),
    ("NEW YORK, Monday, 4 March 2024 \u2014 The council met.", None, date(2024, 3, 4)),
    ("Envoy summoned\n\nLONDON, 3 March 2024 - Britain summoned the envoy.", None, date(2024, 3, 3)),
    # no year: only the moment a page was fetched can place it
    ("TEHRAN, Nov. 24 \u2014 Iran said it would comply.", FETCHED, date(2013, 11, 24)),
    ("BEIJING, March 11 (Reuters) - China hosted talks.", datetime(2024, 3, 12, 8, 0), date(2024, 3, 11)),
    ("TEHRAN, Nov. 24 \u2014 Iran said it would comply.", None, None),
    # no dateline
    ("WASHINGTON -- President Carter yesterday froze Iranian deposits.", FETCHED, None),
    ("On 24 November 2013 - the day the deal was struck - Iran said it would comply.", None, None),
    ("Tehran, 24 November 2013 - Iran said it would comply.", None, None),
    ("x" * 500 + "\nLONDON, 3 March 2024 - Britain summoned the envoy.", None, None),
]


@pytest.mark.parametrize(("text", "retrieved", "expected"), DATELINES)
def test_published_from_dateline(text: str, retrieved: datetime | None, expected: date | None) -> None:
    assert published_from_dateline(text, retrieved) == expected


# ---------------------------------------------------------------------------------------------------
# Whole texts through the coder: which date each event takes from its clause, sentence and story

STORIES = [
    # a reaction told a paragraph later belongs to the day the story narrates
    ("Iran and six world powers concluded a nuclear agreement yesterday.\n\n"
     "In Jerusalem, Israel condemned the accord as a historic mistake.", "2015-07-15", "condemned", "2015-07-14",
     "day"),
    # the day talks began (a relative clause) is not what the next sentence inherits
    ("Saudi Arabia and Iran agreed yesterday to restore diplomatic relations.\n\n"
     "The agreement was signed at the end of talks in Beijing that began on Monday. "
     "China hailed the outcome as a victory for peace.", "2023-03-11", "hailed", "2023-03-10", "day"),
    # a habit has no day
    ("China buys most of Iran's exported oil.", "2025-07-03", "buys", None, "unknown"),
    # of dates that govern the event equally, the nearest
    ("Russian and Ukrainian delegations have met twice in Belarus, on Monday and again yesterday, and agreed "
     "at the second meeting to open humanitarian corridors.", "2022-03-04", "agreed", "2022-03-03", "day"),
    # a war that only colours the subject is not dated by the subject's verb
    ("Moscow, absorbed by its war in Ukraine, offered little more than sympathy to Tehran last June.",
     "2026-02-16", "war", None, "unknown"),
    # an announced act is dated as the announcement
    ("On February 26 the United States and Britain announced that Russian banks would be cut off from the "
     "SWIFT system.", "2022-03-04", "cut off", "2022-02-26", "day"),
    # "the following weeks" of 12 July count from the previous paragraph and run into August
    ("The war began on July 12, when Hezbollah fighters crossed into Israel.\n\n"
     "Over the following weeks Hezbollah fired 4,000 rockets into Israel.", "2006-08-15", "fired", "2006", "year"),
    # "a year later" counts from the treaty, not from the war it recalls
    ("The treaty signed in February 1828 ended a war that Persia had started in 1826. "
     "A year later a mob in Tehran killed the Russian envoy.", "2022-10-24", "killed", "1829", "year"),
    # an undated paragraph of a history gets no invented day
    ("In 1995 Russia agreed to finish the reactor at Bushehr.\n\nIran attacked Iraq.", "2022-10-24", "attacked",
     None, "unknown"),
    # the text says the act came after a stretch it does not date
    ("The final text was agreed by the United States and France after days of haggling.", "2006-08-15", "agreed",
     None, "unknown"),
    # the agreement named by its year is the act of signing it; a later clause's December is not
    ("Russia was one of the six powers that signed the 2015 nuclear agreement with Iran, and in December that "
     "year it took most of the uranium off its hands.", "2022-10-24", "signed", "2015", "year"),
    # an accusation is not older than the attack it is about
    ("A Saudi-led coalition has been bombing the Houthi movement in Yemen since 2015, and Riyadh and Washington "
     "blamed Iran for a 2019 drone attack on the Abqaiq plant.", "2023-03-11", "blamed", "2019", "year"),
    # ...but a year that names the thing an act is against does not date the act
    ("Iran violated the 2015 nuclear agreement, the agency said.", "2019-07-01", "violated", "2019-07-01", "day"),
]


@pytest.mark.parametrize(("text", "published", "trigger", "value", "precision"), STORIES)
def test_dating_events_in_whole_texts(code, text: str, published: str, trigger: str, value: str | None,
                                      precision: str) -> None:
    events = code(text, published)
    dated = [(e.date, e.date_precision) for e in events if e.trigger.text == trigger]
    assert dated == [(value, precision)], [(e.type, e.trigger.text, e.date) for e in events]


def test_a_fixed_date_holiday_is_that_day_before_publication():
    found = find_dates("On New Year's Eve, supporters of the militia besieged the embassy.", date(2020, 1, 8))
    assert [(d.value, d.precision, d.text) for d in found] == [("2019-12-31", "day", "On New Year's Eve")]
    assert find_dates("They met on Christmas Day.", date(2021, 12, 27))[0].value == "2021-12-25"
