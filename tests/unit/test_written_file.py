"""WrittenFile: content Pillole makes, written over the previous site's file in place."""

from __future__ import annotations

from pathlib import Path

from pillole.mkdocs_plugin.written_file import WrittenFile


def _made(tmp_path: Path, src: str, *, content: str | None = None, source: Path | None = None) -> WrittenFile:
    """A file Pillole adds to the site at `tmp_path`/site, as the plugin does (File.generated)."""
    file = WrittenFile(src, src_dir=None, dest_dir=str(tmp_path / "site"), use_directory_urls=False)
    if content is not None:
        file.content_string = content
    else:
        file.abs_src_path = str(source)
    return file


def test_content_is_written_over_the_previous_file(tmp_path: Path) -> None:
    feed = tmp_path / "site" / "feed" / "tutte.xml"
    feed.parent.mkdir(parents=True)
    feed.write_text("<feed>an older and longer feed</feed>", encoding="utf-8")
    inode = feed.stat().st_ino
    _made(tmp_path, "feed/tutte.xml", content="<feed>nuovo</feed>").copy_file()
    assert feed.read_text(encoding="utf-8") == "<feed>nuovo</feed>"
    assert feed.stat().st_ino == inode


def test_a_link_in_the_site_is_not_followed(tmp_path: Path) -> None:
    """MkDocs' own writing of generated content would write through it."""
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "core.js").symlink_to(outside)
    _made(tmp_path, "core.js", content="var a;").copy_file()
    assert outside.read_text(encoding="utf-8") == "not the site's"
    assert (tmp_path / "site" / "core.js").read_text(encoding="utf-8") == "var a;"


def test_a_copy_of_a_file_is_still_a_copy(tmp_path: Path) -> None:
    source = tmp_path / "logo.svg"
    source.write_text("<svg/>", encoding="utf-8")
    _made(tmp_path, "img/logo.svg", source=source).copy_file()
    assert (tmp_path / "site" / "img" / "logo.svg").read_text(encoding="utf-8") == "<svg/>"
