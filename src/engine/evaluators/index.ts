/** The named evaluators rule packs may use, by name. */
import type { Evaluator } from './evaluator.js'
import { osEndOfLife } from './os-end-of-life.js'

export const evaluators: ReadonlyMap<string, Evaluator> = new Map([[osEndOfLife.name, osEndOfLife]])
