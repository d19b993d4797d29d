// Small DOM helpers. Text always goes in through textContent, never innerHTML, so nothing a
// provider or a user typed can become markup.

/**
 * h('div', {class: 'x', onclick: fn, hidden: true}, child, 'text', [more])
 * Attributes: `class`, `text`, `on<event>` handlers, booleans (set when true), everything else via setAttribute.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'text') {
      element.textContent = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value' && 'value' in element) {
      element.value = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces the children of `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** An id that is safe in HTML and in CSS selectors. */
export function idOf(...parts) {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '-');
}

/** Calls `fn` once `delay` ms have passed without another call. */
export function debounce(fn, delay) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), delay);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

/**
 * A modal confirmation on a native <dialog> (focus is trapped and Escape cancels): resolves true
 * when the user confirms.
 */
export function confirmDialog({title, message, confirmLabel, danger = false}) {
  return new Promise((resolve) => {
    const titleId = idOf('dialog-title', String(Date.now()));
    const dialog = h('dialog', {class: 'confirm', 'aria-labelledby': titleId, 'aria-describedby': titleId + '-text'},
      h('h2', {id: titleId, text: title}),
      h('p', {id: titleId + '-text', text: message}));
    const cancel = h('button', {type: 'button', class: 'secondary', id: 'dialog-cancel', text: 'Cancel',
      onclick: () => dialog.close('cancel')});
    const confirm = h('button', {type: 'button', class: danger ? 'danger' : 'primary', id: 'dialog-confirm',
      text: confirmLabel,
      onclick: () => dialog.close('confirm')});
    dialog.append(h('div', {class: 'actions'}, cancel, confirm));
    const opener = document.activeElement;
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && typeof opener.focus === 'function' && opener.isConnected) {
        opener.focus();
      }
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
