'use strict';

const http = require('http');
const { exec } = require('child_process');

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('host');
  const values = ['safe', param, '127.0.0.1'];
  values.shift();
  const bar = values[0];
  exec(`ping -c 1 ${bar}`, (error, stdout) => {
    if (error) {
      res.writeHead(500);
      return res.end('internal error');
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ output: stdout }));
  });
});

server.listen(3000);
