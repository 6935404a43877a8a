/**
 * Loads rule packs: YAML → structure (zod) → conditions parsed against the fact schemas. Every
 * mistake is reported with the file, the rule id, the field and the line; a pack with any mistake
 * stops the run (exit code 2) rather than being half used.
 */
import path from 'node:path'
import { z } from 'zod'
import { HygieneError } from '../core/errors.js'
import { errorCode } from '../core/fs-errors.js'
import { listFolder } from '../core/resources.js'
import { fieldIssues, formatFieldPath, lineOf, readYamlFile, type FieldIssue, type YamlSource } from '../core/yaml-file.js'
import { t, type Lang } from '../i18n/index.js'
import type { Condition } from './condition.js'
import { factPaths } from './condition.js'
import { parseCondition, type ConditionContext, type IssuePath } from './condition-parser.js'
import { evaluators } from './evaluators/index.js'
import { OUTCOME_MESSAGES, type EvidenceField, type MessageVariant, type Rule } from './rule.js'
import { PackFileSchema, RawRuleSchema, type RawRule } from './rule-schema.js'
import { elementOf, fieldNames, schemaAtPath } from './schema-path.js'

export interface LoadOptions {
  lang: Lang
  /** Schema of all facts: an object keyed by probe id. */
  facts: z.ZodType
}

/** Pack files of a folder (its *.yaml and *.yml, sorted), or the file itself. */
export async function packFilesAt(target: string): Promise<string[]> {
  try {
    const entries = await listFolder(target)
    return entries
      .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
      .map((entry) => path.join(target, entry.name))
      .sort()
  } catch (error) {
    const code = errorCode(error)
    if (code === 'ENOTDIR') return [target]
    throw new HygieneError(code === 'ENOENT' ? 'file.notFound' : 'file.unreadable', { file: target, kind: 'pack' })
  }
}

export async function loadRules(files: string[], options: LoadOptions): Promise<Rule[]> {
  const rules: Rule[] = []
  const seen = new Map<string, string>()
  for (const file of files) {
    for (const rule of await loadPack(file, options)) {
      const earlier = seen.get(rule.id)
      if (earlier) throw new HygieneError('pack.duplicateId', { id: rule.id, file, other: earlier })
      seen.set(rule.id, file)
      rules.push(rule)
    }
  }
  return rules
}

export async function loadPack(file: string, options: LoadOptions): Promise<Rule[]> {
  const source = await readYamlFile(file, 'pack')
  const issues: Array<FieldIssue & { ruleLabel: string | null }> = []
  const shape = PackFileSchema.safeParse(source.data)
  if (!shape.success) {
    throw new HygieneError('pack.notAPack', { file, line: lineOf(source, []) ?? 1 })
  }
  const inList = Array.isArray(shape.data)
  const rawRules = inList ? (shape.data as unknown[]) : (shape.data as { rules: unknown[] }).rules
  const rules: Rule[] = []
  rawRules.forEach((raw, index) => {
    const at: IssuePath = inList ? [index] : ['rules', index]
    const label = ruleLabel(raw, index)
    const report = (issue: FieldIssue): void => {
      issues.push({ ...issue, path: [...at, ...issue.path], ruleLabel: label })
    }
    const parsed = RawRuleSchema.safeParse(raw)
    if (!parsed.success) {
      for (const issue of fieldIssues(parsed.error.issues)) report(issue)
      return
    }
    const rule = buildRule(parsed.data, options, report, { file, line: lineOf(source, at) })
    if (rule) rules.push(rule)
  })
  if (issues.length > 0) throw invalidPack(source, issues, options.lang)
  return rules
}

function ruleLabel(raw: unknown, index: number): string {
  const id = raw !== null && typeof raw === 'object' && 'id' in raw ? (raw as { id: unknown }).id : undefined
  return typeof id === 'string' ? id : `#${index + 1}`
}

const MAX_LISTED_ISSUES = 10

function invalidPack(source: YamlSource, issues: Array<FieldIssue & { ruleLabel: string | null }>, lang: Lang) {
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const line = lineOf(source, issue.path)
    const field = formatFieldPath(issue.path.slice(Array.isArray(source.data) ? 1 : 2)) || '-'
    return `  - ${t(lang, 'pack.issueLine', { rule: issue.ruleLabel ?? '-', field, line: line ?? '?', message: issue.message })}`
  })
  if (issues.length > MAX_LISTED_ISSUES) {
    lines.push(`  - ${t(lang, 'pack.moreIssues', { count: issues.length - MAX_LISTED_ISSUES })}`)
  }
  return new HygieneError('pack.invalid', { file: source.file, count: issues.length, details: lines.join('\n') })
}

