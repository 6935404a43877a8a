/**
 * commander prints its own usage errors and help headings in English. Its messages have a fixed
 * form, so each is recognised and said again in the chosen language; an unknown form passes
 * through unchanged rather than being lost.
 */
import { Help, type HelpConfiguration, type Option } from 'commander'
import { t, type Lang, type MessageKey } from '../i18n/index.js'

interface Pattern {
  form: RegExp
  key: MessageKey
  vars: (match: RegExpMatchArray) => Record<string, string>
}

const PATTERNS: Pattern[] = [
  { form: /^error: unknown option '(.+?)'/, key: 'cli.error.unknownOption', vars: (m) => ({ option: m[1]! }) },
  { form: /^error: unknown command '(.+?)'/, key: 'cli.error.unknownCommand', vars: (m) => ({ command: m[1]! }) },
  { form: /^error: missing required argument '(.+?)'/, key: 'cli.error.missingArgument', vars: (m) => ({ argument: m[1]! }) },
  { form: /^error: option '(.+?)' argument missing/, key: 'cli.error.optionMissingValue', vars: (m) => ({ option: m[1]! }) },
  { form: /^error: required option '(.+?)' not specified/, key: 'cli.error.requiredOption', vars: (m) => ({ option: m[1]! }) },
  {
    form: /^error: option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+)\.$/m,
    key: 'cli.error.invalidChoice',
    vars: (m) => ({ option: m[1]!, value: m[2]!, allowed: m[3]! }),
  },
  {
    form: /^error: option '(.+?)' argument '(.*?)' is invalid\. (.+)$/m,
    key: 'cli.error.invalidValue',
    vars: (m) => ({ option: m[1]!, value: m[2]!, reason: m[3]! }),
  },
  {
    form: /^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\. Allowed choices are (.+)\.$/m,
    key: 'cli.error.invalidArgumentChoice',
    vars: (m) => ({ value: m[1]!, argument: m[2]!, allowed: m[3]! }),
  },
  {
    form: /^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    key: 'cli.error.tooManyArguments',
    vars: (m) => ({ command: m[1] ?? 'hygiene', expected: m[2]!, received: m[3]! }),
  },
]

const SUGGESTION = /\(Did you mean (?:one of )?(.+)\?\)/

/** commander's error text (one or two lines) in the chosen language, as `hygiene: …` lines. */
export function translateCommanderError(lang: Lang, text: string): string {
  const pattern = PATTERNS.find((candidate) => candidate.form.test(text))
  if (!pattern) return text
  const lines = [`hygiene: ${t(lang, pattern.key, pattern.vars(text.match(pattern.form)!))}`]
  const suggestion = text.match(SUGGESTION)
  if (suggestion) lines.push(t(lang, 'cli.error.didYouMean', { candidates: suggestion[1]! }))
  lines.push(t(lang, 'cli.error.seeHelp'))
  return `${lines.join('\n')}\n`
}

const TITLES: Record<string, MessageKey> = {
  'Usage:': 'cli.help.usage',
  'Options:': 'cli.help.options',
  'Commands:': 'cli.help.commands',
  'Arguments:': 'cli.help.arguments',
  'Global Options:': 'cli.help.globalOptions',
}

/** Help headings and the "(choices: …, default: …)" notes in the chosen language. */
export function localizedHelp(lang: Lang): HelpConfiguration {
  return {
    styleTitle: (title) => (TITLES[title] ? t(lang, TITLES[title]) : title),
    optionDescription(this: Help, option: Option): string {
      return Help.prototype.optionDescription
        .call(this, option)
        .replace(/\(((?:choices|default): .*)\)$/, (_whole, notes: string) => `(${localizeNotes(lang, notes)})`)
    },
  }
}

function localizeNotes(lang: Lang, notes: string): string {
  return notes
    .replace(/(^|, )choices: /, `$1${t(lang, 'cli.help.choices')}: `)
    .replace(/(^|, )default: /, `$1${t(lang, 'cli.help.default')}: `)
}
