// The demo page: a JSON editor driving <broadsheet-article>, the render options, the list of
// problems (each one selects its spot in the editor) and a view of the HTML produced. With a
// WordPress, ANS or Portable Text document in the editor, the package's server build (which holds
// the importers) makes the article, and its notes are listed like problems.
import './pkg/broadsheet-element.js';
import { renderArticle } from './pkg/broadsheet.js';

/** UI label sets for the "Labels language" control; English is the package's default. */
const LABELS = {
  en: {},
  es: {
    by: 'Por', and: 'y', updated: 'Actualizado', playVideo: 'Reproducir video: {title}', watchVideo: 'Ver en {site}',
    credit: 'Crédito:', source: 'Fuente', tags: 'Etiquetas', permalink: 'Enlace permanente', table: 'Tabla',
    date: '{day} de {month} de {year}',
    months: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre',
      'octubre', 'noviembre', 'diciembre'],
  },
  ar: {
    by: 'بقلم', and: 'و', updated: 'آخر تحديث', playVideo: 'تشغيل الفيديو: {title}', watchVideo: 'شاهد على {site}',
    credit: 'حقوق الصورة:', source: 'المصدر', tags: 'الوسوم', permalink: 'الرابط الدائم', table: 'جدول',
    date: '{day} {month} {year}',
    months: ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر',
      'أكتوبر', 'نوفمبر', 'ديسمبر'],
  },
};

const $ = (id) => document.getElementById(id);
const editor = $('json');
const preview = $('preview');
const sample = $('sample');
const headingShift = $('heading-shift');
const poster = $('poster');
const labels = $('labels');
const status = $('status');
const renderTime = $('render-time');
const problems = $('problems');
const warningList = $('warnings');
const htmlView = $('html');
const copyStatus = $('copy-status');
const format = $('format');
const editorLabel = $('json-label');
const importResult = $('import-result');
const notes = $('notes');
const notesNone = $('notes-none');
const importedView = $('imported');

const EDITOR_LABELS = {
  article: 'Article JSON',
  wordpress: 'WordPress post (REST API JSON) or block markup',
  ans: 'Arc XP ANS story',
  'portable-text': 'Portable Text document',
  html: 'HTML page',
};

/** The JSON text the element was last given; until the first edit it shows the server's copy. */
let sent = null;
let timer;

function options() {
  return { headingShift: Number(headingShift.value), poster: poster.value, labels: LABELS[labels.value] };
}

/** The server build, loaded the first time a document is imported (the page's own build leaves
 * the importers out to stay small). */
let importer;
function loadImporter() {
  importer ??= import('./pkg/server/broadsheet.js').then(async (module) => {
    await module.default();
    return module;
  });
  return importer;
}

/** Hands the article to the element, if it changed; the element renders and reports. In import
 * mode the article is what the importer made of the editor's document. */
async function send() {
  clearTimeout(timer);
  const from = format.value;
  if (from === 'article') {
    importResult.hidden = true;
    return deliver(editor.value);
  }
  const text = editor.value;
  const { importArticle } = await loadImporter();
  // A later edit or format change sends again; this answer would be stale.
  if (text !== editor.value || from !== format.value) return;
  let imported;
  try {
    imported = importArticle(text, { from });
  } catch (error) {
    importResult.hidden = true;
    return showProblems(error.errors ?? [{ path: '', pathSegments: [], message: error.message }]);
  }
  const articleText = JSON.stringify(imported.article, null, 2);
  importedView.textContent = articleText;
  // A page's notes name their element by a CSS path, shown as it is: the editor's text is the
  // page's source, which no JSON path finds a place in.
  notes.replaceChildren(...imported.notes.map(from === 'html' ? noteItem : problemItem));
  notesNone.hidden = imported.notes.length > 0;
  importResult.hidden = false;
  deliver(articleText);
}

function deliver(articleText) {
  if (articleText !== sent) {
    sent = articleText;
    preview.article = sent;
  }
}

format.addEventListener('change', () => {
  editorLabel.textContent = EDITOR_LABELS[format.value];
  send();
});

editor.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(send, 150);
});

sample.addEventListener('change', async () => {
  const name = sample.value;
  const response = await fetch(`samples/${sample.selectedOptions[0].dataset.file ?? `${name}.json`}`);
  if (!response.ok) {
    status.textContent = `Could not load the sample (HTTP ${response.status}).`;
    return;
  }
  const text = await response.text();
  // A slow answer must not overwrite a sample chosen after it.
  if (name !== sample.value) return;
  editor.value = text;
  format.value = sample.selectedOptions[0].dataset.format ?? 'article';
  editorLabel.textContent = EDITOR_LABELS[format.value];
  send();
});

