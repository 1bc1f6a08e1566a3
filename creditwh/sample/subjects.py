"""The pool of subjects (organisations, individual businesses, natural persons) that all records draw from.
A skewed (Zipf-like) draw makes a minority of subjects recur across licenses, penalties, awards and lists."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from creditwh.sample import catalog as cat
from creditwh.sample.codes import build_ids, build_uscc, random_org_bodies, to_bytes, to_str

# Organisation heads (registering authority + kind, GB 32100), their share, org-code style and name pattern.
# 91 enterprise, 52 private non-enterprise unit, 51 social group, 31 law firm (司法行政), 93 farmers' cooperative,
# N2 village collective (农业), Y1 other, A1 military (中央军委改革和编制办公室): letter-led codes exist and must validate.
_ORG_KINDS = (
    ("91", 0.86, None, None),
    ("52", 0.04, "MJ", ("福州市鼓楼区", ("培训学校", "幼儿园", "养老服务中心", "社会工作服务中心"))),
    ("51", 0.02, "MJ", ("福州市鼓楼区", ("商会", "行业协会", "志愿者协会"))),
    ("31", 0.02, "MD", ("福建", ("律师事务所",))),
    ("93", 0.01, "MA", ("福州市鼓楼区", ("农民专业合作社",))),
    ("N2", 0.02, "MF", ("福州市鼓楼区洪山镇", ("村股份经济合作社",))),
    ("Y1", 0.02, "MC", ("福州市鼓楼区", ("小区业主委员会",))),
    ("A1", 0.01, "digits", ("福州", ("军供服务站",))),
)
_KIND_SHARE = (0.55, 0.28, 0.17)  # organisations, individual businesses, natural persons


def pool_size(scale: float) -> int:
    # Grows slower than volume, so subjects recur more in larger runs, as in a real district.
    return int(1500 + 1500 * max(scale, 0.01) ** 0.8)


@dataclass
class SubjectPool:
    frame: pl.DataFrame  # one row per subject, index = subject id
    _cdf: dict[str, tuple[np.ndarray, np.ndarray]]

    def pick(self, rng: np.random.Generator, kinds: np.ndarray, ranking: str = "") -> np.ndarray:
        """Subject ids of the given kinds (0 organisation, 1 individual business, 2 natural person), drawn by the
        activity ranking (the default) or by another (`listed`)."""
        out = np.empty(len(kinds), dtype=np.int64)
        for k in range(3):
            mask = kinds == k
            out[mask] = self.draw(rng, f"{ranking}{k}", int(mask.sum()))
        return out

    def draw(self, rng: np.random.Generator, group: str, n: int) -> np.ndarray:
        ids, cdf = self._cdf[group]
        return ids[np.searchsorted(cdf, rng.random(n) * cdf[-1], side="right").clip(0, len(ids) - 1)]


def _names(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Chinese personal names and a male flag."""
    male = rng.random(n) < 0.55
    surname = np.array(list(cat.SURNAMES))[rng.integers(0, len(cat.SURNAMES), n)]
    pools = [np.array(list(cat.GIVEN_FEMALE)), np.array(list(cat.GIVEN_MALE))]
    first = np.where(male, pools[1][rng.integers(0, len(pools[1]), n)], pools[0][rng.integers(0, len(pools[0]), n)])
    second = np.where(male, pools[1][rng.integers(0, len(pools[1]), n)], pools[0][rng.integers(0, len(pools[0]), n)])
    two = rng.random(n) < 0.75
    return np.char.add(np.char.add(surname, first), np.where(two, second, "")), male


def _ids(rng: np.random.Generator, n: int, male: np.ndarray, born_from: str, born_to: str) -> np.ndarray:
    area = to_bytes(np.array(cat.ID_AREAS)[rng.integers(0, len(cat.ID_AREAS), n)], 6)
    lo, hi = np.datetime64(born_from), np.datetime64(born_to)
    birth = lo + rng.integers(0, int((hi - lo).astype(int)), n).astype("timedelta64[D]")
    seq = rng.integers(0, 500, n) * 2 + male  # GB 11643: odd sequence = male
    return to_str(build_ids(area, birth, seq))


