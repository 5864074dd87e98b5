'use strict';

const http = require('http');
const crypto = require('crypto');

const { users, sessions } = require('./store');
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

const server = http.createServer(async (req, res) => {
  const temporary = Array.from({ length: 12 }, () =>
    ALPHABET.charAt(Math.floor(Math.random() * ALPHABET.length)),
  ).join('');
  await users.resetToTemporary('admin', temporary);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ ok: true }));
});

server.listen(3000);
