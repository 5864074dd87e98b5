import Koa from "koa";

const app = new Koa();

app.use(async (ctx) => {
  // ruleid: js.xss-response
  ctx.body = `<p>Hello ${ctx.query.name}</p>`;
});

app.use(async (ctx) => {
  // ok: js.xss-response
  ctx.body = { name: ctx.query.name };
});

export function respond(ctx: Koa.Context, res: import("http").ServerResponse): void {
  // `ctx.body` is the response body the application set, not request data.
  const body = ctx.body;
  if (typeof body === "string") {
    // ok: js.xss-response
    res.end(body);
  }
}
