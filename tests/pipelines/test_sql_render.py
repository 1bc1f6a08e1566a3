"""`creditwh sql render` writes, per model, the statements a whole build runs, ready to read and to run."""

import duckdb
from click.testing import CliRunner

from pipelines.cli import main
from tests.support.scenario import MODEL_KEYS


def test_every_model_is_rendered_with_nothing_left_to_fill(tmp_path):
    result = CliRunner().invoke(main, ["sql", "render", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rendered = {p.stem: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.sql")}
    assert set(rendered) == {".".join(key.path) for key in MODEL_KEYS}
    for name, text in rendered.items():
        assert "{{" not in text, name
        assert duckdb.connect().extract_statements(text), name  # DuckDB parses it
    assert "create or replace table marts.credit_standing_history as" in rendered["marts.credit_standing_history"]
