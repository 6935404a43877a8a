/** The frame of every dashboard page (title, account, language links) and the small message pages. */
import type { FastifyReply } from 'fastify'
import { gradeFor } from '../../engine/score.js'
import { LANGS, t, type Lang, type MessageKey } from '../../i18n/index.js'
import type { Session } from '../store/users.js'
import { html, SafeHtml, type HtmlValue } from './html.js'
import { withQuery } from './http.js'
import { STYLE } from './style.js'

/** What every page needs to know about the request it answers. */
export interface View {
  lang: Lang
  /** Path and query of this page, for the language links. */
  url: string
  session: Session | null
}

export type Say = (key: MessageKey, vars?: Record<string, string | number>) => string

export const sayIn = (lang: Lang): Say => (key, vars) => t(lang, key, vars)

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' }

/** Each language named in itself, so a reader finds their own whatever the page's language. */
const LANGUAGE_NAMES: Record<Lang, string> = { vi: 'Tiếng Việt', en: 'English' }

function accountBar(view: View, say: Say): HtmlValue {
  if (!view.session) return null
  const { user, csrfToken } = view.session
  const role = user.role === 'admin' ? say('dash.role.admin') : say('dash.role.viewer', { unit: user.unit ?? '—' })
  const links = html`<a href="/">${say('dash.nav.units')}</a> <a href="/incidents">${say('dash.nav.incidents')}</a>${user.role === 'admin' ? html` <a href="/advisories">${say('dash.nav.advisories')}</a>` : null}`
  return html`<span>${links}</span><span>${say('dash.signedInAs', { name: user.name, role })}</span>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${csrfToken}">
<button type="submit">${say('dash.logout')}</button></form>`
}

function languageLinks(view: View): SafeHtml {
  const links = LANGS.map((lang) =>
    lang === view.lang
      ? html`<strong lang="${lang}">${LANGUAGE_NAMES[lang]}</strong>`
      : html`<a href="${withQuery(view.url, { lang })}" hreflang="${lang}" lang="${lang}">${LANGUAGE_NAMES[lang]}</a>`,
  )
  return html`<span>${links.map((link, index) => html`${index > 0 && ' · '}${link}`)}</span>`
}

export function sendPage(reply: FastifyReply, view: View, status: number, title: string, main: SafeHtml): FastifyReply {
  const say = sayIn(view.lang)
  const page = html`<!doctype html>
<html lang="${view.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${say('dash.appName')}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header>
<a class="brand" href="/">${say('dash.appName')}</a>
<nav>${accountBar(view, say)}${languageLinks(view)}</nav>
</header>
<main>
${main}
</main>
</body>
</html>
`
  return reply.code(status).type('text/html; charset=utf-8').send(page.markup)
}

/** A page that only says what happened and leads back to the units table. */
export function sendMessage(
  reply: FastifyReply,
  view: View,
  status: number,
  title: MessageKey,
  body: MessageKey,
  vars: Record<string, string | number> = {},
): FastifyReply {
  const say = sayIn(view.lang)
  const main = html`<h1>${say(title)}</h1>
<p>${say(body, vars)}</p>
<p><a href="/">${say('dash.backHome')}</a></p>`
  return sendPage(reply, view, status, say(title), main)
}

/** One decimal at most, with the reader's decimal mark (72,5 in Vietnamese). */
export function formatScore(score: number | null, lang: Lang): string {
  if (score === null) return t(lang, 'dash.noScore')
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(score)
}

/** A score with the colour of its grade band; the number itself carries the meaning, not the colour. */
export function scoreCell(score: number | null, lang: Lang): SafeHtml {
  return html`<td class="num band-${score === null ? 'none' : gradeFor(score)}">${formatScore(score, lang)}</td>`
}

/** Dates and times as the ward reads them: Vietnam's time zone, whatever the server's. */
export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso))
}