headingShift.addEventListener('change', () => {
  preview.setAttribute('heading-shift', headingShift.value);
  send();
});
poster.addEventListener('change', () => {
  preview.setAttribute('poster', poster.value);
  send();
});
labels.addEventListener('change', () => {
  preview.options = { labels: LABELS[labels.value] };
  send();
});

preview.addEventListener('broadsheet-render', (event) => {
  const { warnings } = event.detail;
  status.textContent = warnings.length
    ? `Valid article; ${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'} about what readers get.`
    : 'Valid article.';
  warningList.replaceChildren(...warnings.map((warning) => problemItem({ ...warning, message: `${warning.message} [${warning.rule}]` })));
  warningList.hidden = warnings.length === 0;
  renderTime.textContent = `Rendered in ${event.detail.durationMs.toFixed(1)} ms.`;
  editor.removeAttribute('aria-invalid');
  problems.hidden = true;
  problems.replaceChildren();
  htmlView.textContent = renderArticle(sent ?? editor.value, options());
});

preview.addEventListener('broadsheet-error', (event) => showProblems(event.detail.errors));

function showProblems(errors) {
  warningList.hidden = true;
  status.textContent = `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}; the last good render stays in place.`;
  renderTime.textContent = '';
  editor.setAttribute('aria-invalid', 'true');
  problems.replaceChildren(...errors.map(problemItem));
  problems.hidden = false;
}

/** One note as text: its path and its message. */
function noteItem(note) {
  const item = document.createElement('li');
  if (note.path) {
    const path = document.createElement('code');
    path.textContent = note.path;
    item.append(path, ': ');
  }
  item.append(note.message);
  return item;
}

/** One problem as a button that selects its spot in the editor. */
function problemItem(problem) {
  const button = document.createElement('button');
  button.type = 'button';
  if (problem.path) {
    const path = document.createElement('code');
    path.textContent = problem.path;
    button.append(path, ': ');
  }
  button.append(problem.message);
  button.addEventListener('click', () => {
    const [start, end] = rangeOf(editor.value, problem);
    editor.focus();
    editor.setSelectionRange(start, end);
  });
  const item = document.createElement('li');
  item.append(button);
  return item;
}

$('copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(htmlView.textContent);
    copyStatus.textContent = 'Copied.';
  } catch {
    getSelection().selectAllChildren(htmlView);
    copyStatus.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
  setTimeout(() => { copyStatus.textContent = ''; }, 4000);
});

/** The [start, end) range in `text` a problem is about: its line and column for a syntax error,
 * else the value at its path. */
export function rangeOf(text, problem) {
  return problem.line != null ? lineColumn(text, problem.line, problem.column) : locate(text, problem.pathSegments ?? []);
}

/** The character at a line and column (both from 1; the column counts characters, not UTF-16 units). */
function lineColumn(text, line, column) {
  const lines = text.split('\n');
  const lineStart = lines.slice(0, line - 1).reduce((offset, l) => offset + l.length + 1, 0);
  const before = Array.from(lines[line - 1] ?? '').slice(0, Math.max(column - 1, 0)).join('');
  const at = Math.min(lineStart + before.length, text.length);
  return [at, Math.min(at + 1, text.length)];
}

/** The range of the value at `steps` (`pathSegments`: keys and indices) in valid JSON `text`, key
 * included. A key the text lacks (one that "is required") falls back to the closest enclosing value. */
export function locate(text, steps) {
  let i = 0;
  const space = () => {
    while (/[ \t\n\r]/.test(text[i] ?? '')) i++;
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return JSON.parse(text.slice(start, ++i));
  };
  const skipValue = () => {
    if (text[i] === '"') return string();
    if (text[i] !== '{' && text[i] !== '[') {
      while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
      return;
    }
    let depth = 0;
    do {
      if (text[i] === '"') {
        string();
        continue;
      }
      if (text[i] === '{' || text[i] === '[') depth++;
      if (text[i] === '}' || text[i] === ']') depth--;
      i++;
    } while (depth > 0 && i < text.length);
  };

  let range = [0, 0];
  try {
    space();
    for (const step of steps) {
      const [open, close] = typeof step === 'number' ? '[]' : '{}';
      if (text[i] !== open) break;
      i++;
      space();
      let found = null;
      for (let n = 0; !found && i < text.length && text[i] !== close; n++) {
        const start = i;
        const key = open === '{' ? string() : n;
        if (open === '{') {
          space();
          i++; // the colon
          space();
        }
        const valueStart = i;
        skipValue();
        if (key === step) {
          found = [start, i];
          i = valueStart;
        } else {
          space();
          if (text[i] === ',') i++;
          space();
        }
      }
      if (!found) break;
      range = found;
    }
  } catch {
    // The text changed since it was checked and no longer parses here: keep what was found.
  }
  return range;
}
