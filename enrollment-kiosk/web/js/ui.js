// Small DOM helpers shared by the screens: element building, status and error messages,
// confirmation dialogs.
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

/** Says something to the operator (and to screen readers, through the live region). */
export function announce(message) {
  $('status').textContent = message;
}

export function clearMessages() {
  $('status').textContent = '';
  const error = $('error');
  error.hidden = true;
  error.replaceChildren();
}

/** Shows an error in plain words: the problem's title and detail, and any field violations. */
export function showError(error, context) {
  const box = $('error');
  box.replaceChildren();
  if (error instanceof ApiError) {
    box.append(el('p', { class: 'error-title' }, errorHeading(context, error.title)));
    if (error.problem.detail && error.problem.detail !== error.title) {
      box.append(el('p', { class: 'error-detail' }, error.problem.detail));
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

/** "Context: Title." once: a title that says the same as the context ("Login failed") is not repeated. */
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

/** Shows one view and moves the focus to its heading, so keyboard users start at the top. */
export function showView(id) {
  for (const view of document.querySelectorAll('.view')) {
    view.hidden = view.id !== id;
  }
  const heading = document.querySelector(`#${id} h1`);
  if (heading) {
    heading.focus();
  }
}

/** Asks the operator to confirm a destructive action; resolves to true or false. */
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
    return 'unknown time';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
