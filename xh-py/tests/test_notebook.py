"""examples/quickstart.ipynb runs in a real Jupyter kernel without errors or
warnings and produces the HTML tables (catalog and assessment among them)
and the charts as PNG images."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import REPO

NOTEBOOK = REPO / "examples" / "quickstart.ipynb"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_quickstart_notebook_executes() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, errors
    data = [o.get("data", {}) for o in outputs]
    assert any("<table" in d.get("text/html", "") for d in data), "no HTML table"
    assert any("image/png" in d for d in data), "no PNG image"
    assert any("xuhui-assessment" in d.get("text/html", "") for d in data), "no assessment table"
    text = "".join(o.get("text", "") for o in outputs)
    assert "PriceBasisMismatchError" in text and "insufficient_data" in text
    # No warnings (a missing CJK font shows as dozens of "Glyph ... missing").
    stderr = [o.get("text", "") for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    assert not stderr, stderr
    assert sum("image/png" in d for d in data) >= 3, "fewer charts than cells that draw"
    assert any("xuhui-catalog" in d.get("text/html", "") for d in data), "no catalog table"
