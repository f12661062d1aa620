"""A file whose content Pillole makes (feeds, browser scripts, the studio's files), written
over the previous site's file in place (overwrite.py) instead of truncated first, as MkDocs
writes a generated file: at 10,000 pills a thousand feeds are written after the pages, on
one core."""

from __future__ import annotations

from mkdocs.structure.files import File

from ..overwrite import write_over


class WrittenFile(File):
    def copy_file(self, dirty: bool = False) -> None:
        if self.abs_src_path is not None:  # a copy of a file, not content
            super().copy_file(dirty)
            return
        write_over(self.content_bytes, self.abs_dest_path)
