// Minimal DOM test helpers over react-dom (happy-dom environment): render, find by label or text, type, click.
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLElement;
  unmount: () => void;
}

export function render(ui: ReactNode): Rendered {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(ui));
  return {
    container,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** The form control whose <label> text is exactly `text` (trimmed). */
export function byLabel<T extends HTMLElement = HTMLInputElement>(container: HTMLElement, text: string): T {
  for (const label of container.querySelectorAll('label')) {
    if (label.textContent?.trim() !== text) continue;
    const target = label.htmlFor
      ? container.ownerDocument.getElementById(label.htmlFor)
      : label.querySelector('input');
    if (target) return target as T;
  }
  throw new Error(`no control labelled ${JSON.stringify(text)}`);
}

/** The button whose accessible text is exactly `name`. */
export function button(container: HTMLElement, name: string): HTMLButtonElement {
  for (const b of container.querySelectorAll('button')) {
    if ((b.getAttribute('aria-label') ?? b.textContent?.trim()) === name) return b;
  }
  throw new Error(`no button named ${JSON.stringify(name)}`);
}

/** Sets a text control's value the way typing does, so React's onChange runs. */
export function type(control: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), 'value')?.set;
  act(() => {
    setter?.call(control, value);
    control.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function click(element: HTMLElement): void {
  act(() => element.click());
}

export function select(control: HTMLSelectElement, value: string): void {
  act(() => {
    control.value = value;
    control.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
