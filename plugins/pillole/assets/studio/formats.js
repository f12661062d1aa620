// How the studio reads and writes Pillole's files: YAML front-matter and registries.
//
// Decap's own YAML writer follows YAML 1.2, but Pillole reads files with PyYAML (YAML 1.1):
// a title "No" or a time 1:30 written unquoted would come back as a boolean or a number. So
// files are written here with the `yaml` package in 1.1 mode, which quotes exactly the
// values 1.1 would misread ("00:12", "yes", "2026-03-29" as text) and writes dates (the
// `date` and `review_by` keys) unquoted, as PyYAML expects. Reading also uses 1.1, so a
// value means in the form what it means in `pillole check`.
//
// The front-matter is split the way plugins/pillole/frontmatter.py splits it: a first line
// `---`, a closing line `---` or `...`, the body after it.

import YAML from './vendor/yaml/index.js';

const YAML_OPTIONS = { version: '1.1', lineWidth: 0 };
const DATE_KEYS = ['date', 'review_by'];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Dates read by YAML 1.1 become the form's 'YYYY-MM-DD' text (the date widget's format). */
function datesAsText(value) {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (Array.isArray(value)) return value.map(datesAsText);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, datesAsText(v)]));
  }
  return value;
}

/** Drop what a form leaves behind for fields nobody filled in: '', null, [], {} and
 *  `correct: false` (a wrong answer needs no flag). `pillole check` would reject an empty
 *  `review_by: ''` or `trim: {start: ''}`. */
function withoutEmpty(value, key) {
  if (Array.isArray(value)) {
    const items = value.map((item) => withoutEmpty(item)).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, withoutEmpty(v, k)])
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  if (key === 'correct' && value === false) return undefined;
  return value;
}

function parseYaml(text) {
  return datesAsText(YAML.parse(text, YAML_OPTIONS));
}

/** `value` with the keys of each mapping in the order of the form's fields (`fields`, as
 *  in the collection's configuration), so files read top to bottom like the form; keys the
 *  form does not know (MkDocs page options) follow. */
function inFieldOrder(value, fields) {
  if (Array.isArray(value)) return value.map((item) => inFieldOrder(item, fields));
  if (!fields || !value || typeof value !== 'object' || value instanceof Date) return value;
  const ordered = {};
  for (const field of fields) {
    if (field.name in value) ordered[field.name] = inFieldOrder(value[field.name], field.fields);
  }
  for (const key of Object.keys(value)) if (!(key in ordered)) ordered[key] = value[key];
  return ordered;
}

/** YAML text of a mapping, with `date`/`review_by` days written as dates (unquoted). */
function dumpYaml(data) {
  const copy = { ...data };
  for (const key of DATE_KEYS) {
    if (typeof copy[key] === 'string' && ISO_DAY.test(copy[key])) {
      const [y, m, d] = copy[key].split('-').map(Number);
      copy[key] = new Date(Date.UTC(y, m - 1, d));
    }
  }
  return YAML.stringify(copy, YAML_OPTIONS);
}

/** { front, body } of a Markdown file, split like Pillole's frontmatter.split_markdown. */
function splitMarkdown(text) {
  const lines = text.replace(/^\ufeff/, '').split('\n');
  if (lines[0].trimEnd() !== '---') return { front: {}, body: text };
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i].trimEnd();
    if (line === '---' || line === '...') {
      const front = parseYaml(lines.slice(1, i).join('\n')) || {};
      return { front, body: lines.slice(i + 1).join('\n') };
    }
  }
  throw new Error('il front-matter che inizia alla riga 1 non è mai chiuso da una riga ---');
}

function joinMarkdown(front, body, fields) {
  const text = (body || '').replace(/\s+$/, '');
  const yaml = front && Object.keys(front).length ? dumpYaml(inFieldOrder(front, fields)) : '';
  return `---\n${yaml}---\n${text ? `${text}\n` : ''}`;
}

const asList = (value) => (value === undefined || value === null || Array.isArray(value) ? value : [value]);

/** A pill's index.md. The form has a `chapters` list and a `chapters_file` file field: both
 *  are the front-matter key `chapters` (a list, or the name of a WebVTT file). */
export function pillFormat(fields) {
  return {
    fromFile(text) {
      const { front, body } = splitMarkdown(text);
      const data = { ...front, body };
      for (const key of ['mentor', 'audience', 'tags']) if (key in data) data[key] = asList(data[key]);
      if (typeof data.chapters === 'string') {
        data.chapters_file = data.chapters;
        delete data.chapters;
      }
      return data;
    },
    toFile(data) {
      const { body, chapters_file: chaptersFile, ...front } = data;
      const clean = withoutEmpty(front) || {};
      if (!clean.chapters && chaptersFile) clean.chapters = chaptersFile;
      return joinMarkdown(clean, body, fields);
    },
  };
}

/** A learning path. Its `steps` mix pill ids and `{section, steps}` groups, which a form
 *  cannot show as one list: the form has groups only, and steps outside any section are a
 *  group without a title. */
export function pathFormat(fields) {
  return {
    fromFile(text) {
      const { front, body } = splitMarkdown(text);
      const groups = [];
      for (const step of Array.isArray(front.steps) ? front.steps : []) {
        if (step && typeof step === 'object') {
          groups.push({ section: step.section, steps: asList(step.steps) || [] });
        } else if (groups.length && groups[groups.length - 1].section === undefined) {
          groups[groups.length - 1].steps.push(step);
        } else {
          groups.push({ section: undefined, steps: [step] });
        }
      }
      return { ...front, ...(groups.length ? { steps: groups } : {}), body };
    },
    toFile(data) {
      const { body, ...front } = data;
      const clean = withoutEmpty(front) || {};
      if (Array.isArray(clean.steps)) {
        clean.steps = clean.steps.flatMap((group) => (group.section
          ? [{ section: group.section, steps: group.steps || [] }]
          : group.steps || []));
      }
      return joinMarkdown(clean, body, fields);
    },
  };
}

/** The comment lines at the top of a registry (its explanation for people editing it by
 *  hand) are kept; other comments are not, since the studio writes the whole file anew. */
function headerComment(text) {
  const header = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    header.push(line);
  }
  return header.length ? `${header.join('\n')}\n` : '';
}

/** A registry written as a YAML mapping (people.yml: `teams:` and `people:`). */
export function mappingFormat(fields) {
  let header = '';
  return {
    fromFile(text) {
      header = headerComment(text);
      return parseYaml(text) || {};
    },
    toFile(data) {
      return header + dumpYaml(inFieldOrder(withoutEmpty(data) || {}, fields));
    },
  };
}

/** A registry written as a YAML list (tags.yml): the form needs a mapping, so the list is
 *  shown as the field `items`. */
export function listFormat(fields) {
  let header = '';
  return {
    fromFile(text) {
      header = headerComment(text);
      return { items: parseYaml(text) || [] };
    },
    toFile(data) {
      const items = inFieldOrder(withoutEmpty(data.items) || [], fields.find((f) => f.name === 'items').fields);
      return header + YAML.stringify(items, YAML_OPTIONS);
    },
  };
}
