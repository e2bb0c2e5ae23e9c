"""The README shows the workflow tables as they are in the code."""
from pathlib import Path

from vae.workflows.diagram import all_diagrams

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_embeds_the_current_diagrams():
    readme = README.read_text(encoding="utf-8")
    for name, diagram in all_diagrams().items():
        assert f"```mermaid\n{diagram}```" in readme, f"README diagram for {name} is out of date: run `make diagram` (it rewrites the README)"


def test_flask_vae_diagram_prints_two_mermaid_graphs(runner):
    result = runner.invoke(args=["vae", "diagram"])
    assert result.exit_code == 0
    assert result.output.count("stateDiagram-v2") == 2
