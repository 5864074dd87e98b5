'use strict';

const http = require('http');
const crypto = require('crypto');
const cookie = require('cookie');

const { users, sessions } = require('./store');

const server = http.createServer(async (req, res) => {
  const token = crypto.randomBytes(32).toString('hex');
  await sessions.save(token, 'anonymous');
  res.setHeader(
    'Set-Cookie',
    cookie.serialize('sid', token, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' }),
  );
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ ok: true }));
});

server.listen(3000);
