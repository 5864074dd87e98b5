'use strict';

const http = require('http');
const escapeHtml = require('escape-html');

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-page'];
  const bar = normalize(param);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.write('<a href="/items?page=' + escapeHtml(bar) + '">Next page</a>');
  res.end();
});

server.listen(3000);
