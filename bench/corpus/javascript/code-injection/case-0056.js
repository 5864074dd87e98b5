'use strict';

const express = require('express');
const vm = require('vm');

const app = express();

app.get('/api/case-0056/:expr', async (req, res) => {
  const param = req.params.expr;
  const num = 106;
  const bar = 7 * 42 - num > 200 ? 'This should never happen' : param;
  const script = new vm.Script(bar);
  res.json({ result: script.runInNewContext({ Math }) });
});

app.listen(3000);
