/** The named evaluators rule packs may use, by name. */
import { browserCurrency } from './browser-currency.js'
import type { Evaluator } from './evaluator.js'
import { officeSupport } from './office-support.js'
import { osEndOfLife } from './os-end-of-life.js'

export const evaluators: ReadonlyMap<string, Evaluator> = new Map(
  [osEndOfLife, browserCurrency, officeSupport].map((evaluator) => [evaluator.name, evaluator]),
)
