// Creates Waline's SQLite tables (the columns Waline's SQLite storage reads and writes) and
// inserts the benchmark's seed comments in one transaction.
//   node seed.js <database file> <seed file: one JSON object a line {url, nick, mail, comment, insertedAt}>
// Prints the number of comment rows afterwards. Also: node seed.js <database file> --count <url prefix>
const fs = require('node:fs');
const sqlite3 = require('sqlite3');

const [file, seedOrFlag, prefix] = process.argv.slice(2);
const db = new sqlite3.Database(file);
const fail = (e) => { console.error(e); process.exit(1); };

if (seedOrFlag === '--count') {
  db.get('SELECT COUNT(*) AS n FROM wl_Comment WHERE url LIKE ?', [prefix + '%'], (e, row) => {
    if (e) fail(e);
    console.log(row.n);
    db.close();
  });
} else {
  const now = "(datetime('now', 'localtime'))";
  const schema = `
    CREATE TABLE IF NOT EXISTS wl_Comment (
      id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER, comment TEXT, insertedAt DATETIME DEFAULT ${now},
      ip TEXT, link TEXT, mail TEXT, nick TEXT, rid INTEGER, pid INTEGER, sticky NUMERIC, status TEXT NOT NULL,
      "like" INTEGER, ua TEXT, url TEXT, createdAt DATETIME DEFAULT ${now}, updatedAt DATETIME DEFAULT ${now});
    CREATE TABLE IF NOT EXISTS wl_Counter (
      id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER, reaction0 INTEGER, reaction1 INTEGER, reaction2 INTEGER,
      reaction3 INTEGER, reaction4 INTEGER, reaction5 INTEGER, reaction6 INTEGER, reaction7 INTEGER, reaction8 INTEGER,
      url TEXT, createdAt DATETIME DEFAULT ${now}, updatedAt DATETIME DEFAULT ${now});
    CREATE TABLE IF NOT EXISTS wl_Users (
      id INTEGER PRIMARY KEY AUTOINCREMENT, display_name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',
      password TEXT NOT NULL DEFAULT '', type TEXT NOT NULL DEFAULT '', label TEXT, github TEXT, twitter TEXT,
      facebook TEXT, google TEXT, weibo TEXT, qq TEXT, oidc TEXT, huawei TEXT, "2fa" TEXT, avatar TEXT, url TEXT,
      createdAt DATETIME DEFAULT ${now}, updatedAt DATETIME DEFAULT ${now});`;
  const rows = fs.readFileSync(seedOrFlag, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
  db.serialize(() => {
    db.exec(schema, (e) => e && fail(e));
    db.run('BEGIN');
    const insert = db.prepare(`INSERT INTO wl_Comment (comment, insertedAt, ip, mail, nick, status, "like", ua, url, createdAt, updatedAt)
      VALUES (?, ?, '127.0.0.1', ?, ?, 'approved', 0, 'seed', ?, ?, ?)`);
    for (const r of rows) insert.run(r.comment, r.insertedAt, r.mail, r.nick, r.url, r.insertedAt, r.insertedAt, (e) => e && fail(e));
    insert.finalize();
    db.run('COMMIT');
    db.get('SELECT COUNT(*) AS n FROM wl_Comment', (e, row) => {
      if (e) fail(e);
      console.log(row.n);
      db.close();
    });
  });
}
