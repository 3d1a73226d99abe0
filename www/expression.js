// The `custom` landscape on the page: the text field for f, the worked examples in the landscape
// menu and the knobs of the function's own parameters (p.<name>). The text goes to wasm through the
// demo's set() and nowhere else: no eval, no new Function, no HTML parsing of user text (textContent only). Errors come back from Rust
// as one line naming the column; the last good landscape stays and the field keeps what was typed.
import { message } from './demo.js';

const PRESET = 'preset:';

/**
 * Wires the expression field and the examples.
 * @param {object} o  { field, row, select, catalogue, demo: () => Demo, showError, clearError }
 * @returns {{ pick(value): boolean, sync(pairs): void, knobs(): object[], structure(pairs): string }}
 */
export function expressionControls(o) {
  const { field, row, select, catalogue } = o;
  const takes = (id) => Boolean((catalogue.landscapes.find((l) => l.id === id) || {}).expression);
  const customId = (catalogue.landscapes.find((l) => l.expression) || {}).id;
  if (catalogue.presets && catalogue.presets.length) {
    const group = document.createElement('optgroup');
    group.label = 'Examples: your own function';
    catalogue.presets.forEach((p, i) => {
      const opt = document.createElement('option');
      opt.value = `${PRESET}${i}`;
      opt.textContent = p.title;
      group.append(opt);
    });
    select.append(group);
  }
  let synced = null;
  const mark = (bad) => {
    field.classList.toggle('field-error', bad);
    if (bad) field.setAttribute('aria-invalid', 'true'); else field.removeAttribute('aria-invalid');
  };
  field.addEventListener('change', () => {
    try {
      o.demo().set('f', field.value.trim());
      mark(false);
      o.clearError();
    } catch (e) {
      mark(true);
      o.showError(message(e));
    }
  });
  return {
    /** Loads a worked example when `value` names one (keeping the optimizers in the race). */
    pick(value) {
      if (!value.startsWith(PRESET)) return false;
      const p = catalogue.presets[Number(value.slice(PRESET.length))];
      if (!p) return false;
      const opt = new Map(JSON.parse(o.demo().scope.pairs())).get('opt');
      try {
        o.demo().load(opt ? `${p.scenario}&opt=${encodeURIComponent(opt)}` : p.scenario);
        mark(false);
        o.clearError();
      } catch (e) {
        o.showError(message(e));
      }
      return true;
    },
    /** Shows the field for a landscape that takes an expression and fills it when f changed. */
    sync(s) {
      const id = s.get('landscape');
      row.hidden = !takes(id);
      const f = s.get('f');
      if (f !== undefined && f !== synced) {
        field.value = f;
        synced = f;
        mark(false);
      }
      if (id !== customId) synced = null;
    },
    /** The knobs of the function's own parameters: [{ key, name, value, min, max, integer, doc }]. */
    knobs() {
      return JSON.parse(o.demo().scope.scenarioKnobs());
    },
    /** What the knobs depend on: the parameters' names and ranges. */
    structure(s) {
      return [...s.entries()].filter(([k]) => k.startsWith('p.')).map(([k, v]) => `${k}=${v.slice(v.indexOf(':'))}`).join('&');
    },
  };
}