def _trade(rng: np.random.Generator, n: int) -> np.ndarray:
    chars = np.array(list(cat.TRADE_CHARS))
    a, b = rng.integers(0, len(chars), n), rng.integers(0, len(chars) - 1, n)
    b = b + (b >= a)  # two different characters
    return np.char.add(chars[a], chars[b])


def _unique_first(names: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray | None:
    """Indices of the first n candidates whose name and code are both unseen; None if there are fewer."""
    first = (pl.Series(names).is_first_distinct() & pl.Series(codes).is_first_distinct()).to_numpy()
    keep = np.flatnonzero(first)
    return keep[:n] if len(keep) >= n else None


def _unique_names(rng: np.random.Generator, trade: np.ndarray, name_of, codes: np.ndarray, n: int) -> tuple:
    """(names, indices of n unique ones). A province-sized pool outgrows two-character trade names: only then is
    a third character added (so smaller pools, and their sample files, stay as they were)."""
    chars = np.array(list(cat.TRADE_CHARS))
    for _ in range(3):
        names = name_of(trade)
        keep = _unique_first(names, codes, n)
        if keep is not None:
            return names, keep
        trade = np.char.add(trade, chars[rng.integers(0, len(chars), len(trade))])
    raise RuntimeError("subject name space exhausted")


def build_pool(rng: np.random.Generator, scale: float) -> SubjectPool:
    total = pool_size(scale)
    n_org, n_ind = int(total * _KIND_SHARE[0]), int(total * _KIND_SHARE[1])
    n_per = total - n_org - n_ind

    # Organisations: draw 1.5x candidates and keep unique names and codes.
    m = int(n_org * 1.5) + 50
    kind_idx = rng.choice(len(_ORG_KINDS), m, p=[k[1] for k in _ORG_KINDS])
    heads = np.array([k[0] for k in _ORG_KINDS])[kind_idx]
    area_roll = rng.random(m)
    area = np.where(
        heads != "91",
        cat.AREA,
        np.where(
            area_roll < 0.8,
            cat.AREA,
            np.where(
                area_roll < 0.92, "350100", np.array(["350103", "350104", "350105", "350111"])[rng.integers(0, 4, m)]
            ),
        ),
    )
    bodies = np.empty((m, 8), dtype=np.uint8)
    digits_91 = (heads == "91") & (rng.random(m) < 0.35)  # pre-2015 companies keep their old numeric org code
    for k, (head, _, style, _) in enumerate(_ORG_KINDS):
        mask = kind_idx == k
        if head == "91":
            bodies[mask & digits_91] = random_org_bodies(rng, int((mask & digits_91).sum()), "digits")
            bodies[mask & ~digits_91] = random_org_bodies(rng, int((mask & ~digits_91).sum()), "MA")
        else:
            bodies[mask] = random_org_bodies(rng, int(mask.sum()), style)
    usccs = to_str(build_uscc(to_bytes(heads, 2), to_bytes(area, 6), bodies))
    trade = _trade(rng, m)
    industry = np.array(cat.INDUSTRIES)[rng.integers(0, len(cat.INDUSTRIES), m)]
    form = np.array(cat.COMPANY_FORMS)[rng.integers(0, len(cat.COMPANY_FORMS), m)]
    prefix = np.empty(m, dtype=object)
    for key, options in cat.COMPANY_PREFIXES.items():
        mask = (area == key) if key != "other" else ~np.isin(area, [cat.AREA, "350100"])
        prefix[mask] = np.array(options)[rng.integers(0, len(options), int(mask.sum()))]
    suffixes = {
        k: np.array(pattern[1])[rng.integers(0, len(pattern[1]), int((kind_idx == k).sum()))]
        for k, (_, _, _, pattern) in enumerate(_ORG_KINDS)
        if pattern
    }

    def org_names(trade: np.ndarray) -> np.ndarray:
        names = np.char.add(np.char.add(np.char.add(prefix.astype(str), trade), industry), form)
        for k, suffix in suffixes.items():
            mask = kind_idx == k
            names[mask] = np.char.add(np.char.add(_ORG_KINDS[k][3][0], trade[mask]), suffix)
        return names

    names, keep = _unique_names(rng, trade, org_names, usccs, n_org)
    org = pl.DataFrame(
        {
            "kind": np.zeros(n_org, dtype=np.int8),
            "name": names[keep],
            "uscc": usccs[keep],
            "is_company": heads[keep] == "91",
        }
    )

    # Individual businesses (个体工商户): codes start 92, names are shop names.
    m = int(n_ind * 1.5) + 50
    usccs = to_str(
        build_uscc(to_bytes(np.full(m, "92"), 2), to_bytes(np.full(m, cat.AREA), 6), random_org_bodies(rng, m, "MA"))
    )
    shop = np.array(cat.SHOP_KINDS)[rng.integers(0, len(cat.SHOP_KINDS), m)]
    prefix = np.where(rng.random(m) < 0.7, "福州市鼓楼区", "鼓楼区")
    names, keep = _unique_names(
        rng, _trade(rng, m), lambda trade: np.char.add(np.char.add(prefix, trade), shop), usccs, n_ind
    )
    ind = pl.DataFrame(
        {
            "kind": np.ones(n_ind, dtype=np.int8),
            "name": names[keep],
            "uscc": usccs[keep],
            "is_company": np.zeros(n_ind, dtype=bool),
        }
    )

    # Legal representatives (operators for individual businesses), born 1955-1998.
    n_rep = n_org + n_ind
    rep_names, male = _names(rng, n_rep)
    rep_ids = _ids(rng, n_rep, male, "1955-01-01", "1999-01-01")
    firms = pl.concat([org, ind]).with_columns(
        legal_rep=pl.Series(rep_names), legal_rep_id=pl.Series(rep_ids), person_id=pl.lit(None, pl.String)
    )

    # Natural persons, born 1950-2004; one in ten is also some firm's legal representative.
    per_names, male = _names(rng, n_per)
    per_ids = _ids(rng, n_per, male, "1950-01-01", "2005-01-01")
    is_rep = rng.random(n_per) < 0.1
    which = rng.integers(0, n_rep, n_per)
    per_names = np.where(is_rep, rep_names[which], per_names)
    per_ids = np.where(is_rep, rep_ids[which], per_ids)
    _, first = np.unique(per_ids, return_index=True)
    per = pl.DataFrame(
        {
            "kind": np.full(len(first), 2, dtype=np.int8),
            "name": per_names[np.sort(first)],
            "uscc": None,
            "is_company": False,
            "legal_rep": None,
            "legal_rep_id": None,
            "person_id": per_ids[np.sort(first)],
        },
        schema_overrides={"uscc": pl.String, "legal_rep": pl.String, "legal_rep_id": pl.String},
    )

    frame = pl.concat([firms, per], how="diagonal_relaxed").with_columns(
        subject_type=pl.col("kind").replace_strict(dict(enumerate(cat.SUBJECT_TYPES)), return_dtype=pl.String)
    )
    cdf = {}
    for group, mask in (
        ("0", frame["kind"] == 0),
        ("1", frame["kind"] == 1),
        ("2", frame["kind"] == 2),
        ("supplier", frame["is_company"]),
    ):
        ids = np.flatnonzero(mask.to_numpy())
        weights = 1.0 / (np.arange(len(ids)) + 5.0) ** 0.9  # pool order is random, so rank = position
        cdf[group] = (ids, np.cumsum(weights))
    # Upstream list entries follow a ranking of their own. Drawn by the activity ranking, the firms most often on
    # the departments' lists were also the busiest suppliers, and the trigger feedback (a row per list entry and
    # business of its subject) grew with the product of the two: about 10^8 rows at 10M, enough to fill a disk.
    # Being listed elsewhere and winning here are not that tied in a real district. Drawn last, so nothing else moves.
    for k in ("0", "1", "2"):
        ids = cdf[k][0]
        cdf[f"listed{k}"] = (rng.permutation(ids), cdf[k][1])
    return SubjectPool(frame, cdf)
