"""Known facts, asked through the Python API over a built store (the product's own path)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from nonaligned.errors import NonalignedError, UnknownCountry

Rec = Any


def members(rec: Rec, bloc: str, on: str) -> set[str]:
    df = rec.members(bloc, on=on)
    return set(df.loc[df["status"] == "member", "iso3"].dropna())


def test_nam_120_members_at_baku_summit_with_palestine(rec: Rec) -> None:
    df = rec.members("NAM", on="2019-10-25")
    assert (df["status"] == "member").sum() == 120
    assert "PSE" in members(rec, "NAM", "2019-10-25")


def test_azerbaijan_joined_nam_in_2011(rec: Rec) -> None:
    nam = rec.memberships("AZE").query("bloc == 'NAM' and status == 'member'")
    assert len(nam) == 1
    assert nam.iloc[0]["start"].year == 2011
    assert "AZE" not in members(rec, "NAM", "2010-12-31")


def test_azerbaijan_chaired_nam_until_uganda(rec: Rec) -> None:
    ch = rec.chairs("NAM").reset_index(drop=True)
    i = ch.index[ch["iso3"] == "AZE"][0]
    aze = ch.loc[i]
    assert aze["start"] == pd.Timestamp(2019, 10, 25)
    assert aze["end"].year == 2024 and aze["end"].month == 1
    assert ch.loc[i + 1, "iso3"] == "UGA"
    assert ch.loc[i - 1, "iso3"] == "VEN"


def test_azerbaijan_outside_csto_and_a_pfp_partner(rec: Rec) -> None:
    for day in ("2000-01-01", "2010-06-01", "2024-01-01"):
        assert "AZE" not in set(rec.members("CSTO", on=day)["iso3"].dropna())
    pfp = rec.memberships("AZE", on="2024-01-01")
    assert "PFP" in set(pfp["bloc"])
    # the 1992 Tashkent treaty (CST) that Azerbaijan left in 1999 predates the CSTO organisation
    assert rec.memberships("AZE").query("bloc == 'CSTO'").empty
    left = rec.memberships("AZE").query("bloc == 'CST'")
    assert len(left) and left["end"].max().year == 1999


def test_nato_sizes(rec: Rec) -> None:
    assert len(members(rec, "NATO", "2024-06-01")) == 32
    assert len(members(rec, "NATO", "2020-06-01")) == 30
    assert len(members(rec, "NATO", "1949-12-31")) == 12


def test_country_forms_resolve_to_azerbaijan(rec: Rec) -> None:
    for q in ("Azerbaijan", "AZE", "AZ", 373, "Republic of Azerbaijan", "Azerbaijani"):
        assert rec.country(q).cow == 373, q


def test_unknown_country_suggests(rec: Rec) -> None:
    with pytest.raises(UnknownCountry) as err:
        rec.country("Azerbajan")
    assert "Azerbaijan" in err.value.suggestions


def test_votes_keep_absence_apart_from_abstention(rec: Rec) -> None:
    v = rec.votes("AZE")
    assert v["date"].min() >= pd.Timestamp(1992, 1, 1)
    assert {1, 2, 3} <= set(v["vote"])
    assert (v["vote"] == 8).sum() > 0, "Voeten's raw table records Azerbaijan's absences"
    assert set(v["vote_label"]) <= {"yes", "abstain", "no", "absent", "non-voting", "non-member"}


def test_years_without_votes_are_missing_not_zero(rec: Rec) -> None:
    counts = rec.vote_counts("AZE")
    assert counts["year"].min() >= 1992
    assert (counts["voted"] > 0).all()


def test_issue_filter(rec: Rec) -> None:
    hr = rec.rollcalls(since=2000, until=2010, issue="hr")
    assert len(hr) > 50 and (hr["hr"] == 1).all()


def test_cow_igo_members_and_limits(rec: Rec) -> None:
    bsec = rec.members("bsec", on="2010")
    assert "AZE" in set(bsec["iso3"])
    with pytest.raises(NonalignedError, match="ends in 2014"):
        rec.members("bsec", on="2020")


def test_alliance_spells_name_the_treaty(rec: Rec) -> None:
    sp = rec.alliance_spells("AZE")
    arm = sp[(sp["partner"] == "ARM") & sp["obligations"].str.contains("defense")]
    assert len(arm) and arm["first_year"].min() == 1993 and arm["last_year"].max() == 2018
    assert arm["treaty"].notna().all()
    assert (sp["source"] == "ATOP 5.1").all()
    # the note says why ATOP codes a defence obligation after Azerbaijan left the CST in 1999
    assert arm["note"].str.contains("1999 protocol").all()


def test_alliance_record_joins_atop_and_treaties_after_2018(rec: Rec) -> None:
    al = rec.alliance_record("Azerbaijan")
    assert set(al["source"]) == {"ATOP 5.1", "project treaty table"}
    atop = al[al["source"] == "ATOP 5.1"]
    assert (
        atop["last_year"].max() == 2018
        and atop["attribution"].isin(["documented", "inferred"]).all()
    )
    new = al[al["source"] == "project treaty table"].set_index("partner")
    assert new["first_year"].min() >= 2019
    assert "Shusha Declaration on Allied Relations" in new.loc["TUR", "treaty"]
    assert new.loc["TUR", "signed_date"] == pd.Timestamp(2021, 6, 15)
    assert new.loc["TUR", "obligations"].startswith("defense")
    assert "Declaration on Allied Interaction" in new.loc["RUS", "treaty"]
    assert new.loc["RUS", "signed_date"] == pd.Timestamp(2022, 2, 22)
    assert new["attribution"].isin(["sure", "unsure"]).all()
    # partner and source filters
    tur = rec.alliance_record("AZE", partner="Turkey", source="treaties")
    assert list(tur["partner"]) == ["TUR"]
    assert (rec.alliance_record("AZE", source="atop")["source"] == "ATOP 5.1").all()
    with pytest.raises(NonalignedError, match="alliance source"):
        rec.alliance_record("AZE", source="atop5")
    prk = rec.treaties("RUS", partner="PRK")
    assert prk.iloc[0]["in_force_date"] == pd.Timestamp(2024, 12, 4)


def test_published_idealpoints_are_a_yardstick(rec: Rec) -> None:
    ip = rec.idealpoints_published("USA")
    assert ip["year"].min() == 1946 and ip["year"].max() == 2024
    y2024 = rec.idealpoints_published().query("year == 2024").set_index("iso3")["idealpoint_fp"]
    assert y2024["USA"] > y2024["TUR"] > y2024["RUS"] > y2024["CHN"]


def test_versions_cover_all_tables(rec: Rec) -> None:
    v = rec.versions()
    assert {"votes", "states", "blocs", "alliances", "igos", "idealpoints_published"} <= set(
        v["name"]
    )
    assert (v["rows"] > 0).all()
