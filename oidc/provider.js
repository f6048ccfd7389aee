// A real OpenID Connect provider (node-oidc-provider, OpenID certified) on loopback, for
// Deelwijzer's sign-in tests. Not for production. Configured from the environment:
//   OIDC_PORT      port on 127.0.0.1
//   OIDC_CLIENTS   JSON list of clients (client_id, client_secret, redirect_uris,
//                  post_logout_redirect_uris, backchannel_logout_uri)
//   OIDC_ACCOUNTS  JSON object: account id -> { email, email_verified }
// The login page (/interaction/:uid) asks an account id and whether a second factor was used:
// ticked, the ID token's amr is ["pwd", "mfa"], else ["pwd"]. Consent is implied.
import { createServer } from 'node:http';
import { URL } from 'node:url';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 9400);
const issuer = `http://127.0.0.1:${port}`;
const clients = JSON.parse(process.env.OIDC_CLIENTS || '[]');
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');

const configuration = {
  clients: clients.map((c) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    backchannel_logout_session_required: true,
    ...c,
  })),
  pkce: { methods: ['S256'], required: () => true },
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // Plain pages without anything from outside (the default ones load a web font).
      async logoutSource(ctx, form) {
        ctx.body = `<!doctype html><html lang="en"><head><title>Test provider: sign out</title></head>
<body><h1>Sign out at the test provider?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button></body></html>`;
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = '<!doctype html><html lang="en"><head><title>Signed out</title></head><body><h1>Signed out at the test provider</h1></body></html>';
      },
    },
  },
  claims: { openid: ['sub', 'amr', 'acr', 'sid', 'auth_time'], email: ['email', 'email_verified'], profile: ['name'] },
  ttl: { IdToken: 3600, Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600 },
  cookies: { keys: ['deelwijzer-test-only'] },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: id, email: account.email, email_verified: account.email_verified !== false };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
};

const provider = new Provider(issuer, configuration);

function loginPage(uid) {
  return `<!doctype html><html lang="en"><head><title>Test provider: sign in</title></head><body>
<h1>Test provider</h1>
<form method="post" action="/interaction/${uid}/login">
<label for="login">Account</label> <input id="login" name="login" autofocus>
<label><input type="checkbox" name="mfa" value="1"> used a second factor</label>
<button type="submit">Sign in at the provider</button></form></body></html>`;
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(new URLSearchParams(data)));
  });
}

const callback = provider.callback();
createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  const match = url.pathname.match(/^\/interaction\/([^/]+)(\/login)?$/);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(loginPage(details.uid));
    }
    const form = await readBody(req);
    const accountId = form.get('login');
    if (!accounts[accountId]) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(loginPage(details.uid).replace('<form', '<p>Unknown account</p><form'));
    }
    const amr = form.get('mfa') ? ['pwd', 'mfa'] : ['pwd'];
    return provider.interactionFinished(req, res, { login: { accountId, amr } }, { mergeWithLastSubmission: false });
  } catch (err) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    return res.end(String(err));
  }
}).listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
