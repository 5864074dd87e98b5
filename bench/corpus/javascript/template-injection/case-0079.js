'use strict';

const express = require('express');
const nunjucks = require('nunjucks');

nunjucks.configure('views', { autoescape: true });

const app = express();

app.get('/api/case-0079/:template', async (req, res) => {
  const param = req.params.template;
  const num = 106;
  const bar = 7 * 42 - num > 200 ? 'This should never happen' : param;
  const html = nunjucks.renderString(bar, { user: 'guest' });
  res.json({ html });
});

app.listen(3000);