function buildRule(
  raw: RawRule,
  options: LoadOptions,
  report: (issue: FieldIssue) => void,
  origin: Rule['origin'],
): Rule | null {
  const ctx: ConditionContext = {
    lang: options.lang,
    facts: options.facts,
    item: null,
    params: new Set(Object.keys(raw.params)),
    issues: [],
  }
  const condition = (value: unknown, field: string): Condition | null =>
    value === undefined ? null : parseCondition(value, [field], ctx)

  const appliesWhen = condition(raw.appliesWhen, 'appliesWhen')
  const passWhen = condition(raw.passWhen, 'passWhen')
  const warnWhen = condition(raw.warnWhen, 'warnWhen')

  let evaluator = null
  if (raw.evaluator !== undefined) {
    evaluator = evaluators.get(raw.evaluator) ?? null
    if (!evaluator) {
      ctx.issues.push({
        path: ['evaluator'],
        message: t(options.lang, 'pack.rule.unknownEvaluator', { name: raw.evaluator, known: [...evaluators.keys()].join(', ') }),
      })
    } else {
      for (const [name, type] of Object.entries(evaluator.params)) {
        if (typeof raw.params[name] !== type) {
          ctx.issues.push({ path: ['params', name], message: t(options.lang, 'pack.rule.evaluatorParam', { name, type }) })
        }
      }
    }
  }

  const evidence = Object.entries(raw.evidence).map(([name, spec]) => evidenceField(name, spec, ctx))
  const messages: Rule['messages'] = {}
  for (const outcome of OUTCOME_MESSAGES) {
    const spec = raw.messages[outcome]
    if (spec === undefined) continue
    messages[outcome] = (Array.isArray(spec) ? spec : [spec]).map(
      (variant, index): MessageVariant => ({
        when:
          'when' in variant && variant.when !== undefined
            ? parseCondition(variant.when, ['messages', outcome, index, 'when'], ctx)
            : null,
        text: { vi: variant.vi, en: variant.en },
      }),
    )
  }

  for (const issue of ctx.issues) report(issue)
  if (ctx.issues.length > 0) return null

  const conditions = [appliesWhen, passWhen, warnWhen].filter((c): c is Condition => c !== null)
  const paths = [...conditions.flatMap(factPaths), ...evidence.map((field) => field.fact)]
  const probes = new Set([...paths.map((fact) => fact.split('.')[0]!), ...(evaluator?.probes ?? [])])
  return {
    id: raw.id,
    category: raw.category,
    severity: raw.severity,
    platforms: raw.platforms,
    title: raw.title,
    rationale: raw.rationale,
    remediation: raw.remediation,
    references: raw.references,
    params: raw.params,
    appliesWhen,
    passWhen,
    warnWhen,
    evaluator,
    evidence,
    messages,
    deprecated: raw.deprecated ?? false,
    replacedBy: raw.replacedBy ?? null,
    probes: [...probes].sort(),
    origin,
  }
}

function evidenceField(name: string, spec: RawRule['evidence'][string], ctx: ConditionContext): EvidenceField {
  const at: IssuePath = ['evidence', name]
  const normalized = typeof spec === 'string' ? { fact: spec } : spec
  const field: EvidenceField = {
    name,
    fact: normalized.fact,
    where: null,
    fields: normalized.fields ?? null,
    limit: normalized.limit ?? null,
  }
  const target = schemaAtPath(ctx.facts, normalized.fact)
  if (!target) {
    ctx.issues.push({ path: at, message: t(ctx.lang, 'pack.condition.unknownFact', { path: normalized.fact, known: '-' }) })
    return field
  }
  const element = elementOf(target)
  const listOnly = normalized.where !== undefined || normalized.fields !== undefined || normalized.limit !== undefined
  if (listOnly && !element) {
    ctx.issues.push({ path: at, message: t(ctx.lang, 'pack.condition.notAList', { path: normalized.fact }) })
    return field
  }
  if (element && normalized.where !== undefined) {
    field.where = parseCondition(normalized.where, [...at, 'where'], { ...ctx, item: element })
  }
  for (const [index, name] of (normalized.fields ?? []).entries()) {
    if (element && !schemaAtPath(element, name)) {
      ctx.issues.push({
        path: [...at, 'fields', index],
        message: t(ctx.lang, 'pack.condition.unknownField', { path: name, known: fieldNames(element).join(', ') }),
      })
    }
  }
  return field
}
