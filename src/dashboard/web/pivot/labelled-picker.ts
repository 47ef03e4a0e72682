/**
 * A picker's box: a caption labelling `control` (which takes `id`, so the caption's click
 * and screen readers find it), then the control. Callers append what follows the control.
 */
export function labelledPicker(id: string, label: string, control: HTMLElement, className = 'picker'): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = className;
  const caption = document.createElement('label');
  caption.textContent = label;
  caption.htmlFor = id;
  control.id = id;
  wrapper.append(caption, control);
  return wrapper;
}
