"""Load the demo content: every YAML file of corporate/demo/content/zh/, in file-name order."""

from pathlib import Path

import yaml

CONTENT_DIR = Path(__file__).resolve().parent / "content"
LIST_KEYS = ("pages", "news_categories", "news_articles")


def load_content(directory: Path | None = None) -> dict:
    directory = directory or CONTENT_DIR / "zh"
    content = {key: [] for key in LIST_KEYS}
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            if key in LIST_KEYS:
                content[key].extend(value)
            elif key in content:
                raise ValueError(f"{path.name}: {key!r} is already defined by an earlier file")
            else:
                content[key] = value
    return content
