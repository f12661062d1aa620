// Pillole's studio: Decap CMS with the configuration Pillole generated at build time
// (config.json), the formats that write files the way Pillole reads them, the checks of
// `pillole check` that can run in the browser, a preview in the site's own style and the
// recording widget. Decap's bundle (loaded before this module, with CMS_MANUAL_INIT set)
// provides window.CMS and the React helpers window.h and window.createClass.

import { listFormat, mappingFormat, pathFormat, pillFormat } from './formats.js';
import { registerRecorder } from './recorder.js';

const { CMS, h, createClass } = window;

/** Decap's id of a new entry, computed the way Decap computes it from the title (its
 *  `slug` options: ascii, accents removed, '-' for anything else). */
function slugFromTitle(title) {
  return String(title || '')
    .trim()
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/\./g, '-')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\-._~]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

const HTML_TAG = /<\s*\/?\s*[a-zA-Z][^>]*>/;

function customError(message) {
  return { error: { type: 'CUSTOM', message } };
}

/** A text field with the checks `pillole check` makes on titles and summaries. With
 *  `showId` (titles) it also shows the id the entry gets and refuses one already taken. */
function textWidget(data, { showId }) {
  const StringControl = CMS.getWidget('string').control;
  return createClass({
    isValid() {
      const value = String(this.props.value || '');
      const label = this.props.field.get('label');
      const max = this.props.field.get('max_length');
      if (HTML_TAG.test(value)) {
        return customError(`${label}: togli i tag HTML (${value.match(HTML_TAG)[0]}), scrivi solo testo`);
      }
      if (max && value.length > max) {
        return customError(`${label}: ${value.length} caratteri, al massimo ${max}: resta su una frase e `
          + 'sposta i dettagli nel testo');
      }
      if (showId && this.isNew()) {
        const id = slugFromTitle(value);
        if (value && !new RegExp(data.slug_pattern).test(id)) {
          return customError(`${label}: l'indirizzo «${id}» non è valido; usa lettere, cifre e spazi`);
        }
        if (this.takenIds().includes(id)) {
          return customError(`${label}: esiste già «${id}»; scegli un titolo diverso`);
        }
      }
      return true;
    },
    isNew() {
      return Boolean(this.props.entry && this.props.entry.get('newRecord'));
    },
    takenIds() {
      return this.props.collection.get('name') === 'percorsi' ? data.paths.concat(['index']) : data.pills;
    },
    render() {
      const input = h(StringControl, this.props);
      if (!showId || !this.isNew()) return input;
      const id = slugFromTitle(this.props.value);
      return h('div', null, input, h('p', { className: 'pillole-id', 'aria-live': 'polite' },
        id ? `Indirizzo: ${id}` : 'L\'indirizzo nasce dal titolo.'));
    },
  });
}

/** Checks across fields that no single widget can make; Decap shows the message and does
 *  not save. The wording names the field as the form labels it. */
function crossFieldProblems(entry) {
  const problems = [];
  const quizzes = [['Quiz', entry.quiz]];
  (entry.clips || []).forEach((clip, i) => quizzes.push([`Estratto ${i + 1}, quiz`, clip.quiz]));
  for (const [where, quiz] of quizzes) {
    (quiz || []).forEach((question, i) => {
      const answers = question.answers || [];
      if (answers.length && !answers.some((a) => a.correct)) {
        problems.push(`${where}, domanda ${i + 1}: segna almeno una risposta come giusta`);
      }
    });
  }
  const seconds = (text) => String(text).split(/:/).reduce((total, part) => total * 60 + Number(part.replace(',', '.')), 0);
  const chapters = entry.chapters || [];
  for (let i = 1; i < chapters.length; i += 1) {
    if (chapters[i].at && chapters[i - 1].at && seconds(chapters[i].at) <= seconds(chapters[i - 1].at)) {
      problems.push(`Capitoli: il capitolo ${i + 1} deve iniziare dopo il precedente`);
    }
  }
  if (chapters.length && entry.chapters_file) {
    problems.push('Capitoli: usa l\'elenco oppure il file, non tutti e due');
  }
  const trim = entry.trim || {};
  if (trim.start && trim.end && seconds(trim.end) <= seconds(trim.start)) {
    problems.push('Taglio: la fine deve venire dopo l\'inizio');
  }
  if (!entry.media && (chapters.length || entry.chapters_file || trim.start || trim.end || (entry.clips || []).length)) {
    problems.push('Capitoli, taglio ed estratti servono solo con una registrazione: aggiungila o toglili');
  }
  return problems;
}

function previewTemplate(data) {
  const names = (ids, table) => (ids || []).map((id) => table[id] || id).join(', ');
  return createClass({
    render() {
      const entry = this.props.entry.get('data').toJS();
      const media = entry.media ? this.props.getAsset(entry.media) : null;
      const url = media ? media.toString() : '';
      const audio = /\.(m4a|mp3|wav|ogg|opus|weba)$/i.test(entry.media || '');
      return h('article', { className: 'md-typeset pillole-preview' },
        h('h1', null, entry.title || 'Senza titolo'),
        entry.summary ? h('p', { className: 'pillole-summary' }, entry.summary) : null,
        h('p', { className: 'pillole-meta' }, [
          entry.mentor && entry.mentor.length ? `Di ${names(entry.mentor, data.people)}` : '',
          entry.audience && entry.audience.length ? `Per ${names(entry.audience, { ...data.teams, ...data.people })}` : '',
          entry.tags && entry.tags.length ? names(entry.tags, data.tags) : '',
        ].filter(Boolean).join(' · ')),
        url ? h(audio ? 'audio' : 'video', { src: url, controls: true, style: { width: '100%' } }) : null,
        this.props.widgetFor('body'),
        (entry.quiz || []).length
          ? h('section', null, h('h2', null, 'Quiz'), ...(entry.quiz || []).map((q, i) => h('div', { key: i },
            h('p', null, h('strong', null, q.question)),
            h('ul', null, ...(q.answers || []).map((a, j) => h('li', { key: j }, a.text, a.correct ? ' ✓' : ''))))))
          : null);
    },
  });
}

async function start() {
  const response = await fetch(new URL('config.json', import.meta.url));
  const { decap, pillole: data } = await response.json();
  const collections = Object.fromEntries(decap.collections.map((c) => [c.name, c]));
  CMS.registerCustomFormat('pillole-pill', 'md', pillFormat(collections.pillole.fields));
  CMS.registerCustomFormat('pillole-path', 'md', pathFormat(collections.percorsi.fields));
  CMS.registerCustomFormat('pillole-yaml', 'yml', mappingFormat(collections.persone.files[0].fields));
  CMS.registerCustomFormat('pillole-list', 'yml', listFormat(collections.tag.files[0].fields));
  CMS.registerWidget('pillole-title', textWidget(data, { showId: true }));
  CMS.registerWidget('pillole-text', textWidget(data, { showId: false }));
  registerRecorder(CMS, data);
  for (const style of data.preview_styles) CMS.registerPreviewStyle(new URL(`../${style}`, import.meta.url).href);
  CMS.registerPreviewStyle(new URL('studio.css', import.meta.url).href);
  CMS.registerPreviewTemplate('pillole', previewTemplate(data));
  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      if (entry.get('collection') !== 'pillole') return undefined;
      const problems = crossFieldProblems(entry.get('data').toJS());
      if (problems.length) throw new Error(problems.join('; '));
      return undefined;
    },
  });
  CMS.init({ config: decap });
}

start().catch((error) => {
  document.body.textContent = `Lo studio non è partito: ${error.message}`;
});
