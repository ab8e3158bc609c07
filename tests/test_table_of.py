"""table_of: the typed way to the Core table behind each stored model (claims/store/models.py)."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import NoInspectionAvailable
from sqlmodel import SQLModel

from claims.store import models
from claims.store.models import table_of

_MODELS = [
    models.Story,
    models.Article,
    models.StoryTerm,
    models.StoryTermCount,
    models.StoryPin,
    models.ClaimRecord,
    models.Discrepancy,
    models.DiscrepancyPart,
    models.Review,
]


@pytest.mark.parametrize("model", _MODELS, ids=lambda model: model.__name__)
def test_the_table_is_the_one_the_model_maps(model):
    table = table_of(model)
    assert table is model.__table__
    assert table.name == model.__tablename__


def test_a_model_without_a_table_has_none_to_give():
    class Plain(SQLModel):
        name: str

    with pytest.raises(NoInspectionAvailable):
        table_of(Plain)
