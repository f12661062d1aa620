"""Every content rule: raw YAML in, model objects and ContentErrors out.

`fields.py` holds the error reporter and the readers every kind of content shares; each kind
has its module with a table of its fields (one row per key: its reader, required or not) and
then the rules that involve several fields: `pill.py` (pills and their clips), `registries.py`
(people, teams, tags), `paths.py` (learning paths), `pages.py` (the page options MkDocs and the
theme read, the site's own pages). `body.py` bounds a Markdown text before Markdown runs.
`files.py` checks the files front-matter names, and is the only module here that reads files.
"""
