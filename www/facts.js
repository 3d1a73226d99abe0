// The page's facts (limits, default sizes, colours, the default scenario) as the wasm catalogue
// serves them: one parse, shared by every module. Call after the module is loaded.
import { catalogue } from '../pkg/saddlescope.js';

let page = null;

/** `catalogue().page`, parsed once. */
export function facts() {
  if (!page) page = JSON.parse(catalogue()).page;
  return page;
}
