"""Pictures: the files are real images that show what they claim (bars, ties and blocs in their colours)."""

from __future__ import annotations

import click
import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib.colors import to_rgb
from matplotlib.image import imread

from realpolitik.analysis.commands import COMMANDS
from realpolitik.plot import CONFLICT, COOPERATION, plot_dyad, plot_network
from tests.test_analysis import world

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def crisis(tmp_path_factory):
    with world(tmp_path_factory.mktemp("plot") / "world.db") as opened:
        yield opened


def pixels(path) -> np.ndarray:
    """The image as an (height, width, 3) array of 0-255 RGB values."""
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    image = imread(path)
    return np.round(image[..., :3] * 255).astype(int)


def share(image: np.ndarray, colour: str, alpha: float = 1.0, tolerance: int = 10) -> float:
    """The share of pixels drawn in ``colour`` (blended over white at ``alpha``)."""
    target = np.array([round((alpha * c + (1 - alpha)) * 255) for c in to_rgb(colour)])
    return float((np.abs(image - target).max(axis=2) <= tolerance).mean())


def test_dyad_plot_draws_conflict_bars_and_counts(crisis, tmp_path):
    path = plot_dyad(crisis, "IRN", "ISR", tmp_path / "dyad.png")
    image = pixels(path)
    height, width, _ = image.shape
    assert height > 400 and width > 400
    assert len(np.unique(image.reshape(-1, 3), axis=0)) > 50  # text, axes and bars, not a blank canvas
    assert share(image, CONFLICT) > 0.05
    assert share(image, COOPERATION) < 0.001  # Iran and Israel only fought


def test_dyad_plot_of_allies_is_green(crisis, tmp_path):
    image = pixels(plot_dyad(crisis, "ISR", "USA", tmp_path / "allies.png", period="year"))
    assert share(image, COOPERATION) > 0.03
    assert share(image, CONFLICT) < 0.001


def test_network_plot_shows_both_kinds_of_tie_and_both_blocs(crisis, tmp_path):
    image = pixels(plot_network(crisis, tmp_path / "network.png"))
    assert share(image, COOPERATION, alpha=0.75) > 0.001
    assert share(image, CONFLICT, alpha=0.75) > 0.001
    assert share(image, "#1f77b4") > 0.001 and share(image, "#ff7f0e") > 0.001  # bloc 1 and bloc 2 nodes


def test_plots_refuse_to_draw_nothing(crisis, tmp_path):
    with pytest.raises(ValueError, match="no dated factual events"):
        plot_dyad(crisis, "SYR", "UKR", tmp_path / "none.png")
    with pytest.raises(ValueError, match="no actor pairs"):
        plot_network(crisis, tmp_path / "none.png", min_events=99)


def test_plot_commands_write_the_files(crisis, tmp_path):
    group = click.Group("realpolitik")
    for command in COMMANDS:
        group.add_command(command)
    runner = CliRunner()
    dyad = tmp_path / "out" / "usa-irn.png"
    result = runner.invoke(group, ["plot", "dyad", "IRN", "ISR", "--out", str(dyad), "--db", str(crisis.path)])
    assert result.exit_code == 0, result.output
    assert pixels(dyad).shape[0] > 400
    vector = tmp_path / "network.svg"
    result = runner.invoke(group, ["plot", "network", "--out", str(vector), "--db", str(crisis.path)])
    assert result.exit_code == 0, result.output
    assert "<svg" in vector.read_text(encoding="utf-8")[:500]
    result = runner.invoke(group, ["plot", "dyad", "SYR", "UKR", "--out", str(dyad), "--db", str(crisis.path)])
    assert result.exit_code != 0 and "no dated factual events" in result.output
