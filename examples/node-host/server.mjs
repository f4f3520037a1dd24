// A small non-Java host: an IT knowledge base page served by Node.js (standard library only) that
// embeds Inflow's comments from a standalone Inflow server on another origin. The page's backend
// signs a short-lived user token for whoever is signed in here; the browser never sees the secret.
//
//   INFLOW_URL=http://localhost:8080 INFLOW_TOKEN_SECRET=... PORT=3000 node server.mjs
//
// The Inflow server must list this app's origin in INFLOW_ALLOWED_ORIGINS (http://localhost:3000).
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { inflowToken } from './inflow-token.mjs';

const PORT = Number(process.env.PORT ?? 3000);
const INFLOW_URL = (process.env.INFLOW_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
const SECRET = process.env.INFLOW_TOKEN_SECRET;
const TENANT = process.env.INFLOW_TENANT ?? 'default';
if (!SECRET) {
  console.error('node-host: set INFLOW_TOKEN_SECRET to the secret the Inflow server was started with');
  process.exit(2);
}

// Stands in for the company directory and its single sign-on.
const PEOPLE = [
  { id: 'e1042', name: 'Fatima Haddad', roles: ['member'] },
  { id: 'e2077', name: 'Jonas Berg', roles: ['member', 'expert'], expertise: ['vpn'] },
  { id: 'e3001', name: 'Mei Chen', roles: ['member', 'moderator'] },
];
const ARTICLE = {
  key: 'kb/vpn-setup',
  title: 'Connecting to the VPN',
  body: ['Install the VPN client from the software centre, then sign in with your company account.',
    'At home, prefer a wired connection or 5 GHz Wi-Fi: the tunnel drops when the signal does.'],
};
/** Session id (cookie) → person; a real app has its own login and session store. */
const sessions = new Map();

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, main) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)} · IT knowledge base</title><link rel="icon" href="data:,">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1f2328}header{background:#0b3d91;color:#fff;padding:.6rem 1.5rem;
display:flex;justify-content:space-between;align-items:center}main{max-width:46rem;margin:1.5rem auto;padding:0 1rem}
header form{margin:0}button{font:inherit}</style>
<script type="module" src="${esc(INFLOW_URL)}/inflow/inflow.js"></script></head>
<body>${main}</body></html>`;
}

function person(req) {
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  return sid ? sessions.get(sid) : undefined;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

async function form(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

async function handle(req, res) {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const me = person(req);
  if (req.method === 'GET' && url.pathname === '/login') {
    const options = PEOPLE.map((p) => `<option value="${esc(p.id)}">${esc(p.name)}</option>`).join('');
    return send(res, 200, page('Sign in', `<header><strong>IT knowledge base</strong></header><main><h1>Sign in</h1>
<form method="post" action="/login"><label>Who are you? <select name="user">${options}</select></label>
<button type="submit">Sign in</button></form></main>`));
  }
  if (req.method === 'POST' && url.pathname === '/login') {
    const id = (await form(req)).get('user');
    const chosen = PEOPLE.find((p) => p.id === id);
    if (!chosen) return send(res, 400, 'Unknown user');
    const sid = randomBytes(24).toString('base64url');
    sessions.set(sid, chosen);
    return send(res, 303, '', { Location: '/', 'Set-Cookie': `sid=${sid}; HttpOnly; SameSite=Lax; Path=/` });
  }
  if (!me) {
    return send(res, 303, '', { Location: '/login' });
  }
  if (req.method === 'POST' && url.pathname === '/logout') {
    sessions.delete(/(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')[1]);
    return send(res, 303, '', { Location: '/login', 'Set-Cookie': 'sid=; Max-Age=0; Path=/' });
  }
  if (req.method === 'GET' && url.pathname === '/inflow-token') {
    // The widget asks for a fresh token when its own expires (event inflow-token-expired).
    return send(res, 200, inflowToken(me, SECRET, TENANT), { 'Content-Type': 'text/plain' });
  }
  if (req.method === 'GET' && url.pathname === '/') {
    const token = inflowToken(me, SECRET, TENANT);
    return send(res, 200, page(ARTICLE.title, `<header><strong>IT knowledge base</strong>
<form method="post" action="/logout"><span>${esc(me.name)}</span> <button>Sign out</button></form></header>
<main><h1>${esc(ARTICLE.title)}</h1>${ARTICLE.body.map((p) => `<p>${esc(p)}</p>`).join('')}
<h2>Questions and tips</h2>
<inflow-comments target="${esc(ARTICLE.key)}" title="${esc(ARTICLE.title)}"
  api="${esc(INFLOW_URL)}/inflow" token="${esc(token)}"></inflow-comments>
<script type="module">
document.addEventListener('inflow-token-expired', async (event) => {
  const response = await fetch('/inflow-token', {credentials: 'same-origin'});
  if (response.ok) event.target.setAttribute('token', await response.text());
});
</script></main>`));
  }
  return send(res, 404, page('Not found', '<main><h1>Not found</h1></main>'));
}

createServer((req, res) => {
  handle(req, res).catch((e) => {
    console.error('node-host:', e.message);
    if (!res.headersSent) send(res, 500, 'Something went wrong');
  });
}).listen(PORT, () => {
  console.log(`node-host: http://localhost:${PORT} embeds Inflow from ${INFLOW_URL} (tenant ${TENANT})`);
});
