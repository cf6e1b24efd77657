"""Dating events: find the time expressions of English news text and resolve them to calendar dates.

News rarely states full dates. Most events are placed relative to the publication ("on Monday", "last
week", "two years ago") or to a date mentioned a little earlier ("the following year"), so every
expression is resolved against `published` or `previous` and keeps the precision the words carry: "in
May 2003" is a month, never the first of May. The grammar below is a small set of regular expressions,
one per form, run over each sentence; overlapping candidates are settled by keeping the longest.
Which of them an event takes, or what it inherits from the story told so far (`Timeline`), depends on
its clause and its tense (`choose_date`). Datelines and metadata give the publication date.

Everything here is standard library only, because it runs on every sentence of every article.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

Precision = Literal["day", "week", "month", "year", "decade", "unknown"]

# Order of coarseness: a result can never be finer than the date it was derived from.
_RANK: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4, "unknown": 5}

# A day and month without a year ("on 24 November") is placed in the latest year that does not put it
# more than this many days after publication: reports mostly look back, but do announce dates that are
# a few weeks ahead (votes, summits, deadlines).
FORWARD_WINDOW_DAYS = 62

# "a few days ago", "days later": the count is vague, so the result is one step coarser.
_VAGUE_COUNT = 3


@dataclass(frozen=True)
class EventDate:
    """A resolved (or unresolvable) time expression.

    `value` is ISO text at the stated precision: "2013-11-24" (day), the Monday "2013-11-18" (week),
    "2013-11" (month), "2013" (year), "1980" (decade, meaning the 1980s); None when unknown. `text` and
    the offsets are kept even when the value is unknown, so callers can see that an expression was there.
    """

    value: str | None
    precision: Precision
    text: str = ""
    start: int = -1
    end: int = -1
    relative: bool = False

    @property
    def first_day(self) -> date | None:
        """Earliest calendar day covered: the sort key, and one end of the period."""
        if self.value is None:
            return None
        if self.precision in ("day", "week"):
            return date.fromisoformat(self.value)
        if self.precision == "month":
            year, month = self.value.split("-")
            return date(int(year), int(month), 1)
        return date(int(self.value), 1, 1)

    @property
    def last_day(self) -> date | None:
        """Latest calendar day covered, so that "last year" is not judged as if it meant 1 January."""
        first = self.first_day
        if first is None:
            return None
        match self.precision:
            case "day":
                return first
            case "week":
                return first + timedelta(days=6)
            case "month":
                return _month_start(first, 1) - timedelta(days=1)
            case "year":
                return date(first.year, 12, 31)
            case _:
                return date(first.year + 9, 12, 31)


UNKNOWN = EventDate(None, "unknown")


# ---------------------------------------------------------------------------------------------------
# Calendar arithmetic


def _month_start(day: date, months: int) -> date:
    """First day of the month `months` after (or before, if negative) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _shift_years(day: date, years: int) -> date:
    """Same calendar day `years` later; 29 February falls back to the 28th in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _shift(day: date, unit: str, count: int) -> date:
    """Move `day` by `count` units (day, week, month, year, decade)."""
    match unit:
        case "day":
            return day + timedelta(days=count)
        case "week":
            return day + timedelta(weeks=count)
        case "month":
            return _month_start(day, count)
        case "year":
            return _shift_years(day, count)
        case _:
            return _shift_years(day, 10 * count)


def _value(day: date, precision: Precision) -> str:
    """ISO text for the period of `precision` that contains `day`."""
    match precision:
        case "day":
            return day.isoformat()
        case "week":
            return (day - timedelta(days=day.weekday())).isoformat()
        case "month":
            return f"{day.year:04d}-{day.month:02d}"
        case "year":
            return f"{day.year:04d}"
        case _:
            return f"{day.year // 10 * 10:04d}"


def _coarser(first: Precision, second: Precision) -> Precision:
    return first if _RANK[first] >= _RANK[second] else second


def _recent_day(month: int, day: int, published: date) -> date | None:
    """The latest `day` `month` that is not more than FORWARD_WINDOW_DAYS after publication.

    Years are tried from the next one downwards; 29 February simply skips common years.
    """
    horizon = published + timedelta(days=FORWARD_WINDOW_DAYS)
    for year in range(published.year + 1, published.year - 9, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= horizon:
            return candidate
    return None


# ---------------------------------------------------------------------------------------------------
# Vocabulary


def _words(text: str) -> tuple[str, ...]:
    """Word lists are kept as plain text so that they read (and are extended) like prose."""
    return tuple(text.split())


_MONTH_NAMES = _words("January February March April May June July August September October November December")
_MONTHS: dict[str, int] = {name.lower(): number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS |= {name.lower()[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS["sept"] = 9

_WEEKDAY_NAMES = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_WEEKDAYS: dict[str, int] = {name.lower(): number for number, name in enumerate(_WEEKDAY_NAMES)}

_NUMBER_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
)
_TENS_WORDS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_NUMBERS: dict[str, int] = {word: number for number, word in enumerate(_NUMBER_WORDS, 1)}
_NUMBERS |= {word: 10 * number for number, word in enumerate(_TENS_WORDS, 2)}
_NUMBERS |= {"a": 1, "an": 1}
# A number in words up to ninety-nine ("seven", "forty-seven", "forty seven"), never the tail of one.
_NUMBER = (
    r"(?<![\w-])(?:(?:" + "|".join(_TENS_WORDS) + r")(?:[-\s]+(?:" + "|".join(_NUMBER_WORDS[:9]) + r"))?"
    r"|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?![\w-])"
)
_VAGUE: dict[str, int] = {
    "a few": _VAGUE_COUNT,
    "several": _VAGUE_COUNT,
    "some": _VAGUE_COUNT,
    "many": _VAGUE_COUNT,
    "a couple of": 2,
    "": _VAGUE_COUNT,
}

# A bare four-digit number is a year only next to one of these words (or a comma, or inside a date).
_YEAR_BEFORE = frozenset(
    _words(
        "in since until till by of from before after the a during through throughout early late mid circa year between"
    )
)
# Words that make a year certain even when a counting noun follows ("In 2011 protesters marched").
_YEAR_BEFORE_STRONG = frozenset(_words("in since until till during throughout"))
# Words that make a following number an identifier, never a year.
_NOT_YEAR_BEFORE = frozenset(
    _words(
        "resolution resolutions flight flights article articles no nos number decree law section paragraph "
        "chapter page pages route highway room unit bill order regulation annex clause code model item line "
        "platform gate grade level category version"
    )
)
# Nouns that count things: "the 2000 soldiers" is a number.
_NOT_YEAR_AFTER = frozenset(
    _words(
        "people persons troops soldiers civilians refugees migrants fighters militants rebels "
        "protesters demonstrators police policemen officers members delegates votes voters seats deaths "
        "dead casualties victims prisoners detainees hostages children women men families residents "
        "workers jobs homes houses buildings cases km kilometres kilometers miles metres meters feet "
        "tonnes tons barrels dollars euros pounds percent hours hrs gmt utc rockets missiles shells "
        "rounds tanks vehicles aircraft planes ships times units points"
    )
)
# Events named by their year or month: "the 1979 revolution", "the May elections".
_EVENT_NOUNS = frozenset(
    _words(
        "revolution war invasion election elections deal agreement treaty accord crisis uprising coup attack "
        "attacks strike strikes summit talks protests vote referendum ceasefire massacre offensive bombing "
        "bombings riots poll polls"
    )
)
# A month name alone ("in January") needs one of these before it: "May" and "March" are also a verb
# and a name, and "June" or "April" can be a person.
_MONTH_BEFORE = frozenset(
    _words(
        "in on of since until till by last next early late mid this during through throughout from before after between"
    )
)
# Capitalised words that may stand before a weekday without making it part of a name ("Black Friday").
_FUNCTION_WORDS = frozenset(
    _words("the a an on in by until till since from before after and or but early late last next this")
)

# ---------------------------------------------------------------------------------------------------
# Grammar: reusable pieces, then one pattern per form

_MONTH = (
    r"(?P<month>(?:" + "|".join(_MONTH_NAMES) + r")(?![A-Za-z])"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![A-Za-z]))"
)
_FULL_MONTH = r"(?P<month>" + "|".join(_MONTH_NAMES) + r")(?![A-Za-z])"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAY_NAMES) + r")(?![A-Za-z])"
_WEEKDAY_PREFIX = r"(?:(?:" + "|".join(_WEEKDAY_NAMES) + r"),?\s+)?"
_DAY = r"(?<![\w.,])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_DAY_RANGE = r"(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?\b)?"
_YEAR = r"(?<![\w$£€])(?<!\d[.,])(?P<year>1[7-9]\d\d|20\d\d|2100)(?![\d]|[.,]\d|s\b)"
_PREP = r"(?:\b(?i:on|in|during)\s+)?"
_EDGE = r"(?:(?i:early|late|mid)[-\s]+)?"
_COUNT_WORDS = [w.replace(" ", r"\s+") for w in ("a few", "a couple of", "several", "some", "many", "an", "a")]
_COUNT = r"(?:(?P<count>" + "|".join([*_COUNT_WORDS, _NUMBER, r"\d{1,3}"]) + r")\s+)?"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_STRETCH_PREP = r"(?:\b(?i:over|in|during|for|through|throughout)\s+)?"

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?[\s-]*$")
_WORD_AFTER = re.compile(r"[\s-]*([A-Za-z]+)")
_YEAR_THEN_JOIN = re.compile(r"(?:1[7-9]\d\d|20\d\d)\s*(?:[-–]|\s(?:and|or|to))\s*$")
_JOIN_THEN_YEAR = re.compile(r"\s*[-–]\s*(?:1[7-9]\d\d|20\d\d)(?!\d)")
_MONTH_THEN_JOIN = re.compile(r"(?:" + "|".join(_MONTH_NAMES) + r")\s+(?:and|or|to)\s+$")
_COMMA_BEFORE = re.compile(r"(?<!\d),\s*$")


def _word_before(text: str, position: int) -> str:
    """The word just before `position` as written ('' after punctuation): most context checks need it."""
    found = _WORD_BEFORE.search(text, max(0, position - 40), position)
    return found.group(1) if found else ""


def _word_after(text: str, position: int) -> str:
    found = _WORD_AFTER.match(text, position)
    return found.group(1) if found else ""


def _possessive(text: str, position: int) -> bool:
    return text.startswith(("'s", "’s"), position)


def _is_name_before(text: str, position: int) -> bool:
    """True when a capitalised content word precedes: "Theresa May", "Black Friday"."""
    word = _word_before(text, position)
    return word[:1].isupper() and word.lower() not in _FUNCTION_WORDS


def _followed_by_clause_end(text: str, position: int) -> bool:
    """ "two years after." ends the phrase; "two years after the war" is anchored on the war, not a date."""
    rest = text[position:].lstrip()
    return not rest or rest[0] in ",.;:)!?"


# ---------------------------------------------------------------------------------------------------
# Acceptance checks: the regexes over-generate on purpose; these look at the words around a match.


def _always(_: re.Match[str]) -> bool:
    return True


def _valid_full_date(match: re.Match[str]) -> bool:
    try:
        date(int(match["year"]), _month_number(match), int(match["day"]))
    except ValueError:
        return False
    return True


def _valid_iso(match: re.Match[str]) -> bool:
    try:
        date(int(match["year"]), int(match["mnum"]), int(match["day"]))
    except ValueError:
        return False
    return True


def _valid_day_month(match: re.Match[str]) -> bool:
    """A day that exists in that month in some year (2000 was a leap year, so 29 February passes)."""
    try:
        date(2000, _month_number(match), int(match["day"]))
    except ValueError:
        return False
    return True


def _accept_year(match: re.Match[str]) -> bool:
    text, start, end = match.string, match.start("year"), match.end("year")
    before = _word_before(text, start).lower()
    after = _word_after(text, end).lower()
    if before in _NOT_YEAR_BEFORE:
        return False
    if before in _YEAR_BEFORE_STRONG:
        return True
    if after in _NOT_YEAR_AFTER or text[end:].lstrip().startswith("%"):
        return False
    return (
        before in _YEAR_BEFORE
        or bool(_COMMA_BEFORE.search(text, max(0, start - 5), start))
        or bool(_YEAR_THEN_JOIN.search(text, max(0, start - 12), start))
        or bool(_JOIN_THEN_YEAR.match(text, end))
        or after in _EVENT_NOUNS
        or _possessive(text, end)
    )


def _accept_decade(match: re.Match[str]) -> bool:
    """ "the 1990's" is a decade; a bare "1990's" is the possessive of a year."""
    return match["apostrophe"] is None or match["the"] is not None


def _accept_month(match: re.Match[str]) -> bool:
    text, start, end = match.string, match.start("month"), match.end("month")
    if _word_before(text, start).lower() in _MONTH_BEFORE:
        return True
    if _MONTH_THEN_JOIN.search(text, max(0, start - 20), start):
        return True
    if _is_name_before(text, start):
        return False
    return _possessive(text, end) or _word_after(text, end).lower() in _EVENT_NOUNS


def _accept_weekday(match: re.Match[str]) -> bool:
    if match["rel"]:
        return True
    text = match.string
    if _is_name_before(text, match.start()):
        return False
    following = _word_after(text, match.end())
    return not following[:1].isupper() or following in _MONTH_NAMES


def _accept_anchored(match: re.Match[str]) -> bool:
    direction = (match["dir"] or "").lower()
    if direction in ("after", "before"):
        return _followed_by_clause_end(match.string, match.end())
    return True


# ---------------------------------------------------------------------------------------------------
# Resolvers: each returns a representative day and its precision, or None when the anchor it needs
# (publication date, earlier date) is missing or the count is too vague to place.

Resolved = tuple[date, Precision] | None

_UNIT_PRECISION: dict[str, Precision] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "decade": "decade",
}
_VAGUER: dict[str, Precision] = {
    "day": "week",
    "week": "month",
    "month": "year",
    "year": "unknown",
}


def _month_number(match: re.Match[str]) -> int:
    return _MONTHS[match["month"].rstrip(".").lower()]


def _number(word: str) -> int:
    """ "12", "seven", "forty-seven", "an" as an integer."""
    if word.isdigit():
        return int(word)
    return sum(_NUMBERS[part] for part in re.split(r"[-\s]+", word.lower()))


def number(word: str) -> int | None:
    """A count written in figures or words ("two days after the strike"), or None if it is not one."""
    try:
        return _number(word)
    except KeyError:
        return None


def _count(match: re.Match[str]) -> tuple[int, bool]:
    """The number in "two years", and whether it was vague ("a few years", "years")."""
    word = re.sub(r"\s+", " ", (match["count"] or "").lower())
    if word in _VAGUE:
        return _VAGUE[word], True
    return _number(word), False


def _unit_precision(unit: str, vague: bool) -> Precision:
    """Counts of days give days, of decades give years; a vague count is one step coarser."""
    exact = "year" if unit == "decade" else _UNIT_PRECISION[unit]
    return _VAGUER[exact] if vague else exact


def _resolve_iso(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    return date(int(match["year"]), int(match["mnum"]), int(match["day"])), "day"


def _resolve_full_date(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    return date(int(match["year"]), _month_number(match), int(match["day"])), "day"


def _resolve_day_month(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    if published is None:
        return None
    found = _recent_day(_month_number(match), int(match["day"]), published)
    return (found, "day") if found else None


#: Days named by a fixed-date holiday ("on New Year's Eve"), as (month, day).
_HOLIDAYS = {"new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
             "christmas day": (12, 25), "bastille day": (7, 14)}


def _resolve_holiday(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    """"On New Year's Eve": the latest such day on or before publication (as "on 31 December")."""
    if published is None:
        return None
    month, day = _HOLIDAYS[re.sub(r"\s+", " ", match["holiday"].lower().replace("’", "'"))]
    found = _recent_day(month, day, published)
    return (found, "day") if found else None


def _resolve_month_year(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    return date(int(match["year"]), _month_number(match), 1), "month"


def _resolve_month(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    """ "last January" is strictly before the publication month, "next January" strictly after, "this
    January" in the publication year, and a plain "in January" the latest one on or before it."""
    if published is None:
        return None
    month = _month_number(match)
    which = (match["which"] or "").lower()
    year = published.year
    if which == "next":
        year += int(month <= published.month)
    elif which == "last":
        year -= int(month >= published.month)
    elif which != "this":
        year -= int(month > published.month)
    return date(year, month, 1), "month"


