"""The README's worked example of a detector is real: its detector and its test run here, as
they stand in the README."""

from __future__ import annotations

import re
import types
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _block(starting: str) -> str:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    (block,) = [b for b in blocks if b.startswith(starting)]
    return block


def test_the_worked_example_detector_passes_its_own_test():
    module = types.ModuleType("confidential")
    exec(_block('"""Text stamped CONFIDENTIAL'), module.__dict__)
    test_code = _block("from PIL import Image, ImageDraw, ImageFont").replace(
        "from my_package.confidential import ConfidentialDetector\n", "")
    namespace = {"ConfidentialDetector": module.ConfidentialDetector}
    exec(test_code, namespace)
    namespace["test_a_stamped_page_is_found_on_its_frame"]()
