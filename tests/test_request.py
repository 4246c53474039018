"""request.py: what a command, a council's record or a batch row gives, as one Request (pure)."""

import pytest

from ofsted_timeline.batch import BatchRow
from ofsted_timeline.errors import InputError
from ofsted_timeline.plan import parse_plan
from ofsted_timeline.request import day_request, over_record, receipt_request, row_request

from .conftest import d

# Barnet's record as a council keeps it: received Fri 7 Jul 2017 (Cover report 1.19), two visits.
RECORD = parse_plan(
    'authority = "Barnet"\nreceived = 2017-07-07\nframework = "sif-2017"\nprevious_inadequate = [2014-03-01]\n'
    "[dates]\nwsoa = 2017-10-13\nvisits = [2017-11-14, 2018-02-06]\n",
    "barnet.toml",
)


def test_the_record_alone():
    receipt = over_record(RECORD, None, {}, False, None, None, None)
    assert receipt.received == d("2017-07-07") and receipt.framework == "sif-2017" and receipt.authority == "Barnet"
    assert dict(receipt.actuals) == {"wsoa": d("2017-10-13"), "mv1": d("2017-11-14"), "mv2": d("2018-02-06")}
    assert receipt.previous_inadequate == (d("2014-03-01"),)


def test_values_given_replace_the_records():
    given = {"wsoa": d("2017-10-16"), "mv1": d("2017-11-21")}  # the visits given replace the record's two
    receipt = over_record(RECORD, d("2017-07-10"), given, True, [], "ilacs-2018", "Enfield")
    assert dict(receipt.actuals) == {"wsoa": d("2017-10-16"), "mv1": d("2017-11-21")}
    assert (receipt.received, receipt.framework, receipt.authority) == (d("2017-07-10"), "ilacs-2018", "Enfield")
    assert receipt.previous_inadequate == ()  # given as none: none


def test_a_date_given_keeps_the_records_visits():
    receipt = over_record(RECORD, None, {"apv-window": d("2017-08-21")}, False, None, None, None)
    assert set(receipt.actuals) == {"wsoa", "mv1", "mv2", "apv-window"}


def test_a_record_giving_a_visit_twice_is_refused():
    record = RECORD._replace(dates={"mv1": d("2017-11-14")})
    with pytest.raises(InputError, match="mv1 is given twice, also by visits"):
        over_record(record, None, {}, False, None, None, None)


def test_each_builder_carries_what_it_is_given(sif):
    receipt = over_record(RECORD, None, {}, False, None, None, None)
    request = receipt_request(receipt, sif, "why", d("2017-09-01"), None)
    assert (request.start, request.rule_set, request.as_of, request.framework_reason) == (
        d("2017-07-07"),
        sif,
        d("2017-09-01"),
        "why",
    )
    assert (request.authority, request.previous_inadequate, request.actuals) == (
        "Barnet",
        (d("2014-03-01"),),
        receipt.actuals,
    )
    visit = day_request(d("2017-11-14"), sif, "", d("2017-11-20"), None, ("first-visit",))
    assert (visit.start, visit.conditions, dict(visit.actuals)) == (d("2017-11-14"), ("first-visit",), {})
    row = BatchRow(4, "Barnet", d("2017-07-07"), None, {"wsoa": d("2017-10-13")}, (d("2017-11-14"),), ())
    from_row = row_request(row, sif, "", d("2017-12-01"), None)
    assert dict(from_row.actuals) == {"wsoa": d("2017-10-13"), "mv1": d("2017-11-14")}
    with pytest.raises(InputError, match="mv1 is given twice"):
        row_request(row._replace(dates={"mv1": d("2017-11-14")}), sif, "", d("2017-12-01"), None)