def _resolve_month_of_previous(match: re.Match[str], published: date | None,
                               previous: EventDate | None) -> Resolved:
    """ "in December of that year": the month in the year of the earlier date."""
    if previous is None or previous.first_day is None:
        return None
    return date(previous.first_day.year, _month_number(match), 1), "month"


def _resolve_year(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    return date(int(match["year"]), 1, 1), "year"


def _resolve_decade(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    return date(int(match["decade"]), 1, 1), "decade"


def _resolve_weekday(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    """Plain "Monday" is the latest Monday on or before publication, "last Monday" strictly before,
    "next Monday" strictly after."""
    if published is None:
        return None
    weekday = _WEEKDAYS[match["weekday"].lower()]
    rel = (match["rel"] or "").lower().split()
    if "next" in rel:
        return published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1), "day"
    back = (published.weekday() - weekday) % 7
    if back == 0 and ("last" in rel or "past" in rel):
        back = 7
    return published - timedelta(days=back), "day"


_NAMED_DAYS: dict[str, int] = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "last night": -1,
    "today": 0,
    "tonight": 0,
    "overnight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "later today": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}


def _resolve_named_day(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    if published is None:
        return None
    return published + timedelta(days=_NAMED_DAYS[re.sub(r"\s+", " ", match.group().lower())]), "day"


def _resolve_period(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    """ "last/this/next week|month|year|weekend". A weekend belongs to the week that ends with it."""
    if published is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[match["which"].lower()]
    unit = match["unit"].lower()
    if unit == "weekend":
        return published + timedelta(weeks=step), "week"
    return _shift(published, unit, step), _UNIT_PRECISION[unit]


def _resolve_weekend(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    """ "over the weekend": the one under way when published on a Saturday or Sunday, else the last one."""
    if published is None:
        return None
    return (published if published.weekday() >= 5 else published - timedelta(weeks=1)), "week"


def _resolve_ago(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    count, vague = _count(match)
    precision = _unit_precision(match["unit"].lower(), vague)
    if published is None or precision == "unknown":
        return None
    return _shift(published, match["unit"].lower(), -count), precision


def _resolve_anniversary(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    """ "forty-seven years ago this November", "ten years ago this week", "a year ago today": the
    named part of the calendar, that many years before the publication."""
    count, vague = _count(match)
    if published is None or vague:
        return None
    then = _shift_years(published, -count)
    period = (match.groupdict().get("period") or "").lower()
    if not period:
        return date(then.year, _month_number(match), 1), "month"
    return then, "day" if period == "today" else "week" if period.endswith("week") else "month"


def _from_previous(previous: EventDate | None, unit: str, count: int, precision: Precision) -> Resolved:
    """Shift the earlier date; the result is never finer than that date ("in 2003 ... a month later")."""
    if previous is None or previous.first_day is None or precision == "unknown":
        return None
    return _shift(previous.first_day, unit, count), _coarser(precision, previous.precision)


def _resolve_later(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    """ "two years later", "days earlier", "a week after."."""
    count, vague = _count(match)
    unit = match["unit"].lower()
    sign = -1 if match["dir"].lower() in ("earlier", "before") else 1
    return _from_previous(previous, unit, sign * count, _unit_precision(unit, vague))


def _resolve_the_next(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    """ "the following year", "the previous day", "that month", "the same week", "the day after."."""
    which = (match.groupdict().get("which") or match.groupdict().get("dir") or "").lower()
    step = {
        "following": 1,
        "next": 1,
        "after": 1,
        "previous": -1,
        "preceding": -1,
        "prior": -1,
        "before": -1,
    }.get(which, 0)
    unit = match["unit"].lower()
    return _from_previous(previous, unit, step, _UNIT_PRECISION[unit])


def _enclosing(first: date, last: date) -> Precision:
    """The finest precision whose single period holds both days."""
    for precision in ("day", "week", "month", "year", "decade"):
        if _value(first, precision) == _value(last, precision):
            return precision
    return "unknown"


def _resolve_stretch(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    """ "over the following weeks", "in the days that followed", "in the preceding months".

    The stretch starts (or ends) at the earlier date and its length is vague, so the event can lie
    anywhere in it: the result is the smallest calendar period that holds the whole stretch. "The
    following weeks" from 12 July reach into August, so they are the year, not July.
    """
    if previous is None or previous.first_day is None or previous.last_day is None:
        return None
    count, _ = _count(match)
    unit = match["unit"].lower()
    if match["dir"].lower() in ("preceding", "previous", "prior"):
        first, last = _shift(previous.first_day, unit, -count), previous.last_day
    else:
        first, last = previous.first_day, _shift(previous.last_day, unit, count)
    precision = _coarser(_enclosing(first, last), previous.precision)
    return (first, precision) if precision != "unknown" else None


def _unplaceable(match: re.Match[str], published: date | None, previous: EventDate | None) -> Resolved:
    """ "after days of haggling": the event follows a stretch whose start the text does not give.

    The expression is still reported (with no value), so that the event is not handed a date from
    elsewhere in the sentence or paragraph that the text has just said it came after.
    """
    return None


# ---------------------------------------------------------------------------------------------------
# The rule table


@dataclass(frozen=True)
class _Rule:
    """One form of date expression: how to find it, when to believe it, and how to resolve it."""

    needs: tuple[str, ...]  # lower-case fragments, one of which any match contains: a cheap pre-check
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], date | None, EventDate | None], Resolved]
    accept: Callable[[re.Match[str]], bool] = _always
    relative: bool = False  # resolved against the publication date or an earlier date


def _rule(
    needs: str,
    pattern: str,
    resolve: Callable[[re.Match[str], date | None, EventDate | None], Resolved],
    accept: Callable[[re.Match[str]], bool] = _always,
    *,
    relative: bool = False,
) -> _Rule:
    return _Rule(_words(needs), re.compile(pattern), resolve, accept, relative)


# Most sentences hold no date: skipping the rules whose key words are absent keeps this cheap.
_NEEDS_YEAR = "17 18 19 20 21"
_NEEDS_MONTH = "jan feb mar apr may jun jul aug sep oct nov dec"
_NEEDS_UNIT = "day week month year decade"


_RULES: tuple[_Rule, ...] = (
    # 2013-11-24 (also the date part of an ISO timestamp)
    _rule(
        _NEEDS_YEAR,
        r"(?<![\d-])(?P<year>1[7-9]\d\d|20\d\d|2100)-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)",
        _resolve_iso,
        _valid_iso,
    ),
    # (on) (Monday,) 24(th) (of) November(,) 2013 -- also a range "24-26 November 2013" (its first day)
    _rule(
        _NEEDS_MONTH,
        rf"{_PREP}{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY}{_DAY_RANGE}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
        _resolve_full_date,
        _valid_full_date,
    ),
    # (on) (Monday,) November 24(th)(,) 2013 -- also "Nov. 24-26, 2013"
    _rule(
        _NEEDS_MONTH,
        rf"{_PREP}{_WEEKDAY_PREFIX}{_MONTH}\s+(?:the\s+)?{_DAY}{_DAY_RANGE},?\s+{_YEAR}",
        _resolve_full_date,
        _valid_full_date,
    ),
    # on 24 November / the 24th of November (year from publication)
    _rule(
        _NEEDS_MONTH,
        rf"{_PREP}{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY}{_DAY_RANGE}\s+(?:of\s+)?{_MONTH}(?!,?\s*\d{{4}}(?!\d))",
        _resolve_day_month,
        _valid_day_month,
        relative=True,
    ),
    # on November 24 / Nov. 24
    _rule(
        _NEEDS_MONTH,
        rf"{_PREP}{_WEEKDAY_PREFIX}{_MONTH}\s+(?:the\s+)?{_DAY}{_DAY_RANGE}(?!,?\s*\d{{4}}(?!\d))",
        _resolve_day_month,
        _valid_day_month,
        relative=True,
    ),
    # in (early) May 2003, July of 2015
    _rule(_NEEDS_MONTH, rf"{_PREP}{_EDGE}{_MONTH},?\s+(?:of\s+)?{_YEAR}", _resolve_month_year),
    # in December of that year, that same March: the month of the paragraph's year
    _rule(
        _NEEDS_MONTH,
        rf"{_PREP}{_EDGE}{_MONTH},?\s+(?:of\s+)?(?i:that|the\s+same)\s+year\b",
        _resolve_month_of_previous,
        relative=True,
    ),
    # in January, last January, mid-January, January's elections
    _rule(
        _NEEDS_MONTH,
        rf"{_PREP}(?:(?P<which>(?i:last|next|this|early|late|mid))[-\s]+)?{_FULL_MONTH}",
        _resolve_month,
        _accept_month,
        relative=True,
    ),
    # on New Year's Eve, on Christmas Day (the latest one on or before publication)
    _rule(
        "new year christmas bastille",
        rf"{_PREP}(?P<holiday>(?i:new\s+year['’]s\s+(?:eve|day)|christmas\s+(?:eve|day)|bastille\s+day))\b",
        _resolve_holiday,
        relative=True,
    ),
    # in 1828, mid-2019, the 1979 revolution
    _rule(_NEEDS_YEAR, rf"{_PREP}{_EDGE}{_YEAR}", _resolve_year, _accept_year),
    # the 1980s, in the early 1990s, the 1990's
    _rule(
        _NEEDS_YEAR,
        rf"{_PREP}(?P<the>(?i:the)\s+)?{_EDGE}(?<![\w$£€])(?P<decade>1[7-9]\d0|20\d0)(?P<apostrophe>['’])?s\b",
        _resolve_decade,
        _accept_decade,
    ),
    # spring 2011, in the summer of 2011 (year precision: seasons straddle months and hemispheres)
    _rule(
        "spring summer autumn fall winter",
        rf"{_PREP}(?:(?i:the)\s+)?(?:(?i:early|late)\s+)?(?i:spring|summer|autumn|fall|winter)"
        rf"(?:\s+(?i:of))?,?\s+{_YEAR}",
        _resolve_year,
    ),
    # (on) Monday, last Monday, next Friday
    _rule(
        "day",
        rf"(?:\b(?P<rel>(?i:on\s+last|on\s+next|on|last|next|this|past))\s+)?{_WEEKDAY}",
        _resolve_weekday,
        _accept_weekday,
        relative=True,
    ),
    # yesterday, the day before yesterday, last night, overnight, this morning ...
    _rule(
        "day tomorrow night morning afternoon evening",
        r"\b(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight"
        r"|tomorrow|overnight|last\s+night|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today)\b",
        _resolve_named_day,
        relative=True,
    ),
    # (earlier) this week, last month, (late) next year, last weekend -- not "the last week of May"
    _rule(
        "week month year",
        r"\b(?:(?i:earlier|later|early|late|mid)[-\s]+)?(?P<which>(?i:this|last|next))\s+"
        r"(?P<unit>(?i:weekend|week|month|year))\b(?!\s+(?i:of)\b)",
        _resolve_period,
        relative=True,
    ),
    # over the weekend
    _rule("weekend", r"(?:\b(?i:over|at|during|on)\s+)?\b(?i:the\s+weekend)\b", _resolve_weekend, relative=True),
    # two years ago, a decade ago, a few days ago
    _rule("ago", rf"\b(?i:{_COUNT}{_UNIT}\s+ago)\b", _resolve_ago, relative=True),
    # forty-seven years ago this November, ten years ago this week, a year ago today
    _rule("ago", rf"\b(?i:{_COUNT}years?\s+ago\s+(?:this|in)\s+){_FULL_MONTH}", _resolve_anniversary, relative=True),
    _rule(
        "ago",
        rf"\b(?i:{_COUNT}years?\s+ago\s+(?P<period>today|this\s+week|this\s+month))\b",
        _resolve_anniversary,
        relative=True,
    ),
    # two years later, days later, a year earlier, two years after.
    _rule(
        "later earlier after before",
        rf"\b(?i:{_COUNT}{_UNIT}\s+(?P<dir>later|earlier|afterwards?|after|before))\b",
        _resolve_later,
        _accept_anchored,
        relative=True,
    ),
    # the following year, the next day, the previous month, the same year
    _rule(
        _NEEDS_UNIT,
        r"\b(?i:the\s+(?P<which>following|next|previous|preceding|prior|same)\s+"
        r"(?P<unit>day|week|month|year|decade))\b",
        _resolve_the_next,
        relative=True,
    ),
    # that year, that same month
    _rule(
        _NEEDS_UNIT,
        r"\b(?i:(?P<which>that)\s+(?:same\s+)?(?P<unit>day|week|month|year))\b(?!-)",
        _resolve_the_next,
        relative=True,
    ),
    # over the following weeks, in the subsequent months, the preceding days
    _rule(
        _NEEDS_UNIT,
        rf"{_STRETCH_PREP}\b(?i:the\s+(?P<dir>following|subsequent|ensuing|preceding|previous|prior)\s+"
        rf"{_COUNT}(?P<unit>day|week|month|year|decade)s)\b",
        _resolve_stretch,
        relative=True,
    ),
    # in the weeks that followed
    _rule(
        "followed",
        rf"{_STRETCH_PREP}\b(?i:the\s+{_COUNT}(?P<unit>day|week|month|year|decade)s\s+(?:that\s+|which\s+)?"
        rf"(?P<dir>followed))\b",
        _resolve_stretch,
        relative=True,
    ),
    # after days of haggling, after years of war
    _rule(
        _NEEDS_UNIT,
        rf"\b(?i:after\s+{_COUNT}(?:day|week|month|year|decade)s\s+of)\b",
        _unplaceable,
    ),
    # the day after. / the year before.
    _rule(
        "before after",
        r"\b(?i:the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after))\b",
        _resolve_the_next,
        _accept_anchored,
        relative=True,
    ),
)


def _longest_leftmost(item: tuple[re.Match[str], _Rule]) -> tuple[int, int]:
    return item[0].start() - item[0].end(), item[0].start()


def _longest_first(candidates: list[tuple[re.Match[str], _Rule]]) -> list[tuple[re.Match[str], _Rule]]:
    """Keep the longest candidates that do not overlap a longer one, back in text order."""
    kept: list[tuple[re.Match[str], _Rule]] = []
    for match, rule in sorted(candidates, key=_longest_leftmost):
        if all(match.end() <= other.start() or match.start() >= other.end() for other, _ in kept):
            kept.append((match, rule))
    return sorted(kept, key=lambda item: item[0].start())


def find_dates(text: str, published: date | None, *, previous: EventDate | None = None) -> list[EventDate]:
    """Every date expression in `text`, resolved, in order of appearance (non-overlapping, longest match).

    `previous` is the latest date stated earlier in the paragraph; each date resolved here becomes the
    anchor for the next one, so "on 3 May 2011 ... two days later" works inside one sentence too.
    Expressions that need a missing anchor come back with value None and precision "unknown".
    """
    lowered = text.lower()
    candidates = [
        (match, rule)
        for rule in _RULES
        if any(fragment in lowered for fragment in rule.needs)
        for match in rule.pattern.finditer(text)
        if rule.accept(match)
    ]
    found: list[EventDate] = []
    anchor = previous
    for match, rule in _longest_first(candidates):
        try:
            resolved = rule.resolve(match, published, anchor)
        except (ValueError, OverflowError):  # "999 decades ago" leaves the calendar
            resolved = None
        if resolved is None:
            found.append(EventDate(None, "unknown", match.group(), match.start(), match.end()))
            continue
        day, precision = resolved
        event = EventDate(_value(day, precision), precision, match.group(), match.start(), match.end(), rule.relative)
        found.append(event)
        anchor = event
    return found


_TENSES = frozenset(_words("present past present_perfect past_perfect future modal"))


def _story_order(found: EventDate) -> tuple[date, int]:
    """Calendar order of stated dates; on the same first day the finer one ("on Monday", "this week")."""
    return found.first_day or date.min, -_RANK[found.precision]


class Timeline:
    """The time a story has reached, as it is read sentence by sentence.

    Undated events inherit it and "the following year" or "two days later" count from it. It is the
    latest date the narration has stated, by the calendar rather than by the order of the words: a
    flashback ("a war that Persia had started in 1826") or an aside ("the last such attack, in 1987")
    does not take the story back in time. Dates after publication are plans, never the story's time.
    The paragraph's time is kept apart from the document's, because a reaction in a paragraph that
    gives no date belongs to the day the story narrates, not to the previous paragraph's aside.

    Dates that name a thing rather than narrate ("the 2015 agreement", "talks that began on Monday")
    are noted with `narrates=False`: "that year" or "a year later" may count from them, but an
    undated event does not inherit them.
    """

    def __init__(self, published: date | None) -> None:
        self.published = published
        self.paragraph: EventDate | None = None
        self.document: EventDate | None = None
        self._mentioned: EventDate | None = None

    def new_paragraph(self) -> None:
        self.paragraph = self._mentioned = None

    @property
    def anchor(self) -> EventDate | None:
        """What relative expressions count from: the paragraph's latest date, else the story's time."""
        return self._mentioned or self.document

    def note(self, found: EventDate, *, narrates: bool = True) -> None:
        """Take in a date the text has just stated; the story's time moves only forward."""
        first = found.first_day
        if first is None or (self.published is not None and first > self.published):
            return
        self._mentioned = _later(self._mentioned, found)
        if narrates:
            self.paragraph = _later(self.paragraph, found)
            self.document = _later(self.document, found)


def _later(current: EventDate | None, found: EventDate) -> EventDate:
    """The later of two stated dates by the calendar; on the same first day the finer ("on Monday")."""
    if current is None or _story_order(found) >= _story_order(current):
        return found
    return current


def _stated(dates: list[EventDate]) -> EventDate | None:
    """The first date the text places, else the first it states but cannot place, else None.

    An unplaceable expression ("after days of haggling") still means the text said when: it wins over
    anything inherited, but not over a placeable date next to it ("after weeks of talks, on Monday").
    """
    return next((found for found in dates if found.value is not None), dates[0] if dates else None)


def ahead(found: EventDate, published: date | None) -> EventDate:
    """A yearless month or day read as past ("in mid-August", "on 3 March") for an event still to come:
    the next such month or day after publication. Dates that state their year stay as written."""
    if (published is None or found.value is None or found.precision not in ("day", "month")
            or re.search(r"\b\d{4}\b", found.text) or found.last_day is None or found.last_day >= published):
        return found
    year, rest = found.value.split("-", 1)
    moved = replace(found, value=f"{int(year) + 1}-{rest}")
    try:
        moved.first_day  # noqa: B018 - 29 February has no next year
    except ValueError:
        return found
    return moved


def choose_date(
    clause: list[EventDate],
    sentence: list[EventDate],
    paragraph_latest: EventDate | None,
    published: date | None,
    tense: str,
    *,
    document_latest: EventDate | None = None,
    negated: bool = False,
    referred: list[EventDate] | None = None,
) -> EventDate:
    """The event's date: clause first, then sentence, then what the story has narrated, by tense.

    In plain words:
    1. A date stated in the event's own clause wins, then the first one elsewhere in the sentence (even
       an unresolved one: the text said when, we just could not place it). Future and modal events
       ("will", "could") take only their own clause's: in "Carter froze the deposits yesterday after
       Tehran said it would withdraw its funds", yesterday is not when the funds are withdrawn. So do
       present ones ("Saudi officials complain that ...: the talks had run since March").
    2. With no date in the sentence, these have no time of their own and stay unknown: an event the text
       says did not happen ("which he did not consult"); present-perfect events ("has agreed", "have
       accused"), which happened at some time up to now that the text does not say; future and modal
       events ("will", "could"), which have not happened.
    3. Past-perfect events ("had signed") happened before the story's time, and present events ("buys",
       "say no one will be freed") are habits or standing positions: only a date stated earlier in the
       paragraph can place them.
    4. Simple-past events take the paragraph's date, else the date the story has reached in earlier
       paragraphs, else the publication day: news narrates the day's events in the simple past, and
       a reaction told a paragraph later ("Netanyahu condemned the accord") belongs to that day. When
       the story has reached only the past (a history, or background before the news), an undated
       paragraph is historical narration without a date: unknown, neither the old date nor today.
    5. A date taken from outside the clause never puts the act before a thing its clause names by date
       (`referred`): "... since 2015, and Riyadh blamed Iran for a 2019 attack" is 2019 at the earliest.
    A carried date keeps its precision and text and is marked relative; one with no value counts as
    absent. `paragraph_latest` and `document_latest` are a Timeline's `paragraph` and `document`.
    """
    if tense not in _TENSES:
        raise ValueError(f"unknown tense {tense!r}")
    own = _stated(clause)
    if own is not None:
        return own
    inherited = _inherited(sentence, paragraph_latest, document_latest, published, tense, negated)
    return _not_before(inherited, referred or [], published)


def _inherited(sentence: list[EventDate], paragraph_latest: EventDate | None, document_latest: EventDate | None,
               published: date | None, tense: str, negated: bool) -> EventDate:
    """Steps 1 to 4 of `choose_date` for an event whose own clause states no date."""
    undone = tense in ("future", "modal")
    # a standing position ("Saudi officials complain that ...: talks had run since March") is not dated
    # by another clause's date any more than a plan is
    stated = None if undone or tense == "present" else _stated(sentence)
    if stated is not None:
        return stated
    if negated or undone or tense == "present_perfect":
        return UNKNOWN
    paragraph, document = (
        replace(found, relative=True) if found is not None and found.value is not None else None
        for found in (paragraph_latest, document_latest)
    )
    if tense != "past" or paragraph:
        return paragraph or UNKNOWN
    if document:
        return UNKNOWN if is_historical(document, published) else document
    return EventDate(published.isoformat(), "day", relative=True) if published else UNKNOWN


def _not_before(chosen: EventDate, referred: list[EventDate], published: date | None) -> EventDate:
    """`chosen`, unless it ends before the latest dated thing the act refers to (plans excluded)."""
    floors = [found for found in referred
              if found.first_day is not None and (published is None or found.first_day <= published)]
    if chosen.last_day is None or not floors:
        return chosen
    floor = max(floors, key=_story_order)
    return floor if floor.first_day is not None and chosen.last_day < floor.first_day else chosen


def is_historical(when: EventDate, published: date | None) -> bool:
    """True when the event is more than a year older than the publication.

    The whole period must lie more than a year back, so "last year" in a June report is not historical
    while "in 2010" is.
    """
    last = when.last_day
    if last is None or published is None:
        return False
    return last < _shift_years(published, -1)


# ---------------------------------------------------------------------------------------------------
# Publication dates from metadata

_META_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_META_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_META_YEAR = r"(?P<year>\d{4})(?!\d)"
_META_DMY = re.compile(rf"(?<!\d){_META_DAY}\s+(?:of\s+)?{_META_MONTH},?\s+{_META_YEAR}", re.IGNORECASE)
_META_MDY = re.compile(rf"\b{_META_MONTH}\s+{_META_DAY},?\s+{_META_YEAR}", re.IGNORECASE)
_META_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)")
_META_AGO = re.compile(
    r"\b(?P<count>\d{1,3}|an?|" + _NUMBER + r")\s*"
    r"(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d)\s+ago\b",
    re.IGNORECASE,
)
_META_NAMED = re.compile(r"\b(?P<word>yesterday|today|just\s+now)\b", re.IGNORECASE)
_META_DM = re.compile(rf"(?<!\d){_META_DAY}\s+(?:of\s+)?{_META_MONTH}(?!\w)", re.IGNORECASE)
_META_MD = re.compile(rf"\b{_META_MONTH}\s+{_META_DAY}(?!\d)", re.IGNORECASE)


def _meta_absolute(text: str) -> date | None:
    """The first ISO or written day-month-year date in the text; None if absent or impossible."""
    iso = _META_ISO.search(text)
    if iso:
        try:
            return date(int(iso["year"]), int(iso["month"]), int(iso["day"]))
        except ValueError:
            return None
    written = [found for found in (_META_DMY.search(text), _META_MDY.search(text)) if found]
    if not written:
        return None
    first = min(written, key=lambda found: found.start())
    try:
        return date(int(first["year"]), _MONTHS[first["month"].lower()], int(first["day"]))
    except ValueError:
        return None


def _meta_relative(text: str, retrieved: datetime | None) -> date | None:
    """ "11 hours ago", "yesterday": only meaningful against the moment the page was fetched.

    Weeks, months and years ago are refused: such headers are rounded too coarsely to give a day.
    """
    if retrieved is None:
        return None
    ago = _META_AGO.search(text)
    if ago:
        count = _number(ago["count"])
        unit = ago["unit"].lower()
        if unit.startswith("d"):
            return (retrieved - timedelta(days=count)).date()
        if unit.startswith("h"):
            return (retrieved - timedelta(hours=count)).date()
        if unit.startswith("m"):
            return (retrieved - timedelta(minutes=count)).date()
        return (retrieved - timedelta(seconds=count)).date()
    named = _META_NAMED.search(text)
    if named:
        return retrieved.date() - timedelta(days=1 if named["word"].lower() == "yesterday" else 0)
    return _meta_day_month(text, retrieved.date())


def _meta_day_month(text: str, retrieved: date) -> date | None:
    """ "Nov. 24" with no year: the latest 24 November not after the fetch (allowing for time zones)."""
    written = [found for found in (_META_DM.search(text), _META_MD.search(text)) if found]
    if not written:
        return None
    found = min(written, key=lambda match: match.start())
    month = _MONTHS[found["month"].lower()]
    for year in (retrieved.year + 1, retrieved.year, retrieved.year - 1):
        try:
            candidate = date(year, month, int(found["day"]))
        except ValueError:
            continue
        if candidate <= retrieved + timedelta(days=2):
            return candidate
    return None


def parse_published(value: str | None, retrieved: datetime | None = None) -> date | None:
    """Publication date from metadata text; None when unknown or absurd. Never invents.

    Understands ISO dates and timestamps (the date as written, without converting time zones), "4
    December 2013", "December 4, 2013", "Dec. 4, 2013", RFC 2822 feed dates, and relative headers ("11
    hours ago", "2 days ago", "yesterday") resolved against `retrieved`. A date before 1800, or more than
    two days after `retrieved` (today when not given), is a parsing accident, not a publication date.
    """
    if not value or not value.strip():
        return None
    found = _meta_absolute(value) or _meta_relative(value, retrieved)
    if found is None:
        return None
    ceiling = (retrieved.date() if retrieved else date.today()) + timedelta(days=2)
    if found.year < 1800 or found > ceiling:
        return None
    return found


# A dateline opens a news story's first paragraph (under a headline, perhaps): a place in capitals,
# perhaps an agency, a comma, the date, perhaps the agency, then a dash. "TEHRAN, Nov. 24 --",
# "LONDON, 3 March 2024 -", "BEIJING, March 11 (Reuters) -".
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’ -]*[A-Z.](?:\s*/\s*[A-Z][A-Z.'’ -]*[A-Z.])*(?:\s*\([^()\n]{1,40}\))?\s*,\s*"
    r"(?P<when>[^\n()—–]{3,40}?)\s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|-{1,2})\s",
    re.MULTILINE,
)
_DATELINE_REACH = 400  # characters from the start: a headline and a byline may come first


def published_from_dateline(text: str, retrieved: datetime | None = None) -> date | None:
    """The publication date a story's dateline states, read as metadata; None when there is none.

    Only the dateline's own shape counts (capitals, comma, date, dash, starting one of the first lines),
    so a first sentence such as "On 24 November 2013 - the day the deal was struck - ..." is never
    mistaken for one. The date is read by `parse_published`; a dateline without a year ("TEHRAN, Nov.
    24 --") can only be placed against `retrieved`, the moment a page was fetched.
    """
    found = _DATELINE.search(text, 0, _DATELINE_REACH)
    return parse_published(found["when"], retrieved) if found else None
