"""Helpers of the studio tests: the studio's own scripts run by Node, and decap-server (the
local proxy of Decap CMS) started on loopback for a fixture site. Decap and decap-server come
from the npm registry through pillole.studio.vendor, into the repository's `.cache/`; without
node or npm these tests are skipped and say why."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from pillole.studio.options import StudioError
from pillole.studio.site import ASSETS
from pillole.studio.vendor import browser_assets, proxy_server
from support import REPO

CACHE = REPO / ".cache"


def need_node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (sudo apt-get install nodejs npm): the studio cannot be tested")
    return node


def vendor() -> Path:
    try:
        return browser_assets(CACHE)
    except StudioError as problem:
        pytest.skip(str(problem))


def formats_dir(tmp: Path) -> Path:
    """formats.js beside the yaml package, laid out as in the built admin/."""
    shutil.copyfile(ASSETS / "formats.js", tmp / "formats.js")
    shutil.copytree(vendor() / "yaml", tmp / "vendor" / "yaml")
    # An ES module, as the browser loads it: Debian 12's Node 18 does not guess it from the syntax.
    (tmp / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    return tmp


_RUNNER = """
import * as formats from './formats.js';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const jobs = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const out = jobs.map(({ format, fields, text, data }) => {
  const f = { pill: formats.pillFormat, path: formats.pathFormat, mapping: formats.mappingFormat,
              list: formats.listFormat }[format](fields);
  if (text !== undefined) {
    const read = f.fromFile(text);
    return { read, written: f.toFile(read) };
  }
  return { written: f.toFile(data) };
});
process.stdout.write(JSON.stringify(out));
"""


def run_formats(folder: Path, jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each job {format, fields, text | data} through formats.js: what the studio reads from
    `text` and writes back, or writes from the form's `data`."""
    script = folder / "run.mjs"
    script.write_text(_RUNNER, encoding="utf-8")
    done = subprocess.run([need_node(), str(script)], input=json.dumps(jobs), capture_output=True, text=True,
                          timeout=120, cwd=folder)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def decap_server(repo: Path, port: int, mode: str = "fs") -> Iterator[str]:
    """decap-server serving `repo` on 127.0.0.1:`port`; `mode` "fs" writes files in place,
    "git" commits them, each new entry on a branch until published."""
    try:
        script = proxy_server(CACHE)
    except StudioError as problem:
        pytest.skip(str(problem))
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(repo),
           "LOG_LEVEL": "info", "MODE": mode}
    log = repo.parent / f"decap-server-{port}.log"
    with log.open("w") as out:
        proc = subprocess.Popen([need_node(), str(script)], env=env, stdout=out, stderr=subprocess.STDOUT,
                                cwd=repo)
    try:
        deadline = time.monotonic() + 30
        while "listening" not in log.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"decap-server did not start: {log.read_text()}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
