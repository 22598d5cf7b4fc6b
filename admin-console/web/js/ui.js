// DOM helpers shared by the console's pages: element building, status and error messages,
// confirmation dialogs, dates.
import { ApiError } from './http.js';

export const $ = (id) => document.getElementById(id);

/** Creates an element; attributes as an object, children as strings or nodes. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name === 'class') {
      node.className = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.substring(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

export function announce(message) {
  $('status').textContent = message;
}

export function clearMessages() {
  $('status').textContent = '';
  const error = $('error');
  error.hidden = true;
  error.replaceChildren();
}

/** "Context: Title." once: a title that says the same as the context is not repeated. */
export function errorHeading(context, title) {
  const strip = (t) => String(t || '').replace(/[.:\s]+$/, '').trim();
  const c = strip(context);
  const t = strip(title);
  if (!c) {
    return `${t}.`;
  }
  if (!t || c.toLowerCase() === t.toLowerCase() || c.toLowerCase().startsWith(t.toLowerCase())) {
    return `${c}.`;
  }
  return `${c}: ${t}.`;
}

/** Shows an error: the problem's title and detail, and any field violations. */
export function showError(error, context) {
  const box = $('error');
  box.replaceChildren();
  if (error instanceof ApiError) {
    box.append(el('p', { class: 'error-title' }, errorHeading(context, error.title)));
    if (error.problem.detail && error.problem.detail !== error.title) {
      box.append(el('p', {}, error.problem.detail));
    }
    const violations = error.problem.violations || [];
    if (violations.length > 0) {
      box.append(el('ul', {}, violations.map((v) => el('li', {}, `${v.field}: ${v.message}`))));
    }
  } else {
    const text = error && error.message ? error.message : String(error);
    box.append(el('p', { class: 'error-title' }, context ? `${context}: ${text}` : text));
  }
  box.hidden = false;
  $('status').textContent = '';
}

/** Asks to confirm a consequential action; resolves to true or false. */
export function confirmAction(message, confirmLabel) {
  const dialog = $('confirm-dialog');
  $('confirm-message').textContent = message;
  $('confirm-ok').textContent = confirmLabel;
  return new Promise((resolve) => {
    const finish = (answer) => {
      $('confirm-ok').removeEventListener('click', ok);
      $('confirm-cancel').removeEventListener('click', cancel);
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) {
        dialog.close();
      }
      resolve(answer);
    };
    const ok = () => finish(true);
    const cancel = (event) => {
      if (event) {
        event.preventDefault();
      }
      finish(false);
    };
    $('confirm-ok').addEventListener('click', ok);
    $('confirm-cancel').addEventListener('click', cancel);
    dialog.addEventListener('cancel', cancel);
    dialog.showModal();
    $('confirm-cancel').focus();
  });
}

export function formatTime(iso) {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** A table with a caption, column headings and rows of cells (strings or nodes). */
export function table(caption, headings, rows) {
  return el('table', {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
}

/** The values of a form's named fields, trimmed. */
export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    values[name] = typeof value === 'string' ? value.trim() : value;
  }
  return values;
}

/** Saves text as a file through a blob link (the file is fetched with the token, never by a plain link). */
export function saveText(fileName, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
