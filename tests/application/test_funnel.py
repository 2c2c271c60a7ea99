from datetime import datetime

from api.application.funnel import normalise_status, pipeline_analytics


def d(day: int, month: int = 3) -> datetime:
    return datetime(2025, month, day, 9, 0)


ROWS = [
    # A: LinkedIn, applied -> interview -> offer -> accepted
    dict(
        status="accepted",
        source="LinkedIn",
        created_at=d(1),
        applied_at=d(3),
        interview_at=d(10),
        offer_at=d(20),
        decided_at=d(25),
    ),
    # B: LinkedIn, applied -> rejected after applying (a response)
    dict(
        status="rejected",
        source="LinkedIn",
        created_at=d(2),
        applied_at=d(4),
        status_history=[
            {"status": "applied", "at": "2025-03-04T09:00:00"},
            {"status": "rejected", "at": "2025-03-14T09:00:00"},
        ],
    ),
    # C: Referral, applied, no answer yet
    dict(status="applied", source="Referral", created_at=d(5), applied_at=d(11)),
    # D: Referral, interviewing (timestamps only in history)
    dict(
        status="interviewing",
        source="Referral",
        created_at="2025-03-06",
        status_history=[("applied", "2025-03-07"), ("interview", "2025-03-17")],
    ),
    # E: saved only
    dict(status="saved", source="Company site", created_at=d(8)),
    # F: Company site, offer, no decision yet
    dict(status="offer", source="Company site", created_at=d(1), applied_at=d(2), interview_at=d(6), offer_at=d(16)),
]


class TestPipelineAnalytics:
    def test_totals_and_funnel(self):
        # given six applications / when
        a = pipeline_analytics(ROWS)
        # then
        assert a.total == 6
        assert a.by_status == {"accepted": 1, "applied": 1, "interview": 1, "offer": 1, "rejected": 1, "saved": 1}
        assert [(f.stage, f.count, f.conversion_from_previous) for f in a.funnel] == [
            ("applied", 5, None),
            ("interview", 3, 60.0),
            ("offer", 2, 66.7),
            ("accepted", 1, 50.0),
        ]

    def test_response_rate_by_source(self):
        # given / when
        a = pipeline_analytics(ROWS)
        # then: LinkedIn 2/2 (accepted + rejected), Referral 1/2, Company site 1/1
        assert [(s.source, s.applied, s.responses, s.response_rate) for s in a.response_by_source] == [
            ("LinkedIn", 2, 2, 100.0),
            ("Referral", 2, 1, 50.0),
            ("Company site", 1, 1, 100.0),
        ]
        assert a.overall_response_rate == 80.0

    def test_per_iso_week(self):
        # given / when
        a = pipeline_analytics(ROWS)
        # then: applied 2025-03-02 (W09), 03 & 04 & 07 (W10), 11 (W11)
        assert a.per_week == {"2025-W09": 1, "2025-W10": 3, "2025-W11": 1}

    def test_average_days_in_stage(self):
        # given / when
        a = pipeline_analytics(ROWS)
        # then
        # saved:     A 2, B 2, C 6, D 1, F 1             -> 12/5 = 2.4
        # applied:   A 7, B 10 (to rejection), D 10, F 4 -> 31/4 = 7.75 -> 7.8
        # interview: A 10, F 10                          -> 10.0
        # offer:     A 5                                 -> 5.0
        assert a.avg_days_in_stage == {"saved": 2.4, "applied": 7.8, "interview": 10.0, "offer": 5.0}

    def test_rejected_without_trace_counts_as_applied_and_response(self):
        # given
        rows = [dict(status="rejected", source="Indeed"), dict(status="withdrawn", source="Indeed")]
        # when
        a = pipeline_analytics(rows)
        # then
        assert a.funnel[0].count == 2
        assert [(s.applied, s.responses) for s in a.response_by_source] == [(2, 1)]

    def test_empty_and_to_dict(self):
        # given / when
        a = pipeline_analytics([])
        # then
        assert a.total == 0 and a.funnel[1].conversion_from_previous is None
        assert a.to_dict()["avg_days_in_stage"] == {"saved": None, "applied": None, "interview": None, "offer": None}

    def test_status_aliases(self):
        # given / when / then
        assert normalise_status("Phone_Screen") == "interview"
        assert normalise_status("Hired") == "accepted"
        assert normalise_status(None) is None
