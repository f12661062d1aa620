"""The studio: a browser form (Decap CMS at `admin/` of the built site) where a mentor records
or uploads a pill and publishes it through the git host, without git or YAML.

`options` reads the `studio:` options of mkdocs.yml, `config` derives the form from the
content model, `vendor` fetches Decap from npm, `site` writes `admin/`. The browser side is
in `assets/studio/`.
"""
