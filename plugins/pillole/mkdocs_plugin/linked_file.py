"""A site file published as a hard link to its source instead of a copy.

Why: the media cache holds every web-ready recording, and MkDocs copies each published file
into the site at every build: at 10,000 pills with a quarter recorded that is gigabytes
written per build (and again after every save under `mkdocs serve`). Cache entries are never
changed in place (an entry is written in a temporary folder, then renamed), so a link shows
the same bytes a copy would; pruning the cache later removes its name, not the site's. When
the site folder is on another file system, or links are refused, the file is copied.
"""

from __future__ import annotations

import os
import stat

from mkdocs.structure.files import File


class LinkedFile(File):
    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        if self.abs_src_path is None:
            return super().copy_file(dirty)
        output_path = self.abs_dest_path
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        try:
            if os.path.lexists(output_path):
                if is_link_to(output_path, self.abs_src_path):
                    return  # the previous build's link, kept (old_site.py)
                os.unlink(output_path)
            os.link(self.abs_src_path, output_path)
        except OSError:
            super().copy_file(dirty)


def is_link_to(path: str | os.PathLike[str], source: str) -> bool:
    """Whether `path` is a plain file that is `source` itself (a hard link to it)."""
    try:
        found = os.lstat(path)
        return stat.S_ISREG(found.st_mode) and os.path.samestat(found, os.stat(source))
    except OSError:
        return False
