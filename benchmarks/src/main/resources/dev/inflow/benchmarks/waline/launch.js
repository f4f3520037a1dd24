// Starts the Waline comment server (@waline/vercel) the way its own vanilla.js does, with two
// changes for a fair local benchmark:
//  - it listens on 127.0.0.1 only (argument 1 is the port);
//  - Waline fetches its OAuth service list (OAUTH_URL, https://oauth.lithub.cc by default) on every
//    request; a local stub answers instead, so the benchmark measures Waline and not the internet
//    (which the machine cannot reach anyway). The stub runs in this process and its cost is
//    Waline's, as the remote call would be.
// Storage comes from the environment (SQLITE_PATH, SQLITE_DB), set by the harness.
const http = require('node:http');
const path = require('node:path');

const oauth = http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"services":[]}');
});
oauth.listen(0, '127.0.0.1', () => {
  process.env.OAUTH_URL = `http://127.0.0.1:${oauth.address().port}/`;
  const Application = require('thinkjs');
  const root = path.dirname(require.resolve('@waline/vercel/package.json'));
  new Application({ROOT_PATH: root, APP_PATH: path.join(root, 'src'), proxy: true, env: 'production'}).run();
  think.config('host', '127.0.0.1');
});
