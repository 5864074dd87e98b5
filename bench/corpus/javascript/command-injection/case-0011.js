'use strict';

const http = require('http');
const { execSync } = require('child_process');

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('host');
  const lookup = new Map([['keyA', 'example.com'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const output = execSync('nslookup ' + bar, { encoding: 'utf8' });
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ output }));
});

server.listen(3000);
