"""Seeded delivery histories for the replay test (issue 21): what a district's units send over a few months, with
the awkward parts real deliveries have. Each history is a list of (delivery day, source, row).

- records delivered weeks after their decision (late deliveries);
- records delivered again under the same document number, corrected (re-deliveries);
- objections accepted and delivered later, some closed with 撤销 (revoked) or 更正 (corrected);
- repairs approved after the minimum period;
- upstream list entries, and exits delivered later;
- procurement awards and subsidy applications, screened on their check date or deadline.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from creditwh.sample.builders import as_person, clean, penalty, person_id, serious_penalty, uscc

START = date(2026, 3, 2)
END = date(2026, 8, 31)


@dataclass
class History:
    seed: int
    deliveries: list[tuple[date, str, dict]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # every subject's code, as staff would type it

    def deliver(self, day: date, source: str, row: dict) -> None:
        self.deliveries.append((min(day, END), source, row))

    def up_to(self, day: date) -> list[tuple[date, str, dict]]:
        return [d for d in self.deliveries if d[0] <= day]


def _day(rng: random.Random, start: date = START, end: date = END) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _later(rng: random.Random, day: date, most: int) -> date:
    return day + timedelta(days=rng.randrange(1, most + 1))


def generate(seed: int, companies: int = 6, persons: int = 2, records: int = 14) -> History:
    rng = random.Random(seed)
    history = History(seed)
    subjects: list[dict] = []
    for i in range(companies):
        code = uscc("91", "350102", f"M{seed % 100:02d}{i:02d}X{rng.randrange(10)}{rng.choice('ABCDEFGH')}")
        subjects.append(
            {"uscc": code, "subject_name": f"福州市鼓楼区回放{seed}-{i}有限公司", "subject_type": "法人及非法人组织"}
        )
        history.codes.append(code)
    for i in range(persons):
        id_no = person_id(
            "350102", f"19{70 + i}0{rng.randrange(1, 10)}1{rng.randrange(10)}", f"{seed % 10}{i}{rng.randrange(10)}"
        )
        subjects.append({**as_person(id_no, f"回放{seed}某{i}"), "uscc": ""})
        history.codes.append(id_no)

    for n in range(records):
        who = rng.choice(subjects)
        decided = _day(rng, START, END - timedelta(days=30))
        doc_no = f"榕鼓财罚〔2026〕R{seed}-{n}号"
        kind = rng.choice(["serious", "serious", "general", "general", "minor"])
        common = {
            **who,
            "decision_doc_no": doc_no,
            "decision_date": decided.isoformat(),
            "penalty_valid_to": (decided + timedelta(days=730)).isoformat(),
        }
        if kind == "serious":
            row = serious_penalty(**common)
        elif kind == "general":
            row = penalty(**common, penalty_content="罚款人民币5万元", fine_10k_yuan="5")
        else:
            row = penalty(**common)
        delivered = _later(rng, decided, 40 if rng.random() < 0.3 else 5)  # some weeks late
        history.deliver(delivered, "penalties", row)
        if rng.random() < 0.3:  # delivered again, corrected to another severity
            corrected = serious_penalty(**common) if kind != "serious" else penalty(**common, fine_10k_yuan="5")
            history.deliver(_later(rng, delivered, 30), "penalties", corrected)
        if rng.random() < 0.35:  # an objection, accepted on one day and delivered a few days later
            accepted = _later(rng, delivered, 20)
            case = clean(
                "objections",
                **{k: who[k] for k in ("uscc", "subject_name")},
                case_no=f"YY-R{seed}-{n}",
                record_doc_no=doc_no,
                accepted_on=accepted.isoformat(),
            )
            if who["uscc"] == "":
                case["person_id_no"] = who["person_id_no"]
            history.deliver(_later(rng, accepted, 6), "objections", case)
            if rng.random() < 0.7:
                closed = _later(rng, accepted, 25)
                verdict = rng.choice(["撤销", "更正", "维持"])
                extra = {"correction": "penalty_categories=警告"} if verdict == "更正" else {}
                history.deliver(
                    _later(rng, closed, 8),
                    "objections",
                    {**case, "verdict": verdict, "closed_on": closed.isoformat(), **extra},
                )
        elif kind != "minor" and rng.random() < 0.3:  # a repair, approved after the minimum period
            repaired = decided + timedelta(days=rng.choice([100, 200]))
            if repaired < END:
                case = clean(
                    "repairs",
                    **{k: who[k] for k in ("uscc", "subject_name")},
                    case_no=f"XF-R{seed}-{n}",
                    record_doc_no=doc_no,
                    applied_on=(repaired - timedelta(days=5)).isoformat(),
                    decided_on=repaired.isoformat(),
                    decision="同意",
                )
                if who["uscc"] == "":
                    case["person_id_no"] = who["person_id_no"]
                history.deliver(_later(rng, repaired, 10), "repairs", case)

    companies_only = [s for s in subjects if s["uscc"]]
    for n in range(3):  # upstream entries: a court's black list, a red list
        who = rng.choice(companies_only)
        listed = _day(rng, START, END - timedelta(days=40))
        punish = n < 2
        entry = clean(
            "upstream_lists",
            uscc=who["uscc"],
            subject_name=who["subject_name"],
            decision_doc_no=f"（2026）闽0102执R{seed}{n}号",
            listed_on=listed.isoformat(),
            valid_until="",
            list_type="失信被执行人" if punish else "守信激励对象",
            kind="惩戒" if punish else "激励",
        )
        delivered = _later(rng, listed, 10)
        history.deliver(delivered, "upstream_lists", entry)
        if rng.random() < 0.6:
            removed = _later(rng, delivered, 50)
            history.deliver(
                _later(rng, removed, 15),
                "upstream_lists",
                {**entry, "removed_on": removed.isoformat(), "removal_reason": "已履行"},
            )

    for n in range(6):  # awards: screened on the credit-check date, delivered after the award
        who = rng.choice(companies_only)
        checked = _day(rng, START + timedelta(days=20), END - timedelta(days=20))
        award = clean(
            "procurement",
            supplier_uscc=who["uscc"],
            supplier_name=who["subject_name"],
            project_code=f"GLCZ-R{seed}-{n}",
            consortium_usccs="",
            credit_checked_on=checked.isoformat(),
            bid_deadline=(checked + timedelta(days=2)).isoformat(),
            award_date=(checked + timedelta(days=7)).isoformat(),
        )
        history.deliver(_later(rng, checked + timedelta(days=7), 5), "procurement", award)
    for n in range(3):  # subsidy applications, screened on the application date
        who = rng.choice(companies_only)
        applied = _day(rng, START + timedelta(days=20), END - timedelta(days=20))
        application = clean(
            "applications",
            uscc=who["uscc"],
            subject_name=who["subject_name"],
            application_no=f"SQ-R{seed}-{n}",
            applied_on=applied.isoformat(),
            decided_on=(applied + timedelta(days=10)).isoformat(),
        )
        history.deliver(_later(rng, applied + timedelta(days=10), 5), "applications", application)
    history.deliveries.sort(key=lambda d: (d[0], d[1]))
    return history
