import express = require('express');

const app = express();

app.get('/api/case-0162/:next', async (req: express.Request, res: express.Response) => {
  const param = req.params.next;
  const parts = [];
  parts.push(param);
  const bar = parts.join('');
  res.location(bar).sendStatus(303);
});

app.listen(3000);
