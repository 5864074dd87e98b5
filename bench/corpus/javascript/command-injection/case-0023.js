'use strict';

const http = require('http');
const { exec } = require('child_process');
const { promisify } = require('util');

const execAsync = promisify(exec);

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-count'];
  const lookup = new Map([['keyA', '3'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const count = Number.parseInt(bar, 10);
  if (Number.isNaN(count)) {
    res.writeHead(400);
    return res.end('invalid input');
  }
  const { stdout } = await execAsync(`ping -c ${count} 127.0.0.1`);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ output: stdout }));
});

server.listen(3000);
