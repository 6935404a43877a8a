/** The dashboard's one stylesheet, inline, and its hash for the Content-Security-Policy. */
import { createHash } from 'node:crypto'

export const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;background:#f6f7f9}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;
padding:.6rem 1.2rem;background:#12355b;color:#fff}
header a{color:#fff}
.brand{font-weight:700;text-decoration:none}
nav{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
nav form{margin:0}
main{max-width:72rem;margin:0 auto;padding:1rem 1.2rem 3rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
a{color:#0b57a4}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{padding:.4rem .6rem;border-bottom:1px solid #d8dde3;text-align:left;vertical-align:top}
th a{text-decoration:none;color:inherit}
th a:hover,th a:focus{text-decoration:underline}
td.num,th.num{text-align:right;white-space:nowrap}
td:first-child{white-space:nowrap}
.band-A{background:#d3f2dc}.band-B{background:#e6f5d0}.band-C{background:#fdf2c4}
.band-D{background:#fde0c2}.band-F{background:#f9d0cf}.band-none{background:#eceef1;color:#555}
.muted{color:#555}
.notice{padding:.6rem .8rem;border-left:4px solid #b3261e;background:#fdecea}
.actions{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
dt{font-weight:600}dd{margin:0}
ul.results{list-style:none;padding:0}
ul.results li{background:#fff;border:1px solid #d8dde3;border-left-width:6px;margin:.5rem 0;padding:.5rem .8rem}
.status-fail{border-left-color:#b3261e!important}.status-warn{border-left-color:#b26a00!important}
.status-error{border-left-color:#6b3fa0!important}.status-pass{border-left-color:#1e7b34!important}
.symbol{display:inline-block;width:1.2em;font-weight:700}
.fix{white-space:pre-line}
form.login{display:grid;gap:.6rem;max-width:22rem;background:#fff;padding:1rem;border:1px solid #d8dde3}
input{font:inherit;padding:.4rem}
button{font:inherit;padding:.4rem .9rem;cursor:pointer}
svg.trend{display:block;margin:.5rem 0;max-width:24rem;background:#fff;border:1px solid #d8dde3}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.plain{white-space:pre-wrap;margin:.2rem 0}
.note{background:#fff8e1;border-left:4px solid #b26a00;padding:.5rem .8rem}
.alert{color:#b3261e}
form.stack{display:grid;gap:.5rem;max-width:40rem;background:#fff;padding:1rem;border:1px solid #d8dde3;margin:1rem 0}
form.stack label{display:grid;gap:.2rem}
textarea,select{font:inherit;padding:.4rem}
form.filters{display:flex;gap:.8rem;align-items:end;flex-wrap:wrap;margin:1rem 0}
`

export const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`
