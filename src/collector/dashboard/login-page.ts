/** The login form. Its CSRF token is the one in the pre-login cookie (double submit). */
import { html, type SafeHtml } from './html.js'
import { sayIn, type View } from './layout.js'

export function loginPage(view: View, csrfToken: string, options: { failed: boolean; name: string }): SafeHtml {
  const say = sayIn(view.lang)
  return html`<h1>${say('dash.login.title')}</h1>
<p>${say('dash.login.intro')}</p>
${options.failed && html`<p class="notice" role="alert">${say('dash.login.failed')}</p>`}
<form class="login" method="post" action="/login">
<input type="hidden" name="csrf" value="${csrfToken}">
<label for="name">${say('dash.login.name')}</label>
<input id="name" name="name" autocomplete="username" required value="${options.name}">
<label for="password">${say('dash.login.password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${say('dash.login.title')}</button>
</form>`
}
