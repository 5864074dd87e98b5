'use strict';

const http = require('http');
const crypto = require('crypto');

const server = http.createServer(async (req, res) => {
  const userId = 'u-1001';
  const signature = crypto
    .createHash('md5')
    .update(userId + process.env.COOKIE_SECRET)
    .digest('hex');
  res.setHeader('Set-Cookie', `uid=${userId}.${signature}; Path=/; Secure; HttpOnly; SameSite=Strict`);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ ok: true }));
});

server.listen(3000);
